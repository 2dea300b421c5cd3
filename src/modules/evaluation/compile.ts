import type { ParseResult } from '@marcbachmann/cel-js';
import { analyse, type ReadPath } from './ast';
import { checkEnvironment, runEnvironment, type RuleVariable } from './cel-env';
import type { RuleInput } from './facts';
import { installGuards, re2, withIterationBudget } from './guards';
import { positionAt, type SourcePosition } from './position';

/** Most comprehension iterations one evaluation of a rule may take: refused at save above it, stopped at run time. */
export const MAX_ITERATIONS = 100_000;

/** A checked, guarded CEL program: takes the four variables, returns a value or throws. */
export type CelProgram = (input: RuleInput) => unknown;

/** A rule condition parsed, checked and planned once, to be evaluated many times. */
export interface CompiledCondition {
  readonly expression: string;
  readonly run: CelProgram;
  /** Member selections the expression reads, recorded as evidence; derived from the syntax tree. */
  readonly reads: readonly ReadPath[];
  /** Variables it may read whole, beyond `reads` (see Analysis): with `reads`, all it can observe of its input. */
  readonly wholeReads: readonly RuleVariable[];
  /** The variables it mentions at all: an input without the others gives the same result. */
  readonly variables: readonly RuleVariable[];
  /** The most comprehension iterations one evaluation can take (see MAX_ITERATIONS). */
  readonly worstCaseIterations: number;
}

/** Why an expression was refused, and where. */
export interface CompileError extends SourcePosition {
  message: string;
}

/** A compiled condition, or the reason it was refused. */
export type CompileResult = { ok: true; program: CompiledCondition } | { ok: false; error: CompileError };

/** Every function and macro a rule may call. */
const FUNCTIONS = new Set(['has', 'all', 'exists', 'exists_one', 'map', 'filter', 'bind', ...checkEnvironment.getDefinitions().functions.map((f) => f.name)]);

/** Limits of a compilation; the default is the registry's. */
export interface CompileOptions {
  maxIterations?: number;
}

/**
 * Parses and type-checks a rule condition against the declared types of `platform`, `filing`, `prev` and
 * `ctx` (from the import schema), and refuses: syntax errors; unknown variables, functions and fields at
 * any depth; operands of the wrong type; a result that is not a bool; a `matches()` pattern that is not
 * RE2; a worst case above the iteration budget. Each refusal carries the CEL message and its position.
 */
export function compileCondition(expression: string, options: CompileOptions = {}): CompileResult {
  const maxIterations = options.maxIterations ?? MAX_ITERATIONS;
  let program: ParseResult;
  try {
    program = runEnvironment.parse(expression);
  } catch (error) {
    return refuse(expression, summaryOf(error), offsetOf(error));
  }
  const analysis = analyse(program.ast);
  const unknown = analysis.calls.find((call) => !FUNCTIONS.has(call.name));
  if (unknown) return refuse(expression, `unknown function '${unknown.name}'`, unknown.offset);
  const checked = checkEnvironment.check(expression);
  if (!checked.valid) return refuse(expression, summaryOf(checked.error), offsetOf(checked.error));
  if (checked.type !== 'bool') return refuse(expression, `a rule must yield a bool, but this yields ${checked.type}`, 0);
  const dynamic = program.check();
  if (!dynamic.valid) return refuse(expression, summaryOf(dynamic.error), offsetOf(dynamic.error));
  for (const { pattern, offset } of analysis.patterns) {
    try {
      re2(pattern);
    } catch (error) {
      return refuse(expression, `matches() needs an RE2 pattern: ${summaryOf(error)}`, offset);
    }
  }
  if (analysis.worstCaseIterations > maxIterations) {
    const worst = analysis.worstCaseIterations.toLocaleString('en');
    return refuse(expression, `too costly: up to ${worst} comprehension iterations per evaluation, more than the budget of ${maxIterations.toLocaleString('en')}`, analysis.costliestOffset);
  }
  installGuards(program.ast);
  const run: CelProgram = (input) => withIterationBudget(maxIterations, () => program(input));
  return { ok: true, program: { expression, run, reads: analysis.reads, wholeReads: analysis.wholeReads, variables: analysis.variables, worstCaseIterations: analysis.worstCaseIterations } };
}

function refuse(expression: string, message: string, offset: number): CompileResult {
  return { ok: false, error: { message, ...positionAt(expression, Math.min(offset, expression.length)) } };
}

/** The CEL message without the source excerpt the library appends for terminals. */
export function summaryOf(error: unknown): string {
  const summary = (error as { summary?: unknown } | null)?.summary;
  if (typeof summary === 'string') return summary;
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

/** Where an error points: a guard's node, or the start of a CEL error's range. */
export function offsetOf(error: unknown): number {
  const located = error as { offset?: unknown; range?: { start?: unknown } } | null;
  if (typeof located?.offset === 'number') return located.offset;
  return typeof located?.range?.start === 'number' ? located.range.start : 0;
}
