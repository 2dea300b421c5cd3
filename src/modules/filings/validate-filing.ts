import { EntityManager } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { NotFoundError } from '../../errors';
import { calendarFor } from '../calendar/association-calendar';
import { periodBounds } from '../calendar/working-days';
import { evaluateFiling } from '../flags/evaluate-filing';
import { Viewer } from '../accounts/viewer';
import { Platform } from '../platforms/platform.entity';
import { seesEvaluationErrors } from '../platforms/platform.policy';
import { RuleCategory, Severity } from '../rules/rule.enums';
import { Filing } from './filing.entity';
import { Provenance } from './filing.enums';
import { contentHash, storedContent } from './filing-document';
import { SubmitFilingInput } from './filing.inputs';
import { assertPeriodEnded } from './submit-filing';

/** What one rule in force would say about the filing. */
@ObjectType({ description: 'What one rule in force says about a filing.' })
export class RuleFinding {
  @Field({ description: 'Code of the rule, e.g. CUST-001.' }) ruleCode!: string;
  @Field({ description: 'Global id of the rule version in force that judged it.' }) ruleVersionId!: string;
  @Field({ description: "The rule's title." }) title!: string;
  @Field(() => Severity, { description: 'How serious the rule deems a breach.' }) severity!: Severity;
  @Field(() => RuleCategory, { description: 'What the rule is about.' }) category!: RuleCategory;
  @Field({ description: 'FLAGGED, PASSED or ERROR.' }) outcome!: string;
  @Field(() => GraphQLJSONObject, { description: 'expression, values (field path -> value read), evaluatedAt: what the rule saw.' }) evidence!: object;
  @Field(() => String, { description: 'Why the rule failed to evaluate; null unless outcome is ERROR.', nullable: true }) error!: string | null;
}

/** The result of a dry run. */
@ObjectType({ description: 'Result of validateFiling: the input passed validation; these are the rule outcomes if it were filed now.' })
export class FilingValidation {
  @Field(() => Date, { description: "The deadline of the period's filing." }) dueAt!: Date;
  @Field({ description: 'Whether filing it now would be late.' }) lateIfFiledNow!: boolean;
  @Field(() => [RuleFinding], { description: 'Rules that would flag the filing.' }) flagged!: RuleFinding[];
  @Field(() => [RuleFinding], { description: 'Rules that could not be evaluated; shown to the platform and its association only.' }) errors!: RuleFinding[];
  @Field(() => [RuleFinding], { description: 'Every rule in force with its outcome (ERROR outcomes only for the platform and its association).' }) findings!: RuleFinding[];
}

/**
 * Dry run: the same validation as submitFiling (input checks ran at the edge) and the rule check on an
 * unsaved filing as of now. Open to anyone; stores nothing. Rules that could not be evaluated are
 * shown only to the platform and its association.
 */
export async function validateFiling(em: EntityManager, viewer: Viewer, input: SubmitFilingInput): Promise<FilingValidation> {
  assertPeriodEnded(input.period);
  const platform = await em.findOne(Platform, input.platformId);
  if (!platform) throw new NotFoundError('Platform', input.platformId);
  const now = new Date();
  const stored = storedContent(input);
  const { start, end } = periodBounds(input.period);
  const draft = Object.assign(new Filing(), {
    platform, period: input.period, amendment: 1, provenance: Provenance.SUBMITTED, currency: 'CNY',
    periodStart: start, periodEnd: end, dueAt: (await calendarFor(em, platform.association.id)).filingDueAt(input.period), submittedAt: now,
    amendmentReason: null, content: stored, contentSha256: contentHash(stored), createdAt: now,
  });
  const { versions, findings } = await evaluateFiling(em, draft, { asOf: now });
  const byId = new Map(versions.map((v) => [v.id, v]));
  // rule evaluation errors stay with the platform and its association, as on stored filings
  const shown = seesEvaluationErrors(viewer, platform) ? findings : findings.filter((f) => f.outcome !== 'ERROR');
  const results = shown.map((f) => {
    const version = byId.get(f.ruleVersionId)!;
    return { ...f, evidence: f.evidence, title: version.title, severity: version.severity, category: version.category };
  });
  return {
    dueAt: draft.dueAt,
    lateIfFiledNow: now > draft.dueAt,
    flagged: results.filter((r) => r.outcome === 'FLAGGED'),
    errors: results.filter((r) => r.outcome === 'ERROR'),
    findings: results,
  };
}
