import { IsPeriod } from '../../shared/period';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Connection, CursorCodec, keysetRead, PageArgs, pageOf, pageWindow, toConnection } from '../../shared/pagination';
import { Role } from '../accounts/role';
import { MemberViewer } from '../accounts/viewer';
import { Association } from '../associations/association.entity';
import { REEVALUATE_JOB } from './publish-rule';
import { AsOfArgs, AsOfUnavailableError, boundOf, listAsRead, recordAsRead, resolveBound, Write } from '../ledger';
import type { Loaders } from '../../loaders';
import { findRulebookPageAsOf } from './rulebook-as-of.queries';
import { previewRuleDraft } from './preview-rule';
import { publishRuleDraft, retireRule } from './publish-rule';
import { RulePreview } from './rule-preview.types';
import { Rule } from './rule.entity';
import { editsRulebook, seesRuleVersion } from './rule.policy';
import { visibleRule } from './rule.visibility';
import { RuleVersionStatus } from './rule.enums';
import { PublishRuleDraftInput, RetireRuleInput, SaveRuleDraftInput } from './rule.inputs';
import { RuleVersion } from './rule-version.entity';
import { saveRuleDraft } from './save-rule-draft';
import { ParameterValue } from './parameter.entity';
import { publishParameter, PublishParameterInput } from './publish-parameter';
import { findParameterPage } from './parameter.queries';

const RuleConnection = Connection(Rule, 'Rule');
const ParameterConnection = Connection(ParameterValue, 'ParameterValue');
const RULE_CURSOR = new CursorCodec('rulebook', 'CODE_ASC', ['text'] as const);

/** A rule's versions as it was read: as of a past point (public versions recorded by then), or now (drafts included). */
async function versionsAsRead(rule: Rule, loaders: Loaders): Promise<RuleVersion[]> {
  return listAsRead(rule, loaders.asOf, 'rule-version', await loaders.versionsOfRule.load(rule.id));
}

/** Enqueues re-evaluation of the new version's effective range in the publishing transaction. */
const reevaluate = (jobs: Context['jobs']) => (write: Write, version: RuleVersion) => jobs.send(write, REEVALUATE_JOB, { ruleVersionId: version.id });

@ArgsType()
class RulebookArgs extends PageArgs {
  @Field(() => ID, { description: "The association's global id." }) associationId!: string;
}

@ArgsType()
class ParametersArgs extends PageArgs {
  @Field(() => ID, { description: "The association's global id." }) associationId!: string;
}

@InputType({ description: 'A draft to dry-run and the periods to run it over.' })
class PreviewRuleDraftInput {
  @Field(() => ID, { description: "The draft (a rule version's global id)." }) ruleVersionId!: string;
  @Field({ description: 'First month, YYYY-MM.' }) @IsPeriod() fromPeriod!: string;
  @Field({ description: 'Last month, YYYY-MM (inclusive).' }) @IsPeriod() toPeriod!: string;
}

/** Rulebooks: public reading of published versions; drafting, previewing, publishing and retiring for rule editors. */
@Resolver(() => Rule)
export class RuleResolver {
  @Query(() => RuleConnection, { description: "An association's rules by code; with asOf/atLogSize, the rules published by then, with their versions as they were." })
  async rulebook(@Args() args: RulebookArgs, @Args() point: AsOfArgs, @Ctx() { em, viewer }: Context) {
    const window = pageWindow(args);
    const bound = await resolveBound(em, point);
    if (bound) return toConnection(await findRulebookPageAsOf(em, { associationId: args.associationId, window, cursor: RULE_CURSOR }, bound));
    const { order, compare } = keysetRead('asc', window);
    const [code] = window.cursor ? RULE_CURSOR.decode(window.cursor, window.cursorArgument) : [];
    // rules that were only ever drafted stay private to the association's editors
    const visible = { association: args.associationId, ...(editsRulebook(viewer, args.associationId) ? {} : { versions: { status: RuleVersionStatus.PUBLISHED } }) };
    const where = { ...visible, ...(window.cursor ? { code: { [compare === '>' ? '$gt' : '$lt']: code } } : {}) };
    const rows = await em.find(Rule, where, { orderBy: { code: order }, limit: window.size + 1 });
    return toConnection(pageOf(rows, window, (r) => RULE_CURSOR.encode([r.code]), () => em.count(Rule, visible)));
  }

  @Query(() => Rule, { nullable: true, description: "A rule by id; null if unknown, or only ever drafted and you are not one of its association's editors." })
  rule(@Arg('id', () => ID, { description: "The rule's global id." }) id: string, @Ctx() context: Context): Promise<Rule | null> {
    return visibleRule(context, id);
  }

  @Authorized(Role.RULE_EDITOR)
  @Mutation(() => RuleVersion, { description: 'Saves a draft (new rule, new version of a published rule, or edit of the open draft). The CEL is checked.' })
  saveRuleDraft(@Arg('input', { description: "The draft's content." }) input: SaveRuleDraftInput, @Ctx() { em, viewer }: Context) {
    return saveRuleDraft(em, viewer as MemberViewer, input);
  }

