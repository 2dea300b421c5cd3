import { sql } from '../../shared/sql';
import { EntityManager } from '@mikro-orm/postgresql';
import { compileCondition, CompiledCondition, RuleToEvaluate } from '../evaluation';
import { RuleVersion } from './rule-version.entity';

export { versionInForceAt } from './version-in-force';

/**
 * Compiled programs by rule version id. Published versions never change; a draft (previewed) can be
 * edited under the same id, so an entry is used only while its expression is the version's.
 */
const compiled = new Map<string, CompiledCondition>();

/**
 * A program that fails every evaluation with `message`: a version published before today's checks (types,
 * budget) that they refuse gives an evaluation error on each filing, visible to its association, never a
 * crash of the submission or the job.
 */
function failing(expression: string, message: string): CompiledCondition {
  return { expression, run: () => { throw new Error(message); }, reads: [], wholeReads: [], variables: [], worstCaseIterations: 0 };
}

/** The compiled program of an expression stored on a version (compiled at most once per process and expression). */
export function programOf(version: Pick<RuleVersion, 'id' | 'expression'>): CompiledCondition {
  let program = compiled.get(version.id);
  if (!program || program.expression !== version.expression) {
    const result = compileCondition(version.expression);
    program = result.ok ? result.program : failing(version.expression, `this published version no longer passes the rule checks: ${result.error.message}`);
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(version.id, program);
  }
  return program;
}

/**
 * The rule versions of an association in force at `at` (the latest published version of each rule
 * effective by then, unless that version retires the rule), with their rules loaded.
 */
export async function versionsInForce(em: EntityManager, associationId: string, at: Date): Promise<RuleVersion[]> {
  const rows: { id: string }[] = await sql(em, 
    `select distinct on (v.rule_id) v.id, v.retires
       from rule_version v join rule r on r.id = v.rule_id
      where r.association_id = ? and v.status = 'PUBLISHED' and v.effective_from <= ?
      order by v.rule_id, v.effective_from desc, v.number desc`,
    [associationId, at],
  );
  const ids = rows.filter((row) => !(row as { retires?: boolean }).retires).map((row) => row.id);
  if (!ids.length) return [];
  return em.find(RuleVersion, { id: { $in: ids } }, { populate: ['rule'], orderBy: { rule: { code: 'asc' } } });
}

/** Rule versions in the engine's input form. */
export function toEvaluate(versions: RuleVersion[]): RuleToEvaluate[] {
  return versions.map((v) => ({ ruleVersionId: v.id, ruleCode: v.rule.code, expression: v.expression, program: programOf(v) }));
}
