import { validate, ValidationError } from 'class-validator';
import { getNamedType } from 'graphql';
import type { ResolverData } from 'type-graphql';
import { BadInputError, FieldProblem } from '../errors';

/**
 * type-graphql `validateFn`: runs class-validator on each argument and turns every failure into one
 * BAD_USER_INPUT error listing each field path (e.g. `input.qualifications.0.documentSha256`).
 */
export async function validateArgument(value: unknown, type: unknown, data: ResolverData<object>): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  const items = Array.isArray(value) ? value : [value];
  const argName = argumentNameOf(type, data);
  const problems: FieldProblem[] = [];
  for (const [index, item] of items.entries()) {
    if (item === null || typeof item !== 'object') continue;
    const errors = await validate(item, { forbidUnknownValues: false, validationError: { target: false } });
    const base = Array.isArray(value) ? `${argName}.${index}` : argName;
    collect(errors, base, problems);
  }
  if (problems.length) throw new BadInputError(problems);
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
