import { type CelError, type CelInput, type CelValue, parse, plan } from '@bufbuild/cel';
import { analyse, nonBoolResult, type ReadPath } from './ast';
import { type RuleVariable, ruleEnv } from './cel-env';
import { positionAt, type SourcePosition } from './position';

/** A planned CEL program: takes the four variables, returns a value or a CelError, never throws. */
export type CelProgram = (bindings: Record<RuleVariable, CelInput>) => CelValue | CelError;

/** A rule condition parsed, checked and planned once, to be evaluated many times. */
export interface CompiledCondition {
  readonly expression: string;
  readonly run: CelProgram;
  /** Member selections the expression reads, recorded as evidence; derived from the syntax tree. */
  readonly reads: readonly ReadPath[];
  /** Source offset of each syntax-tree node by id, to place evaluation errors. */
  readonly offsets: Readonly<Record<string, number>>;
}

/** Why an expression was refused, and where. */
export interface CompileError extends SourcePosition {
  message: string;
}

/** A compiled condition, or the reason it was refused. */
export type CompileResult = { ok: true; program: CompiledCondition } | { ok: false; error: CompileError };

/**
 * Parses and checks a rule condition against the variables `platform`, `filing`, `prev`, `ctx`: refuses
 * syntax errors, undeclared identifiers and functions, and a top-level literal or arithmetic (never a bool).
 * Field access is not checked: the facts are dynamic maps, so a missing field is an evaluation error.
 */
export function compileCondition(expression: string): CompileResult {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(expression);
  } catch (error) {
    return isParserSyntaxError(error)
      ? { ok: false, error: { message: error.rawMessage, ...error.location.start } }
      : refuse(expression, messageOf(error), 0);
  }
  const offsets = parsed.sourceInfo?.positions ?? {};
  const { reads, undeclared } = analyse(parsed.expr);
  if (undeclared !== null) return refuse(expression, undeclared.message, offsets[String(undeclared.exprId)] ?? 0);
  const nonBool = nonBoolResult(parsed.expr);
  if (nonBool !== null) return refuse(expression, `a rule must yield a bool, but this yields ${nonBool}`, offsets[String(parsed.expr.id)] ?? 0);
  try {
    return { ok: true, program: { expression, run: plan(ruleEnv, parsed), reads, offsets } };
  } catch (error) {
    return refuse(expression, messageOf(error), 0);
  }
}

function refuse(expression: string, message: string, offset: number): CompileResult {
  return { ok: false, error: { message, ...positionAt(expression, offset) } };
}

interface ParserSyntaxError {
  rawMessage: string;
  location: { start: SourcePosition };
}

/** The parser's syntax error (not exported by the library) carries its message and 1-based position. */
function isParserSyntaxError(error: unknown): error is ParserSyntaxError {
  const candidate = error as Partial<ParserSyntaxError> | null;
  return typeof candidate?.rawMessage === 'string' && typeof candidate.location?.start?.offset === 'number';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
