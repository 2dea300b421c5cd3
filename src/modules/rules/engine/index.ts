/** The pure rule engine: facts in, findings out; no database, no GraphQL. */
import type * as Compile from './compile';
import type * as Evaluate from './evaluate';

export type { ReadPath } from './ast';
export type { CelProgram, CompiledCondition, CompileError, CompileResult } from './compile';
export type { Evidence, Finding, Outcome, RuleToEvaluate } from './evaluate';
export * from './facts';
export type { SourcePosition } from './position';

// The CEL engine (@bufbuild/cel with protobuf) takes a good part of a second to load, so it is loaded on
// the first compilation or evaluation instead of at boot.
let compileModule: typeof Compile | undefined;
let evaluateModule: typeof Evaluate | undefined;

/** Compiles a rule condition (see ./compile). */
export function compileCondition(expression: string): Compile.CompileResult {
  compileModule ??= require('./compile') as typeof Compile;
  return compileModule.compileCondition(expression);
}

/** Evaluates rules against one filing's facts (see ./evaluate). */
export function evaluateRules(...args: Parameters<typeof Evaluate.evaluateRules>): Evaluate.Finding[] {
  evaluateModule ??= require('./evaluate') as typeof Evaluate;
  return evaluateModule.evaluateRules(...args);
}
