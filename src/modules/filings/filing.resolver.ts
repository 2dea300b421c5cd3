import { IsPeriod } from '../../shared/period';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IsOptional } from 'class-validator';
import type { Context } from '../../context';
import { ForbiddenError } from '../../errors';
import { Connection, PageArgs, pageWindow, toConnection } from '../../shared/pagination';
import { AsOfArgs, AsOfUnavailableError, boundOf, historyResolver, listAsRead, recordAsRead, resolveBound } from '../ledger';
import { Role } from '../accounts/role';
import { MemberViewer } from '../accounts/viewer';
import { EvaluationError } from '../flags/evaluation-error.entity';
import { Flag } from '../flags/flag.entity';
import { visibleFlags } from '../flags/flag.visibility';
import { Platform } from '../platforms/platform.entity';
import { seesEvaluationErrors } from '../platforms/platform.policy';
import { BorrowerCaps, CustodyReconciliation, FilingOps, ProductDisclosure } from './filing-content';
import { FilingDerived, derivedShares } from './filing-derived';
import { contentOutput } from './filing-document';
import { Filing } from './filing.entity';
import { AmendFilingInput, SubmitFilingInput } from './filing.inputs';
import { findFilingPage, findFilingPageAsOf } from './filing.queries';
import { amendFiling, submitFiling } from './submit-filing';
import { FilingValidation, validateFiling } from './validate-filing';

const FilingConnection = Connection(Filing, 'Filing');

/** The output shape of each filing's content, converted once however many of its parts are selected. */
const outputs = new WeakMap<Filing, ReturnType<typeof contentOutput>>();
function outputOf(filing: Filing) {
  let output = outputs.get(filing);
  if (!output) outputs.set(filing, (output = contentOutput(filing.content)));
  return output;
}

@ArgsType()
class FilingsArgs extends PageArgs {
  @Field(() => ID, { description: "The platform's global id." }) platformId!: string;

  @Field(() => String, { nullable: true, description: 'Only this month, YYYY-MM.' })
  @IsOptional()
  @IsPeriod()
  period?: string | null;

  @Field({ defaultValue: false, description: 'Include versions replaced by amendments.' })
  includeSuperseded!: boolean;
}

/** Monthly filings: submission, amendment, dry-run validation and public reading. */
@Resolver(() => Filing)
export class FilingResolver {
  @Query(() => Filing, { nullable: true, description: 'A filing version by id, or null; with asOf/atLogSize, null if it was not filed yet then.' })
  async filing(@Arg('id', () => ID, { description: "The filing version's global id." }) id: string, @Args() point: AsOfArgs, @Ctx() { em, loaders }: Context) {
    const bound = await resolveBound(em, point);
    return bound ? loaders.asOf.load({ type: 'filing', id, bound }) : loaders.filing.load(id);
  }

  @Query(() => FilingConnection, { description: "A platform's filings, newest period first; with asOf/atLogSize, the list as it was then." })
  async filings(@Args() args: FilingsArgs, @Args() point: AsOfArgs, @Ctx() { em }: Context) {
    const bound = await resolveBound(em, point);
    const query = { ...args, window: pageWindow(args) };
    return toConnection(bound ? await findFilingPageAsOf(em, query, bound) : await findFilingPage(em, query));
  }

  @Authorized(Role.FILER)
  @Mutation(() => Filing, { description: "Submits a month's filing; it is checked against the rules in force and flags are raised. Accepts an Idempotency-Key header or argument." })
  submitFiling(@Arg('input', { description: 'The platform, the month and the figures.' }) input: SubmitFilingInput, @Ctx() { em, viewer, idempotencyKey }: Context) {
    return submitFiling(em, viewer as MemberViewer, { ...input, idempotencyKey: input.idempotencyKey ?? idempotencyKey } as SubmitFilingInput);
  }

