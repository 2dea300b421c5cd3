import type { parse } from '@bufbuild/cel';
import { RULE_VARIABLES, type RuleVariable, ruleEnv } from './cel-env';

/** A node of the parsed CEL syntax tree (cel.expr.Expr). */
export type Expr = ReturnType<typeof parse>['expr'];

/** A member selection rooted at a rule variable, e.g. `filing.custody.lenderFundsOutsideCustodyMinor`. */
export interface ReadPath {
  readonly path: string;
  readonly root: RuleVariable;
  readonly fields: readonly string[];
}

/** What one walk of the tree found: the paths read, and the first name that is not declared (if any). */
export interface Analysis {
  reads: ReadPath[];
  undeclared: { message: string; exprId: bigint } | null;
}

/** Calls the planner handles itself; every other call must name a function of the environment. */
const PLANNER_CALLS = new Set(['_&&_', '_||_', '_?_:_', '_[_]', '_[?_]', '_?._', '@not_strictly_false', '__not_strictly_false__']);

/** Calls whose result is never a bool, whatever their operands. */
const NON_BOOL_CALLS = new Set(['_+_', '_-_', '_*_', '_/_', '_%_', '-_', 'size', 'int', 'uint', 'double', 'string', 'bytes', 'timestamp', 'duration', 'type']);

const isRuleVariable = (name: string): name is RuleVariable => (RULE_VARIABLES as readonly string[]).includes(name);

/**
 * Walks the tree once: collects the member selections rooted at the rule variables (deduplicated, in source
 * order; a comprehension over `filing.products` records `filing.products`; a bare variable, as in
 * `prev != null`, is not a selection), and finds the first identifier or function that is neither declared
 * nor bound by a comprehension.
 */
export function analyse(root: Expr): Analysis {
  const analysis: Analysis = { reads: [], undeclared: null };
  const seen = new Set<string>();
  const visit = (expr: Expr | undefined, bound: ReadonlySet<string>): void => {
    if (expr === undefined) return;
    const kind = expr.exprKind;
    switch (kind.case) {
      case 'identExpr':
        if (!bound.has(kind.value.name) && !isRuleVariable(kind.value.name)) {
          const message = `undeclared reference to '${kind.value.name}' (declared: ${RULE_VARIABLES.join(', ')})`;
          analysis.undeclared ??= { message, exprId: expr.id };
        }
        break;
      case 'selectExpr': {
        const read = readPath(expr, bound);
        if (read === null) visit(kind.value.operand, bound);
        else if (!seen.has(read.path)) {
          seen.add(read.path);
          analysis.reads.push(read);
        }
        break;
      }
      case 'callExpr':
        if (!PLANNER_CALLS.has(kind.value.function) && ruleEnv.funcs.find(kind.value.function) === undefined) {
          analysis.undeclared ??= { message: `undeclared function '${kind.value.function}'`, exprId: expr.id };
        }
        visit(kind.value.target, bound);
        for (const arg of kind.value.args) visit(arg, bound);
        break;
      case 'listExpr':
        for (const element of kind.value.elements) visit(element, bound);
        break;
      case 'structExpr':
        for (const entry of kind.value.entries) {
          if (entry.keyKind.case === 'mapKey') visit(entry.keyKind.value, bound);
          visit(entry.value, bound);
        }
        break;
      case 'comprehensionExpr': {
        const c = kind.value;
        visit(c.iterRange, bound);
        visit(c.accuInit, bound);
        const inner = new Set([...bound, c.iterVar, c.iterVar2, c.accuVar].filter((name) => name !== ''));
        for (const part of [c.loopCondition, c.loopStep, c.result]) visit(part, inner);
        break;
      }
    }
  };
  visit(root, new Set());
  return analysis;
}

/** The selection chain `var.a.b` when it starts at an unshadowed rule variable, else null. */
function readPath(expr: Expr, bound: ReadonlySet<string>): ReadPath | null {
  const fields: string[] = [];
  let node: Expr | undefined = expr;
  while (node?.exprKind.case === 'selectExpr') {
    fields.unshift(node.exprKind.value.field);
    node = node.exprKind.value.operand;
  }
  if (node?.exprKind.case !== 'identExpr') return null;
  const root = node.exprKind.value.name;
  if (bound.has(root) || !isRuleVariable(root)) return null;
  return { path: [root, ...fields].join('.'), root, fields };
}

/** Describes the result when the top of the tree can never yield a bool (a literal or arithmetic), else null. */
export function nonBoolResult(root: Expr): string | null {
  const kind = root.exprKind;
  switch (kind.case) {
    case 'constExpr':
      return kind.value.constantKind.case === 'boolValue' ? null : 'a non-bool literal';
    case 'listExpr':
      return 'a list literal';
    case 'structExpr':
      return 'a map or message literal';
    case 'callExpr':
      return NON_BOOL_CALLS.has(kind.value.function) ? `the result of '${kind.value.function}'` : null;
    default:
      return null;
  }
}
