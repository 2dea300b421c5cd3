import { Args, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root, Arg, ID } from 'type-graphql';
import type { Context } from '../../context';
import { Connection, pageWindow, toConnection } from '../../shared/pagination';
import { AsOfArgs, boundOf, recordAsRead, resolveBound } from '../ledger';
import { Filing } from '../filings/filing.entity';
import { Platform } from '../platforms/platform.entity';
import { PlatformRef } from '../platforms/platform.rows';
import { RuleVersion } from '../rules/rule-version.entity';
import { Flag } from './flag.entity';
import { FlagsArgs } from './flag.filters';
import { findFlagPage, findFlagPageAsOf } from './flag.queries';
import { visibleFlag } from './flag.visibility';
import { PlatformRisk, RiskPointConnection, RiskPointsArgs, riskPointPage } from './platform-risk.types';

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
  @Query(() => Flag, { description: 'A flag by id, or null (also for a flag held for review, unless you are of its platform or association).', nullable: true })
  async flag(@Arg('id', () => ID, { description: "The flag's global id." }) id: string, @Ctx() context: Context) {
    return visibleFlag(context, await context.em.findOne(Flag, id));
  }

  @Query(() => FlagConnection, { description: 'Flags by platform, filing, rule, severity, category, status and period; newest first. With asOf/atLogSize, the flags and statuses as they were then. Flags held for review are listed only to the platform and its association.' })
  async flags(@Args() args: FlagsArgs, @Args() point: AsOfArgs, @Ctx() { em, viewer }: Context) {
    const bound = await resolveBound(em, point);
    const window = pageWindow(args);
    // as of a point: the public record, where a held flag has no version before its confirmation
    return toConnection(bound ? await findFlagPageAsOf(em, bound, args.filter, window) : await findFlagPage(em, viewer, args.filter, window));
  }

  @FieldResolver(() => Platform, { description: 'The platform the flag is about.' })
  platform(@Root() flag: Flag, @Ctx() { loaders }: Context) {
    return recordAsRead(flag, loaders.asOf, 'platform', flag.platform.id, (id) => loaders.platform.load(id));
  }

  @FieldResolver(() => Filing, { nullable: true, description: 'The filing version that raised it; null for a missing filing.' })
  filing(@Root() flag: Flag, @Ctx() { loaders }: Context) {
    return flag.filing ? recordAsRead(flag, loaders.asOf, 'filing', flag.filing.id, (id) => loaders.filing.load(id)) : null;
  }

  @FieldResolver(() => RuleVersion, { description: 'The exact rule version that raised it.' })
  ruleVersion(@Root() flag: Flag, @Ctx() { loaders }: Context) {
    return recordAsRead(flag, loaders.asOf, 'rule-version', flag.ruleVersion.id, (id) => loaders.ruleVersion.load(id));
  }
}

/** Flag counts on platforms. */
@Resolver(() => Platform)
export class PlatformFlagsResolver {
  @FieldResolver(() => FlagCountsType, { description: 'Open flags by severity (as of the point the platform was read at, if any); flags held for review count only once published.' })
  openFlagCounts(@Root() platform: PlatformRef, @Ctx() { loaders }: Context) {
    const bound = boundOf(platform);
    return bound ? loaders.openFlagCountsAsOf.load({ platformId: platform.id, bound }) : loaders.openFlagCounts.load(platform.id);
  }

  @FieldResolver(() => PlatformRisk, {
    description:
      'Risk summary as of now, or as of the point the platform was read at (flags, qualification states and filings as recorded then): flags (published ones: held flags count once a reviewer confirms them), qualifications, filings, and the score with the item behind every point.',
  })
  risk(@Root() platform: PlatformRef, @Ctx() { loaders }: Context) {
    const bound = boundOf(platform);
    return bound ? loaders.platformRiskAsOf.load({ platformId: platform.id, bound }) : loaders.platformRisk.load(platform.id);
  }
}

/** The items behind a risk score, one page at a time. */
@Resolver(() => PlatformRisk)
export class PlatformRiskResolver {
  @FieldResolver(() => RiskPointConnection, { description: 'Every item that scores, highest points first (ties by item), with its points and reason.' })
  points(@Root() risk: PlatformRisk, @Args() args: RiskPointsArgs) {
    return riskPointPage(risk.items, pageWindow(args));
  }
}