  @Authorized(Role.FILER)
  @Mutation(() => Filing, { description: 'Corrects the live filing of a period with a new version; the old one and its flags stay readable.' })
  amendFiling(@Arg('input', { description: 'The version corrected, why, and the corrected figures.' }) input: AmendFilingInput, @Ctx() { em, viewer, idempotencyKey }: Context) {
    return amendFiling(em, viewer as MemberViewer, { ...input, idempotencyKey: input.idempotencyKey ?? idempotencyKey } as AmendFilingInput);
  }

  @Mutation(() => FilingValidation, { description: 'Dry run, open to anyone: validates a filing and shows what the rules in force would flag. Stores nothing.' })
  validateFiling(@Arg('input', { description: 'A filing as submitFiling would take it.' }) input: SubmitFilingInput, @Ctx() { em, viewer }: Context) {
    return validateFiling(em, viewer, input);
  }

  @FieldResolver(() => Platform, { description: 'The platform that filed it.' })
  async platform(@Root() filing: Filing, @Ctx() { loaders }: Context) {
    return recordAsRead(filing, loaders.asOf, 'platform', filing.platform.id, (id) => loaders.platform.load(id));
  }

  @FieldResolver(() => Boolean, { description: 'Submitted after dueAt.' })
  late(@Root() filing: Filing): boolean {
    return filing.submittedAt > filing.dueAt;
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The version this amendment replaced.' })
  supersedesId(@Root() filing: Filing): string | null {
    return filing.supersedes?.id ?? null;
  }

  @FieldResolver(() => FilingOps, { description: 'Operating indicators as filed: stocks at the period end, flows during the month.' })
  ops(@Root() filing: Filing) {
    return outputOf(filing).ops;
  }

  @FieldResolver(() => BorrowerCaps, { description: 'Largest outstanding balances of a single borrower, as filed.' })
  borrowerCaps(@Root() filing: Filing) {
    return outputOf(filing).borrowerCaps;
  }

  @FieldResolver(() => CustodyReconciliation, { description: 'The custody reconciliation for the period, as filed.' })
  custody(@Root() filing: Filing) {
    return outputOf(filing).custody;
  }

  @FieldResolver(() => [ProductDisclosure], { description: 'The products offered to lenders in the period, as filed.' })
  products(@Root() filing: Filing) {
    return outputOf(filing).products;
  }

  @FieldResolver(() => FilingDerived, { description: 'Shares and rates the registry derives from the filed amounts.' })
  derived(@Root() filing: Filing): FilingDerived {
    return derivedShares(outputOf(filing).ops as Record<string, bigint>);
  }

  @FieldResolver(() => [Flag], { description: 'Flags raised on this version, whatever their status (those held for review only for the platform and its association).' })
  async flags(@Root() filing: Filing, @Ctx() context: Context): Promise<Flag[]> {
    return listAsRead(filing, context.loaders.asOf, 'flag', await visibleFlags(context, await context.loaders.flagsOfFiling.load(filing.id)));
  }

  @FieldResolver(() => [EvaluationError], { description: "Rules that failed to evaluate on this version; visible to the platform's association and to the platform itself." })
  async evaluationErrors(@Root() filing: Filing, @Ctx() { viewer, loaders }: Context): Promise<EvaluationError[]> {
    if (boundOf(filing)) throw new AsOfUnavailableError('Filing.evaluationErrors', 'evaluation errors are private, never in the public log');
    const platform = await loaders.platform.load(filing.platform.id);
    if (!platform || !seesEvaluationErrors(viewer, platform)) throw new ForbiddenError("Only the platform and members of its association can see evaluation errors.");
    return loaders.evaluationErrorsOfFiling.load(filing.id);
  }
}

/** `history` of a filing: every public version of its period (the original and each amendment), diffed one to the next. */
export const FilingHistoryResolver = historyResolver(
  Filing,
  async (filing, { loaders }) => ({ type: 'filing', ids: await loaders.filingVersionIds.load(filing.id) }),
  "Every public version of this filing's period, oldest first: the original and each amendment (log index, when, who, why, and the fields that changed from the version before).",
);
