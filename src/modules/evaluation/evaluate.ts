import { type CompiledCondition, offsetOf, summaryOf } from './compile';
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
 * Evidence is read from the input when a finding's `evidence` is first read (most findings are passes that
 * nobody reads), so the input must not change afterwards; values read by several rules are shared between
 * their findings: treat findings as immutable.
 */
export function evaluateRules(rules: RuleToEvaluate[], input: RuleInput, evaluatedAt: Date): Finding[] {
  const at = evaluatedAt.toISOString();
  const seen = new Map<string, unknown>();
  return rules.map(({ ruleVersionId, ruleCode, expression, program }) => {
    let outcome: Outcome;
    let error: string | null = null;
    try {
      const result = program.run(input);
      if (typeof result === 'boolean') outcome = result ? 'FLAGGED' : 'PASSED';
      else [outcome, error] = ['ERROR', 'rule returned a non-boolean'];
    } catch (thrown) {
      [outcome, error] = ['ERROR', locatedMessage(program, thrown)];
    }
    return new LazyFinding(ruleVersionId, ruleCode, outcome, error, () => ({ expression, values: readValues(program.reads, input, seen), evaluatedAt: at }));
  });
}

/**
 * A finding whose evidence is read on first access (a getter on the prototype: an accessor of its own
 * per finding costs more than the evaluation). So spreading a finding (`{ ...finding }`) drops its
 * evidence: name it (`{ ...finding, evidence: finding.evidence }`).
 */
class LazyFinding implements Finding {
  #evidence: Evidence | undefined;
  readonly #readEvidence: () => Evidence;

  constructor(
    readonly ruleVersionId: string,
    readonly ruleCode: string,
    readonly outcome: Outcome,
    readonly error: string | null,
    readEvidence: () => Evidence,
  ) {
    this.#readEvidence = readEvidence;
  }

  get evidence(): Evidence {
    return (this.#evidence ??= this.#readEvidence());
  }

  toJSON() {
    const { ruleVersionId, ruleCode, outcome, error, evidence } = this;
    return { ruleVersionId, ruleCode, outcome, error, evidence };
  }
}

/** The error message with the line and column of the failing node. */
function locatedMessage(program: CompiledCondition, error: unknown): string {
  const { line, column } = positionAt(program.expression, offsetOf(error));
  return `${summaryOf(error)} (line ${line}, column ${column})`;
}
