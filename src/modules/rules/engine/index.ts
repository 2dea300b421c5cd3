/** The pure rule engine: facts in, findings out; no database, no GraphQL. */
export type { ReadPath } from './ast';
export { compileCondition, type CelProgram, type CompiledCondition, type CompileError, type CompileResult } from './compile';
export { evaluateRules, type Evidence, type Finding, type Outcome, type RuleToEvaluate } from './evaluate';
export * from './facts';
export type { SourcePosition } from './position';
