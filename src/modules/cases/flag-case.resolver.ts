import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, toConnection } from '../../shared/pagination';
import type { Context } from '../../context';
import { Role } from '../accounts/role';
import { MemberViewer } from '../accounts/viewer';
import { Flag } from '../flags/flag.entity';
import { FlagCaseState } from '../flags/flag.enums';
import { visibleFlag } from '../flags/flag.visibility';
import { CaseAction } from './case-transitions';
import { FlagCaseStep } from './flag-case-step.entity';
import { DecideFlagInput, DECISION_ACTION, ReopenFlagInput, ReplyToFlagInput } from './flag-case.inputs';
import { replyDueAt } from './reply-period';
import { findReviewQueuePage, ReviewQueueArgs, reviewQueueCounts, ReviewQueueCounts, ReviewQueueFilter } from './review-queue';
import { FlagCaseStepProps, stepFlagCase } from './step-flag-case';

const ReviewQueueConnection = Connection(Flag, 'ReviewQueue');

/** A flag's case as the API shows it: its state, reply period, steps, and the flag it was carried over from. */
@ObjectType({ description: "A flag's case: the platform's hearing and the association's decision, step by step." })
export class FlagCase {
  @Field(() => FlagCaseState, { description: 'Where the case stands.' }) state!: FlagCaseState;
  @Field(() => Date, { nullable: true, description: 'While the case is OPEN and the flag stands: the end of the reply period (10 working days on the association calendar after it opened); a reviewer may decide without a reply after it.' })
  replyDueAt!: Date | null;
  @Field(() => [FlagCaseStep], { description: "Every step of this flag's case, oldest first: replies, decisions, reopenings, and the registry's closing." }) steps!: FlagCaseStep[];
  @Field(() => Flag, { nullable: true, description: 'The flag this case was carried over from, when re-evaluation (an amendment, a new rule version) replaced it while its case was under way; its steps stay there.' })
  carriedFrom!: Flag | null;
}

/** Due process on flags: the platform replies, reviewers of its association decide or reopen; anyone reads the case. */
@Resolver(() => Flag)
export class FlagCaseResolver {
  @FieldResolver(() => FlagCase, { name: 'case', description: "The flag's case: state, reply period and steps." })
  async flagCase(@Root() flag: Flag, @Ctx() context: Context): Promise<FlagCase> {
    const { loaders } = context;
    const calendar = await loaders.associationCalendar.load((await loaders.platform.load(flag.platform.id))!.association.id);
    const carriedFrom = flag.caseCarriedFrom ? await visibleFlag(context, await loaders.flag.load(flag.caseCarriedFrom.id)) : null;
    return { state: flag.caseState, replyDueAt: replyDueAt(flag, calendar), steps: await loaders.caseStepsOfFlag.load(flag.id), carriedFrom };
  }

  @Authorized(Role.REVIEWER)
  @Query(() => ReviewQueueConnection, { description: "A reviewer's work queue: current flags of the association's platforms whose case awaits a decision (OPEN or RESPONDED), most severe first, then oldest." })
  async reviewQueue(@Args() args: ReviewQueueArgs, @Ctx() { em, viewer }: Context) {
    return toConnection(await findReviewQueuePage(em, (viewer as MemberViewer).associationId as string, args));
  }

  @Authorized(Role.REVIEWER)
  @Query(() => ReviewQueueCounts, { description: 'How many cases of the review queue (as filtered) await a decision, by state and severity.' })
  reviewQueueCounts(@Arg('filter', () => ReviewQueueFilter, { nullable: true, description: 'Narrows the queue, as for reviewQueue.' }) filter: ReviewQueueFilter | null, @Ctx() { em, viewer }: Context) {
    return reviewQueueCounts(em, (viewer as MemberViewer).associationId as string, filter);
  }

  @Authorized(Role.FILER)
  @Mutation(() => Flag, { description: "The platform's owner or a filer answers a flag: the case becomes RESPONDED (further replies add to it)." })
  replyToFlag(@Arg('input', { description: 'The flag and the reply.' }) input: ReplyToFlagInput, @Ctx() context: Context) {
    return step(context, { flagId: input.flagId, action: CaseAction.REPLY, text: input.text, documentSha256s: input.documentSha256s });
  }

  @Authorized(Role.REVIEWER)
  @Mutation(() => Flag, { description: "A reviewer of the platform's association decides the case: after a reply, or without one once the reply period is over." })
  decideFlag(@Arg('input', { description: 'The flag, the decision and why.' }) input: DecideFlagInput, @Ctx() context: Context) {
    return step(context, { flagId: input.flagId, action: DECISION_ACTION[input.decision], text: input.reason, remediatingFilingId: input.remediatingFilingId });
  }

  @Authorized(Role.REVIEWER)
  @Mutation(() => Flag, { description: "A reviewer of the platform's association reopens a decided case, with a reason: it is OPEN again, with a new reply period." })
  reopenFlag(@Arg('input', { description: 'The flag and why it is reopened.' }) input: ReopenFlagInput, @Ctx() context: Context) {
    return step(context, { flagId: input.flagId, action: CaseAction.REOPEN, text: input.reason });
  }
}

async function step({ em, viewer, loaders }: Context, props: Omit<FlagCaseStepProps, 'viewer'>): Promise<Flag> {
  const flag = await stepFlagCase(em, { viewer: viewer as MemberViewer, ...props });
  loaders.caseStepsOfFlag.clear(flag.id);
  return flag;
}
