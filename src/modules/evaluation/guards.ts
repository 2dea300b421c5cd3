import type { ASTNode } from '@marcbachmann/cel-js';
import { RE2JS } from '@bufbuild/re2';

/**
 * Run-time guards installed on a checked program's syntax tree (@marcbachmann/cel-js 8.0.0 evaluates a
 * tree of nodes, each with its own `evaluate`; a macro call such as `all` keeps its expansion, a
 * comprehension node, in `meta.alternate`). A test pins these internals to the version in package.json.
 * - Every comprehension spends its range's size from the evaluation's iteration budget before it starts,
 *   so nested loops are stopped after at most the budget, never left to run.
 * - `matches()` runs in RE2, in time linear in its input; the library's own uses a backtracking RegExp.
 */

/** An evaluation stopped by a guard, with the source offset of the node that stopped it. */
export class GuardError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

interface Evaluator {
  run(node: unknown, ctx: unknown): unknown;
}

/** The internals of a node this module relies on. */
interface Node {
  op: string;
  args: unknown;
  start: number;
  meta: { alternate?: Node };
  evaluate: (ev: Evaluator, node: Node, ctx: unknown) => unknown;
  handle?: (items: unknown, args: unknown, ev: Evaluator, ctx: unknown) => unknown;
}

interface Budget {
  remaining: number;
  limit: number;
}

let budget: Budget = { remaining: Infinity, limit: Infinity };

/** Runs `evaluate` with an iteration budget shared by all comprehensions it runs. */
export function withIterationBudget<T>(limit: number, evaluate: () => T): T {
  const outer = budget;
  budget = { remaining: limit, limit };
  try {
    return evaluate();
  } finally {
    budget = outer;
  }
}

const MAX_CACHED_PATTERNS = 256;
const patterns = new Map<string, RE2JS>();

/** An RE2 program for a pattern, cached: rules apply the same few patterns to every filing. */
export function re2(pattern: string): RE2JS {
  let compiled = patterns.get(pattern);
  if (compiled === undefined) {
    if (patterns.size >= MAX_CACHED_PATTERNS) patterns.clear();
    compiled = RE2JS.compile(pattern);
    patterns.set(pattern, compiled);
  }
  return compiled;
}

/** Installs the guards on every node of a checked tree. */
export function installGuards(root: ASTNode): void {
  const visit = (node: Node): void => {
    const alternate = node.meta?.alternate;
    if (alternate?.op === 'comprehension') guardComprehension(alternate);
    if (node.op === 'rcall' && (node.args as unknown[])[0] === 'matches') guardMatches(node);
    for (const child of children(alternate ?? node)) visit(child);
  };
  visit(root as unknown as Node);
}

function children(node: Node): Node[] {
  const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && 'op' in value && 'evaluate' in value;
  const found: Node[] = [];
  const collect = (value: unknown): void => {
    if (isNode(value)) found.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
  };
  collect(node.op === 'comprehension' ? Object.values(node.args as object) : node.args);
  return found;
}

function guardComprehension(node: Node): void {
  const args = node.args as { iterable: Node };
  node.evaluate = (ev, self, ctx) => {
    const items = ev.run(args.iterable, ctx);
    budget.remaining -= sizeOf(items);
    if (budget.remaining < 0) {
      throw new GuardError(`execution budget exceeded: more than ${budget.limit.toLocaleString('en')} comprehension iterations`, node.start);
    }
    return self.handle!(items, args, ev, ctx);
  };
}

function guardMatches(node: Node): void {
  const [, receiver, [pattern]] = node.args as [string, Node, Node[]];
  node.evaluate = (ev, _self, ctx) => {
    const text = ev.run(receiver, ctx);
    const regex = ev.run(pattern, ctx);
    if (typeof text !== 'string' || typeof regex !== 'string') throw new GuardError('matches() takes a string and a string pattern', node.start);
    try {
      return re2(regex).test(text);
    } catch {
      throw new GuardError(`invalid RE2 pattern: ${regex}`, node.start);
    }
  };
}

function sizeOf(items: unknown): number {
  if (Array.isArray(items)) return items.length;
  if (items instanceof Map || items instanceof Set) return items.size;
  return typeof items === 'object' && items !== null ? Object.keys(items).length : 0;
}
