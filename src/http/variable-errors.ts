import { GraphQLError, Kind } from 'graphql';
import type { FieldProblem } from '../errors';

// graphql-js prints the path inside a variable as `.field` and `[index]` (printPathArray)
const PATH_SUFFIX = '((?:\\.[_A-Za-z][_0-9A-Za-z]*|\\[\\d+\\])*)';
// an input object's own complaint names the field: a missing required one or an unknown one
const FIELD_IN_MESSAGE = /^Field "([_A-Za-z][_0-9A-Za-z]*)" (?:of required type|is not defined by type)/;

/**
 * The field problems of a variable coercion error (`$first: Int!` given "abc", `$input` missing
 * `period`), which graphql-js reports only in its message: `[{ path: 'input.period', message }]`,
 * paths dotted from the variable as in every other BAD_USER_INPUT. Null for any other error.
 */
export function variableProblems(error: unknown): FieldProblem[] | null {
  if (!(error instanceof GraphQLError)) return null;
  const node = error.nodes?.[0];
  if (node?.kind !== Kind.VARIABLE_DEFINITION) return null;
  const name = node.variable.name.value;
  const inner = error.originalError?.message;
  if (!inner || inner === error.message || !error.message.endsWith(`; ${inner}`)) return [{ path: name, message: error.message }];
  const prefix = error.message.slice(0, -(inner.length + 2));
  const at = new RegExp(` at "${name}${PATH_SUFFIX}"$`).exec(prefix);
  const within = at ? at[1].replace(/\[(\d+)\]/g, '.$1') : '';
  const field = FIELD_IN_MESSAGE.exec(inner);
  return [{ path: `${name}${within}${field ? `.${field[1]}` : ''}`, message: inner }];
}
