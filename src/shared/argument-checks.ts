import { getNullableType, GraphQLInputType, GraphQLResolveInfo, isInputObjectType, isListType, isScalarType } from 'graphql';
import type { FieldProblem } from '../errors';
import { instantProblem } from './instant';
import { textProblem, textRuleOf, unstorableProblem } from './text';

type Extensions = Readonly<Record<string, unknown>> | null | undefined;

/**
 * Checks every argument of the field being resolved against its schema type, so no input can be
 * forgotten: each String and ID follows its text rule (shared/text.ts), each date-time lies in the
 * accepted range (shared/instant.ts) and no string inside a JSON object is unstorable.
 */
export function argumentProblems(info: GraphQLResolveInfo, args: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const arg of info.parentType.getFields()[info.fieldName]?.args ?? []) {
    check(args[arg.name], arg.type, arg.extensions, arg.name, problems);
  }
  return problems;
}

function check(value: unknown, type: GraphQLInputType, extensions: Extensions, path: string, out: FieldProblem[]): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    (value as unknown[]).forEach((item, i) => check(item, nullable.ofType, extensions, `${path}.${i}`, out));
  } else if (isInputObjectType(nullable)) {
    const object = value as Record<string, unknown>;
    for (const field of Object.values(nullable.getFields())) check(object[field.name], field.type, field.extensions, `${path}.${field.name}`, out);
  } else if (isScalarType(nullable)) {
    const problem = scalarProblem(value, nullable.name, extensions, path);
    if (problem) out.push(problem);
  }
}

function scalarProblem(value: unknown, typeName: string, extensions: Extensions, path: string): FieldProblem | null {
  let message: string | null = null;
  if (typeof value === 'string' && (typeName === 'String' || typeName === 'ID')) message = textProblem(value, textRuleOf(extensions, typeName));
  else if (value instanceof Date) message = instantProblem(value);
  else if (typeName === 'JSONObject') return jsonProblem(value, path);
  return message ? { path, message } : null;
}

/** The first key or string inside a JSON value that PostgreSQL cannot store; iterative, so any depth is safe. */
function jsonProblem(root: unknown, rootPath: string): FieldProblem | null {
  const stack: [unknown, string][] = [[root, rootPath]];
  while (stack.length) {
    const [value, path] = stack.pop() as [unknown, string];
    if (typeof value === 'string') {
      const message = unstorableProblem(value);
      if (message) return { path, message };
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const message = unstorableProblem(key);
        if (message) return { path, message: `keys ${message}` };
        stack.push([item, `${path}.${key}`]);
      }
    }
  }
  return null;
}
