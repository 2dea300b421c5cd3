/**
 * The evaluation module: the facts of a filing as of an instant (read set-based for a batch, built by one
 * pure function), the CEL engine with its checks and budgets, and findings with evidence. Callers pick the
 * rule versions and persist the findings; nothing here writes.
 */
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
export { evaluationInstant, inputReadBy, loadBatchContext, loadPlatformContext, readFilings, ruleInputs } from './batch-evaluation';
export type { BatchContext, ContentReads, FactsOptions, InputReads } from './batch-evaluation';
export { factsAsOf, filingDutiesAsOf, ownEvaluationInstant } from './facts-as-of';
