import { validate, ValidationError } from 'class-validator';
import { getNamedType } from 'graphql';
import type { ResolverData } from 'type-graphql';
import { BadInputError, FieldProblem } from '../errors';
import { argumentProblems } from './argument-checks';

/** The argument sets already walked: type-graphql calls validateFn once per parameter, the schema walk covers all of them. */
const walked = new WeakSet<object>();

/**
 * type-graphql `validateFn`, called for every argument of every field: checks all arguments against
 * their schema types (text, date-times: shared/argument-checks.ts), runs class-validator on input
 * objects and turns every failure into one BAD_USER_INPUT error listing each field path (e.g.
 * `input.qualifications.0.documentSha256`).
 */
export async function validateArgument(value: unknown, type: unknown, data: ResolverData<object>): Promise<void> {
  const problems: FieldProblem[] = [];
  if (!walked.has(data.args)) {
    walked.add(data.args);
    problems.push(...argumentProblems(data.info, data.args));
  }
  if (value !== null && typeof value === 'object') {
    // a value the walk refused (e.g. a NUL in a URL) is not reported a second time by class-validator
    const walkedPaths = new Set(problems.map((p) => p.path));
    problems.push(...(await classProblems(value, type, data)).filter((p) => !walkedPaths.has(p.path)));
  }
  if (problems.length) throw new BadInputError(problems);
}

/** class-validator's problems of an input object (or a list of them), with paths from the argument root. */
async function classProblems(value: object, type: unknown, data: ResolverData<object>): Promise<FieldProblem[]> {
  const items = Array.isArray(value) ? value : [value];
  const argName = argumentNameOf(type, data);
  const problems: FieldProblem[] = [];
  for (const [index, item] of items.entries()) {
    if (item === null || typeof item !== 'object') continue;
    const errors = await validate(item, { forbidUnknownValues: false, validationError: { target: false } });
    const base = Array.isArray(value) ? `${argName}.${index}` : argName;
    collect(errors, base, problems);
  }
  return problems;
}

/**
 * The argument an input class came in: paths of a named argument start with it (`input.uscc`); an
 * @Args() class, which matches no argument type, gives top-level paths (`first`).
 */
function argumentNameOf(type: unknown, { info }: ResolverData<object>): string {
  const typeName = typeof type === 'function' ? type.name : '';
  const args = info.parentType.getFields()[info.fieldName]?.args ?? [];
  return args.find((arg) => getNamedType(arg.type).name === typeName)?.name ?? '';
}

function collect(errors: ValidationError[], base: string, out: FieldProblem[]): void {
  for (const error of errors) {
    const path = base ? `${base}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ path, message });
    if (error.children?.length) collect(error.children, path, out);
  }
}
