/** The pure rule engine: facts in, findings out; no database, no GraphQL. */
export type { ReadPath } from './ast';
export { compileCondition, MAX_ITERATIONS } from './compile';
export type { CelProgram, CompiledCondition, CompileError, CompileResult } from './compile';
export { evaluateRules } from './evaluate';
export type { Evidence, Finding, Outcome, RuleToEvaluate } from './evaluate';
export * from './facts';
export type { SourcePosition } from './position';
export { RULE_FIELDS } from './rule-types';
export type { RuleField } from './rule-types';
export { factsDocument, factsFromDocument } from './facts-document';
export type { FactsDocument } from './facts-document';
