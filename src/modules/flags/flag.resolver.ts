import { Args, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root, Arg, ID } from 'type-graphql';
import type { Context } from '../../context';
import { Connection, pageWindow, toConnection } from '../../shared/pagination';
import { Filing } from '../filings/filing.entity';
import { Platform } from '../platforms/platform.entity';
import { PlatformRef } from '../platforms/platform.rows';
import { RuleVersion } from '../rules/rule-version.entity';
import { Flag } from './flag.entity';
import { FlagsArgs } from './flag.filters';
import { findFlagPage } from './flag.queries';

const FlagConnection = Connection(Flag, 'Flag');

@ObjectType({ description: 'Open flags of a platform by severity.' })
class FlagCountsType {
  @Field(() => Int, { description: 'Open flags of severity CRITICAL.' }) critical!: number;
  @Field(() => Int, { description: 'Open flags of severity HIGH.' }) high!: number;
  @Field(() => Int, { description: 'Open flags of severity MEDIUM.' }) medium!: number;
  @Field(() => Int, { description: 'Open flags of severity LOW.' }) low!: number;
}

/** Public reading of flags, their evidence and rule versions. */
@Resolver(() => Flag)
export class FlagResolver {
  @Query(() => Flag, { description: 'A flag by id, or null.', nullable: true })
  flag(@Arg('id', () => ID, { description: "The flag's global id." }) id: string, @Ctx() { em }: Context) {
    return em.findOne(Flag, id);
  }

  @Query(() => FlagConnection, { description: 'Flags by platform, filing, rule, severity, category, status and period; newest first.' })
  async flags(@Args() args: FlagsArgs, @Ctx() { em }: Context) {
    return toConnection(await findFlagPage(em, args.filter, pageWindow(args)));
  }

  @FieldResolver(() => Platform, { description: 'The platform the flag is about.' })
  platform(@Root() flag: Flag, @Ctx() { loaders }: Context) {
    return loaders.platform.load(flag.platform.id);
  }

  @FieldResolver(() => Filing, { nullable: true, description: 'The filing version that raised it; null for a missing filing.' })
  filing(@Root() flag: Flag, @Ctx() { loaders }: Context) {
    return flag.filing ? loaders.filing.load(flag.filing.id) : null;
  }

  @FieldResolver(() => RuleVersion, { description: 'The exact rule version that raised it.' })
  ruleVersion(@Root() flag: Flag, @Ctx() { loaders }: Context) {
    return loaders.ruleVersion.load(flag.ruleVersion.id);
  }
}

/** Flag counts on platforms. */
@Resolver(() => Platform)
export class PlatformFlagsResolver {
  @FieldResolver(() => FlagCountsType, { description: 'Open flags by severity.' })
  openFlagCounts(@Root() platform: PlatformRef, @Ctx() { loaders }: Context) {
    return loaders.openFlagCounts.load(platform.id);
  }
}