  @Authorized(Role.RULE_EDITOR)
  @Mutation(() => RulePreview, { description: 'Evaluates a draft over the filings on record and compares it with the version in force. Writes nothing.' })
  previewRuleDraft(@Arg('input', { description: 'The draft and the period range to run it over.' }) input: PreviewRuleDraftInput, @Ctx() { em, viewer }: Context) {
    return previewRuleDraft(em, viewer as MemberViewer, input);
  }

  @Authorized(Role.RULE_EDITOR)
  @Mutation(() => RuleVersion, { description: 'Publishes a draft as an immutable version; filings from its effective date are re-evaluated in the background.' })
  publishRuleDraft(@Arg('input', { description: 'The draft and when it takes effect.' }) input: PublishRuleDraftInput, @Ctx() { em, viewer, jobs }: Context) {
    return publishRuleDraft(em, viewer as MemberViewer, input, reevaluate(jobs));
  }

  @Authorized(Role.RULE_EDITOR)
  @Mutation(() => RuleVersion, { description: 'Retires a rule from a date: filings of later periods are no longer checked against it.' })
  retireRule(@Arg('input', { description: 'The rule, from when, and why.' }) input: RetireRuleInput, @Ctx() { em, viewer, jobs }: Context) {
    return retireRule(em, viewer as MemberViewer, input, reevaluate(jobs));
  }

  @Authorized(Role.RULE_EDITOR)
  @Mutation(() => ParameterValue, { description: 'Publishes an association parameter (ctx.params) for a period onwards.' })
  publishParameter(@Arg('input', { description: 'The parameter, its period, value and why.' }) input: PublishParameterInput, @Ctx() { em, viewer }: Context) {
    return publishParameter(em, viewer as MemberViewer, input);
  }

  @Query(() => ParameterConnection, { description: "An association's published parameter values by name, newest period and version first." })
  async parameters(@Args() args: ParametersArgs, @Ctx() { em }: Context) {
    return toConnection(await findParameterPage(em, args.associationId, pageWindow(args)));
  }

  @FieldResolver(() => Association, { description: 'The association whose rulebook holds the rule.' })
  association(@Root() rule: Rule, @Ctx() { loaders }: Context) {
    return recordAsRead(rule, loaders.asOf, 'association', rule.association.id, (id) => loaders.association.load(id));
  }

  @FieldResolver(() => [RuleVersion], { description: "Published versions, newest first; the association's editors also see the open draft." })
  async versions(@Root() rule: Rule, @Ctx() { loaders, viewer }: Context): Promise<RuleVersion[]> {
    const versions = await versionsAsRead(rule, loaders);
    return versions.filter((v) => seesRuleVersion(viewer, v, rule.association.id));
  }

  @FieldResolver(() => RuleVersion, { nullable: true, description: 'The version in force at `at` (default now, or the point the rule was read as of); null if none or retired.' })
  async inForce(@Root() rule: Rule, @Ctx() { loaders }: Context, @Arg('at', () => Date, { description: 'The instant to ask about; default now (or the point the rule was read as of).', nullable: true }) at?: Date): Promise<RuleVersion | null> {
    const moment = at ?? boundOf(rule)?.instant ?? new Date();
    const published = (await versionsAsRead(rule, loaders)).filter(
      (v) => v.status === RuleVersionStatus.PUBLISHED && v.effectiveFrom && v.effectiveFrom <= moment,
    );
    const current = published.sort((a, b) => (b.number ?? 0) - (a.number ?? 0))[0];
    return current && !current.retires ? current : null;
  }
}

/** Rule-version fields that need lookups. */
@Resolver(() => RuleVersion)
export class RuleVersionResolver {
  @FieldResolver(() => String, { description: 'Code of the rule.' })
  async ruleCode(@Root() version: RuleVersion, @Ctx() { loaders }: Context): Promise<string> {
    return (await loaders.rule.load(version.rule.id))!.code;
  }

  @FieldResolver(() => ID, { description: 'Global id of the rule this is a version of.' })
  ruleId(@Root() version: RuleVersion): string {
    return version.rule.id;
  }

  @FieldResolver(() => String, { description: 'Who drafted this version.' })
  async draftedBy(@Root() version: RuleVersion, @Ctx() { loaders }: Context): Promise<string> {
    if (boundOf(version)) throw new AsOfUnavailableError('RuleVersion.draftedBy', 'staff names are private, never in the public log');
    return (await loaders.member.load(version.createdBy.id))?.name ?? 'unknown';
  }

  @FieldResolver(() => String, { nullable: true, description: 'Who published this version; null while a draft.' })
  async publishedByName(@Root() version: RuleVersion, @Ctx() { loaders }: Context): Promise<string | null> {
    if (boundOf(version)) throw new AsOfUnavailableError('RuleVersion.publishedByName', 'staff names are private, never in the public log');
    return version.publishedBy ? ((await loaders.member.load(version.publishedBy.id))?.name ?? 'unknown') : null;
  }
}
