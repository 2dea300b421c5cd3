import { BadInputError } from '../../errors';
import { compileCondition, CompiledCondition } from '../evaluation';

/** Compiles a rule expression or throws BAD_USER_INPUT at `path` with the CEL error and its position. */
export function compileOrRefuse(expression: string, path: string): CompiledCondition {
  const result = compileCondition(expression);
  if (result.ok) return result.program;
  const { message, line, column, offset } = result.error;
  const error = new BadInputError([{ path, message: `CEL error at line ${line}, column ${column}: ${message}` }]);
  Object.assign(error.extensions, { cel: { message, line, column, offset } });
  throw error;
}
