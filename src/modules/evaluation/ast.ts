import type { ASTNode } from '@marcbachmann/cel-js';
import { RULE_VARIABLES, type RuleVariable } from './cel-env';
import { maxItemsAt } from './rule-types';

/** A member selection rooted at a rule variable, e.g. `filing.custody.lenderFundsOutsideCustodyMinor`. */
export interface ReadPath {
  readonly path: string;
  readonly root: RuleVariable;
  readonly fields: readonly string[];
}

/** A string literal passed to `matches()`, with its place in the source. */
export interface PatternLiteral {
  pattern: string;
  offset: number;
}

/** What one walk of the syntax tree found. */
export interface Analysis {
  /** The member selections read, deduplicated, in source order (recorded as evidence). */
  reads: ReadPath[];
  /**
   * The variables also read other than through a member selection (`dyn(prev)`, `filing["ops"]`), so that
   * any part of them may matter; a presence test (`prev == null`, `prev != null`) does not count. With
   * `reads`, this bounds what an evaluation can observe: nothing else of the variables.
   */
  wholeReads: RuleVariable[];
  /** Every variable the expression mentions (in a selection, whole or in a presence test): the others it never sees. */
  variables: RuleVariable[];
  /** Every function or method called, by name, with the offset of the call. */
  calls: { name: string; offset: number }[];
  /** The literal patterns of `matches()`, checked at save. */
  patterns: PatternLiteral[];
  /** The most comprehension iterations one evaluation can take, from the sizes of what they range over. */
  worstCaseIterations: number;
  /** Where the costliest comprehension starts. */
  costliestOffset: number;
}

/** The macros that iterate over their receiver. */
const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

/** Elements assumed for a range of unknown size (a function's result, say); the runtime budget still holds. */
const UNKNOWN_RANGE_SIZE = 10_000;

const isRuleVariable = (name: string): name is RuleVariable => (RULE_VARIABLES as readonly string[]).includes(name);

/**
 * Walks the tree once. Reads: a comprehension over `filing.products` records `filing.products`, a list read
 * by index records the list, a bare variable (`prev != null`) records nothing. Cost: each comprehension
 * iterates at most the size of its range (a literal list's length, a field's `maxItems` in the schema, a
 * `map`/`filter` result's own range), multiplied by the iterations of the comprehensions around it.
 */
export function analyse(root: ASTNode): Analysis {
  const analysis: Analysis = { reads: [], wholeReads: [], variables: [], calls: [], patterns: [], worstCaseIterations: 0, costliestOffset: 0 };
  const mention = (variable: RuleVariable) => analysis.variables.includes(variable) || analysis.variables.push(variable);
  const seen = new Set<string>();
  let costliest = 0;
  const visit = (node: ASTNode, bound: ReadonlySet<string>, iterations: number): void => {
    switch (node.op) {
      case '.':
      case '.?': {
        const read = readPath(node, bound);
        if (read === null) visit(node.args[0], bound, iterations);
        else if (!seen.has(read.path)) {
          mention(read.root);
          seen.add(read.path);
          analysis.reads.push(read);
        }
        return;
      }
      case 'rcall': {
        const [name, receiver, args] = node.args;
        analysis.calls.push({ name, offset: receiver.end });
        visit(receiver, bound, iterations);
        if (COMPREHENSIONS.has(name) && args[0]?.op === 'id') {
          const inner = iterations * rangeSize(receiver, bound);
          analysis.worstCaseIterations += inner;
          if (inner > costliest) [costliest, analysis.costliestOffset] = [inner, node.start];
          const scope = new Set([...bound, args[0].args]);
          for (const arg of args.slice(1)) visit(arg, scope, inner);
          return;
        }
        if (name === 'bind' && receiver.op === 'id' && receiver.args === 'cel' && args[0]?.op === 'id') {
          visit(args[1], bound, iterations);
          visit(args[2], new Set([...bound, args[0].args]), iterations);
          return;
        }
        if (name === 'matches' && args[0]?.op === 'value' && typeof args[0].args === 'string') {
          analysis.patterns.push({ pattern: args[0].args, offset: args[0].start });
        }
        for (const arg of args) visit(arg, bound, iterations);
        return;
      }
      case 'call':
        analysis.calls.push({ name: node.args[0], offset: node.start });
        for (const arg of node.args[1]) visit(arg, bound, iterations);
        return;
      case 'map':
        for (const [key, value] of node.args) {
          visit(key, bound, iterations);
          visit(value, bound, iterations);
        }
        return;
      case '==':
      case '!=':
        // a presence test reads no part of the variable
        if (!node.args.some((arg) => arg.op === 'value' && arg.args === null)) break;
        for (const arg of node.args) {
          if (arg.op !== 'id') visit(arg, bound, iterations);
          else if (isRuleVariable(arg.args) && !bound.has(arg.args)) mention(arg.args);
        }
        return;
      case '!_':
      case '-_':
        visit(node.args, bound, iterations);
        return;
      case 'value':
        return;
      case 'id':
        if (isRuleVariable(node.args) && !bound.has(node.args)) {
          mention(node.args);
          if (!analysis.wholeReads.includes(node.args)) analysis.wholeReads.push(node.args);
        }
        return;
    }
    for (const arg of node.args as ASTNode[]) visit(arg, bound, iterations);
  };
  visit(root, new Set(), 1);
  return analysis;
}

/** How many elements a comprehension's range can hold at most. */
function rangeSize(node: ASTNode, bound: ReadonlySet<string>): number {
  if (node.op === 'list') return node.args.length;
  if (node.op === 'map') return node.args.length;
  if (node.op === 'rcall' && (node.args[0] === 'map' || node.args[0] === 'filter')) return rangeSize(node.args[1], bound);
  if (node.op === '.') {
    const read = readPath(node, bound);
    return (read && maxItemsAt(read.path)) ?? UNKNOWN_RANGE_SIZE;
  }
  return UNKNOWN_RANGE_SIZE;
}

/** The selection chain `var.a.b` when it starts at an unshadowed rule variable, else null. */
function readPath(node: ASTNode, bound: ReadonlySet<string>): ReadPath | null {
  const fields: string[] = [];
  let current: ASTNode = node;
  while (current.op === '.' || current.op === '.?') {
    fields.unshift(current.args[1]);
    current = current.args[0];
  }
  if (current.op !== 'id') return null;
  const root = current.args;
  if (bound.has(root) || !isRuleVariable(root)) return null;
  return { path: [root, ...fields].join('.'), root, fields };
}
