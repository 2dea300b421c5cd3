import { validate, ValidationError } from 'class-validator';
import type { ResolverData } from 'type-graphql';
import { BadInputError, FieldProblem } from '../errors';

/**
 * type-graphql `validateFn`: runs class-validator on each argument and turns every failure into one
 * BAD_USER_INPUT error listing each field path (e.g. `input.qualifications.0.documentSha256`).
 */
export async function validateArgument(value: unknown, _type: unknown, data: ResolverData<object>): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  const items = Array.isArray(value) ? value : [value];
  // A named argument prefixes its paths (`input.uscc`); an @Args() class has top-level paths (`first`).
  const argName = Object.entries(data.args).find(([, arg]) => arg === value)?.[0] ?? '';
  const problems: FieldProblem[] = [];
  for (const [index, item] of items.entries()) {
    if (item === null || typeof item !== 'object') continue;
    const errors = await validate(item, { forbidUnknownValues: false, validationError: { target: false } });
    const base = Array.isArray(value) ? `${argName}.${index}` : argName;
    collect(errors, base, problems);
  }
  if (problems.length) throw new BadInputError(problems);
}

function collect(errors: ValidationError[], base: string, out: FieldProblem[]): void {
  for (const error of errors) {
    const path = base ? `${base}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ path, message });
    if (error.children?.length) collect(error.children, path, out);
  }
}
