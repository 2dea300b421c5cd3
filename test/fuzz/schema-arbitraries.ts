import fc from 'fast-check';
import {
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLOutputType,
  GraphQLSchema,
  isLeafType,
  isObjectType,
  isRequiredArgument,
} from 'graphql';
import { hostile, positions, setAt, valueAt } from './hostile-values';
import { Hint, plausible, Pools } from './plausible-values';

/** One variable of an operation: the argument it feeds, its declared type and its (plausible) value. */
interface VariableSpec {
  name: string;
  argument: string;
  type: GraphQLInputType;
  hint: Hint;
  value: unknown;
}

/** A piece of document text with the variables it uses. */
interface Fragment {
  text: string;
  vars: VariableSpec[];
}

/** A generated request: one root field, its arguments all passed as variables, a selection set for its type. */
export interface FuzzOperation {
  kind: 'query' | 'mutation';
  field: string;
  document: string;
  variables: Record<string, unknown>;
}

/** The variable that carries a root field's argument `name`. */
export function rootVariable(name: string): string {
  return `a_${name}`;
}

/** Object levels of the selection set below the root field (the server's depth limit is 6). */
const MAX_SELECTION_DEPTH = 3;
/** Most hostile changes planted in one request's variables (mostly one; none leaves the plausible request as is). */
const MAX_HOSTILE_CHANGES = 3;

/** Plausible arguments for a field, each passed as a variable `$<prefix><arg>`; optional ones are sometimes left out. */
export function argumentsArbitrary(args: readonly GraphQLArgument[], prefix: string, owner: string, pools: Pools): fc.Arbitrary<Fragment> {
  if (!args.length) return fc.constant({ text: '', vars: [] });
  const each = args.map((arg) => {
    const hint = { name: arg.name === 'id' ? owner : arg.name };
    const spec = plausible(arg.type, hint, pools).map((value): VariableSpec => ({ name: `${prefix}${arg.name}`, argument: arg.name, type: arg.type, hint, value }));
    return isRequiredArgument(arg) ? spec : fc.option(spec, { freq: 3, nil: null });
  });
  return fc.tuple(...each).map((specs) => {
    const used = specs.filter((s): s is VariableSpec => s !== null);
    return { text: used.length ? `(${used.map((s) => `${s.argument}: $${s.name}`).join(', ')})` : '', vars: used };
  });
}

/** `($a: T!, ...)` for the variables used, or nothing. */
export function variableDefinitions(vars: VariableSpec[]): string {
  return vars.length ? `(${vars.map((v) => `$${v.name}: ${v.type.toString()}`).join(', ')})` : '';
}

/** A selection set for `type`: `__typename`, every leaf field, and (about half the time) nested objects, down to MAX_SELECTION_DEPTH. */
function selectionArbitrary(type: GraphQLOutputType, depth: number, path: string, pools: Pools): fc.Arbitrary<Fragment> {
  const named = getNamedType(type);
  if (isLeafType(named)) return fc.constant({ text: '', vars: [] });
  if (!isObjectType(named)) return fc.constant({ text: '{ __typename }', vars: [] });
  const fields = Object.values(named.getFields()).filter((f) => isLeafType(getNamedType(f.type)) || depth < MAX_SELECTION_DEPTH);
  const parts = fields.map((field) => fieldSelection(field, depth, `${path}_${field.name}`, pools));
  return fc.tuple(...parts).map((chosen) => {
    const used = chosen.filter((c): c is Fragment => c !== null);
    return { text: `{ __typename ${used.map((c) => c.text).join(' ')} }`, vars: used.flatMap((c) => c.vars) };
  });
}

function fieldSelection(field: GraphQLField<unknown, unknown>, depth: number, path: string, pools: Pools): fc.Arbitrary<Fragment | null> {
  const leaf = isLeafType(getNamedType(field.type));
  const selection = fc
    .tuple(argumentsArbitrary(field.args, `${path}_`, field.name, pools), selectionArbitrary(field.type, depth + 1, path, pools))
    .map(([args, inner]) => ({ text: `${field.name}${args.text} ${inner.text}`, vars: [...args.vars, ...inner.vars] }));
  return leaf ? selection : fc.option(selection, { freq: 2, nil: null });
}

/** Replaces up to MAX_HOSTILE_CHANGES positions of the variables with hostile values. */
function withHostility(vars: VariableSpec[], pools: Pools): fc.Arbitrary<Record<string, unknown>> {
  const variables = Object.fromEntries(vars.map((v) => [v.name, v.value]));
  const places = vars.flatMap((v) => positions(v.type, v.value, [v.name], v.hint));
  if (!places.length) return fc.constant(variables);
  const change = fc
    .nat({ max: places.length - 1 })
    .chain((i) => hostile(places[i].type, places[i].hint, valueAt(variables, places[i].path), pools).map((value) => ({ path: places[i].path, value })));
  const count = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: MAX_HOSTILE_CHANGES }) });
  return count
    .chain((n) => fc.array(change, { minLength: n, maxLength: n }))
    .map((changes) => changes.reduce<Record<string, unknown>>((acc, c) => setAt(acc, c.path, c.value) as Record<string, unknown>, variables));
}

function fieldOperation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, pools: Pools): fc.Arbitrary<FuzzOperation> {
  return fc
    .tuple(argumentsArbitrary(field.args, rootVariable(''), field.name, pools), selectionArbitrary(field.type, 1, 's', pools))
    .chain(([args, selection]) => {
      const vars = [...args.vars, ...selection.vars];
      const document = `${kind} Fuzz${variableDefinitions(vars)} { ${field.name}${args.text} ${selection.text} }`;
      return withHostility(vars, pools).map((variables) => ({ kind, field: field.name, document, variables }));
    });
}

/**
 * Requests for every root field of the schema (every query and every mutation, so a new one is fuzzed without
 * listing it): plausible arguments from the types and the pools, then a few values replaced by hostile ones.
 */
export function operationArbitrary(schema: GraphQLSchema, pools: Pools): fc.Arbitrary<FuzzOperation> {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const;
  const operations = roots.flatMap(([kind, root]) => (root ? Object.values(root.getFields()).map((field) => fieldOperation(kind, field, pools)) : []));
  return fc.oneof(...operations);
}
