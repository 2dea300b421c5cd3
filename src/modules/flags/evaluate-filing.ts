import { EntityManager } from '@mikro-orm/postgresql';
import { Filing } from '../filings/filing.entity';
import { evaluateRules, factsAsOf, FactsOptions, Finding, loadBatchContext } from '../evaluation';
import { toEvaluate, versionsInForce } from '../rules/rules-in-force';
import { RuleVersion } from '../rules/rule-version.entity';

/** How a filing is evaluated: as of when, optionally the ctx to assume and the rule versions to run. */
export interface EvaluationOptions extends FactsOptions {
  asOf: Date;
  /** Rule versions to evaluate; by default those in force at the period end. */
  versions?: RuleVersion[];
}

/** The outcome of evaluating one filing version: the versions used and one finding per version. */
export interface FilingEvaluation {
  versions: RuleVersion[];
  findings: Finding[];
}

/**
 * Evaluates one filing (stored, or a dry run's unsaved draft) as of `options.asOf`: loads its context as a
 * batch of one, builds its facts with factsAsOf (the same builder re-evaluation uses) and runs the pure
 * engine, evaluated at asOf. Reads only; persists nothing.
 */
export async function evaluateFiling(em: EntityManager, filing: Filing, options: EvaluationOptions): Promise<FilingEvaluation> {
  const { versions: given, ...facts } = options;
  const context = await loadBatchContext(em, [filing], facts);
  const associationId = context.platforms.get(filing.platform.id)?.association.id;
  if (!associationId) throw new Error(`Platform ${filing.platform.id} of filing ${filing.id} not found`);
  const versions = given ?? (await versionsInForce(em, associationId, filing.periodEnd));
  return { versions, findings: evaluateRules(toEvaluate(versions), factsAsOf(context, filing, options.asOf), options.asOf) };
}
