import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IsOptional, ValidateNested } from 'class-validator';
import type { Context } from '../../context';
import { Connection, CursorCodec, keysetRead, PageArgs, pageOf, pageWindow, toConnection } from '../../shared/pagination';
import { Role } from '../accounts/role';
import { MemberViewer } from '../accounts/viewer';
import { Platform } from '../platforms/platform.entity';
import { actsForPlatformsAssociation } from '../platforms/platform.policy';
import { Challenge } from './challenge.entity';
import { ChallengeStatus, ChallengeTarget } from './challenge.enums';
import { DecideChallengeInput, FileChallengeInput } from './challenge.inputs';
import { decideChallenge, fileChallenge } from './challenges';

const ChallengeConnection = Connection(Challenge, 'Challenge');
const CHALLENGE_CURSOR = new CursorCodec('challenges', 'FILED_DESC', ['instant', 'text'] as const);

@InputType({ description: 'Narrows the challenges; all given conditions must hold.' })
class ChallengeFilter {
  @Field(() => [ChallengeStatus], { nullable: true, description: 'Any of these statuses (OPEN: the queue).' }) status?: ChallengeStatus[];
  @Field(() => ID, { nullable: true, description: 'Challenges of records about this platform.' }) platformId?: string;
  @Field(() => ChallengeTarget, { nullable: true, description: 'Challenges of this kind of record.' }) targetType?: ChallengeTarget;
  @Field(() => ID, { nullable: true, description: 'Challenges of this record.' }) targetId?: string;
}

@ArgsType()
class ChallengesArgs extends PageArgs {
  @Field(() => ChallengeFilter, { nullable: true, description: 'Narrows the list.' })
  @IsOptional()
  @ValidateNested()
  filter?: ChallengeFilter | null;
}

/** Anyone challenges a public record; reviewers of its association decide; everyone reads challenges and outcomes. */
@Resolver(() => Challenge)
export class ChallengeResolver {
  @Mutation(() => Challenge, { description: "Anyone, without an account, disputes a public record: queued for the association's reviewers. Changes no data by itself." })
  fileChallenge(@Arg('input', { description: 'The record disputed, why, and how to reach you.' }) input: FileChallengeInput, @Ctx() { em, viewer }: Context) {
    return fileChallenge(em, viewer, input);
  }

  @Authorized(Role.REVIEWER)
  @Mutation(() => Challenge, { description: "A reviewer of the record's association upholds or rejects a challenge, with a public reason." })
  decideChallenge(@Arg('input', { description: 'The challenge, the decision and its public reason.' }) input: DecideChallengeInput, @Ctx() { em, viewer }: Context) {
    return decideChallenge(em, viewer as MemberViewer, input);
  }

  @Query(() => ChallengeConnection, { description: 'Challenges and their outcomes, newest first; `filter: { status: [OPEN] }` is the queue.' })
  async challenges(@Args() args: ChallengesArgs, @Ctx() { em }: Context) {
    const { filter } = args;
    const window = pageWindow(args);
    const { order, compare } = keysetRead('desc', window);
    const op = compare === '>' ? '$gt' : '$lt';
    const where = {
      ...(filter?.status?.length ? { status: { $in: filter.status } } : {}),
      ...(filter?.platformId ? { platform: filter.platformId } : {}),
      ...(filter?.targetType ? { targetType: filter.targetType } : {}),
      ...(filter?.targetId ? { targetId: filter.targetId } : {}),
    };
    const keyset = window.cursor
      ? (([filedAt, id]) => ({ $or: [{ filedAt: { [op]: filedAt } }, { filedAt, id: { [op]: id } }] }))(CHALLENGE_CURSOR.decode(window.cursor, window.cursorArgument))
      : {};
    const rows = await em.find(Challenge, { ...where, ...keyset }, { orderBy: { filedAt: order, id: order }, limit: window.size + 1 });
    return toConnection(pageOf(rows, window, (c) => CHALLENGE_CURSOR.encode([c.filedAt, c.id]), () => em.count(Challenge, where)));
  }

  @FieldResolver(() => Platform, { description: 'The platform the disputed record is about.' })
  async platform(@Root() challenge: Challenge, @Ctx() { loaders }: Context) {
    return loaders.platform.load(challenge.platform.id);
  }

  @FieldResolver(() => String, { nullable: true, description: "The challenger's contact: for the reviewers of the record's association only; null for everyone else." })
  async contact(@Root() challenge: Challenge, @Ctx() { viewer, loaders }: Context) {
    const platform = await loaders.platform.load(challenge.platform.id);
    return platform && actsForPlatformsAssociation(viewer, platform, Role.REVIEWER) ? challenge.contact : null;
  }
}
