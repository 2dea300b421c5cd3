import { isCelError } from '@bufbuild/cel';
import { celBindings } from './bindings';
import type { CompiledCondition } from './compile';
import { readValues } from './evidence';
import type { RuleInput } from './facts';
import { positionAt } from './position';

/** A rule version to run, with its condition compiled once (see compileCondition). */
export interface RuleToEvaluate {
  ruleVersionId: string;
  ruleCode: string;
  expression: string;
  program: CompiledCondition;
}

/** What a rule read and when: the expression, each field path it reads with its value, the instant. */
export interface Evidence {
  expression: string;
  values: Record<string, unknown>;
  evaluatedAt: string;
}

/** FLAGGED when the condition is true, PASSED when false, ERROR when it fails or yields a non-bool. */
export type Outcome = 'FLAGGED' | 'PASSED' | 'ERROR';

/** The result of one rule on one filing; `error` is set only for ERROR. */
export interface Finding {
  ruleVersionId: string;
  ruleCode: string;
  outcome: Outcome;
  evidence: Evidence;
  error: string | null;
}

/**
 * Runs every rule on one filing, like graphql-js validate(): pure, one finding per rule in order, never throws
 * for a breach or a failing rule (an evaluation error becomes an ERROR finding, never a flag or a pass).
 * Evidence values read by several rules are shared between their findings: treat findings as immutable.
 */
export function evaluateRules(rules: RuleToEvaluate[], input: RuleInput, evaluatedAt: Date): Finding[] {
  const bindings = celBindings(input);
  const at = evaluatedAt.toISOString();
  const seen = new Map<string, unknown>();
  return rules.map(({ ruleVersionId, ruleCode, expression, program }) => {
    const result = program.run(bindings);
    const evidence = { expression, values: readValues(program.reads, input, seen), evaluatedAt: at };
    const finding = { ruleVersionId, ruleCode, evidence };
    if (isCelError(result)) return { ...finding, outcome: 'ERROR', error: locatedMessage(program, result) };
    if (typeof result !== 'boolean') return { ...finding, outcome: 'ERROR', error: 'rule returned a non-boolean' };
    return { ...finding, outcome: result ? 'FLAGGED' : 'PASSED', error: null };
  });
}

/** The error message with the line and column of the failing node, when the library names it. */
function locatedMessage(program: CompiledCondition, error: { message: string; exprId: bigint | undefined }): string {
  const offset = error.exprId === undefined ? undefined : program.offsets[String(error.exprId)];
  if (offset === undefined) return error.message;
  const { line, column } = positionAt(program.expression, offset);
  return `${error.message} (line ${line}, column ${column})`;
}
