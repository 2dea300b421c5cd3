import { EntityManager } from '@mikro-orm/postgresql';
import { Filing } from '../filings/filing.entity';
import { evaluateRules, evaluationInstant, factsAsOf, factsDocument, FactsOptions, Finding, loadBatchContext } from '../evaluation';
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

/** An evaluation at the filing's own instant, with the SHA-256 of the facts document it read (see Filing.factsSha256). */
export interface OwnEvaluation extends FilingEvaluation {
  factsSha256: string;
}

/**
 * Evaluates one filing (stored, or a dry run's unsaved draft) as of `options.asOf`: loads its context as a
 * batch of one, builds its facts with factsAsOf (the same builder re-evaluation uses) and runs the pure
 * engine, evaluated at asOf. Reads only; persists nothing.
 */
export async function evaluateFiling(em: EntityManager, filing: Filing, options: EvaluationOptions): Promise<FilingEvaluation> {
  const { versions: given, ...facts } = options;
  const context = await loadBatchContext(em, [filing], facts);
  const versions = given ?? (await versionsInForce(em, associationOf(context.platforms, filing), filing.periodEnd));
  return { versions, findings: evaluateRules(toEvaluate(versions), factsAsOf(context, filing, options.asOf), options.asOf) };
}

/**
 * Evaluates filings a write is about to record, each at its own instant (its submission, or its import
 * file's ctx.asOf) under the rule versions in force for its period, as one batch: the unsaved filings see
 * each other as submitted (an imported history's months). Returns, per filing id, the findings and the
 * SHA-256 of the whole facts document they were evaluated on. Reads only.
 */
export async function evaluateOwn(em: EntityManager, filings: Filing[]): Promise<Map<string, OwnEvaluation>> {
  const context = await loadBatchContext(em, filings);
  const evaluations = new Map<string, OwnEvaluation>();
  for (const filing of filings) {
    const asOf = evaluationInstant(context, filing);
    const versions = await versionsInForce(em, associationOf(context.platforms, filing), filing.periodEnd);
    const facts = factsAsOf(context, filing, asOf);
    evaluations.set(filing.id, { versions, findings: evaluateRules(toEvaluate(versions), facts, asOf), factsSha256: factsDocument(facts).sha256 });
  }
  return evaluations;
}

function associationOf(platforms: ReadonlyMap<string, { association: { id: string } }>, filing: Filing): string {
  const associationId = platforms.get(filing.platform.id)?.association.id;
  if (!associationId) throw new Error(`Platform ${filing.platform.id} of filing ${filing.id} not found`);
  return associationId;
}
