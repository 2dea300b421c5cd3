import fc from 'fast-check';
import { GraphQLInputType, isEnumType, isInputObjectType, isListType, isNonNullType } from 'graphql';
import {
  hostileCursor,
  hostileDateTime,
  hostileDay,
  hostileEnum,
  hostileId,
  hostileInt,
  hostileInt64,
  hostileJsonLeaf,
  hostilePeriod,
  hostileString,
  wrongType,
} from './edge-values';
import { Hint, plausible, Pools } from './plausible-values';

/** A place in a JSON value: keys and list indexes from its root. */
export type Path = (string | number)[];

/** Every node of a JSON document, as paths. */
function jsonPaths(value: unknown, path: Path = []): Path[] {
  const out = [path];
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) out.push(...jsonPaths(inner, [...path, Array.isArray(value) ? Number(key) : key]));
  }
  return out;
}

/** `root` with `value` at `path` (copied along the path, never mutated); a path through a non-object is left alone. */
export function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (!path.length) return value;
  if (root === null || typeof root !== 'object') return root;
  const [head, ...rest] = path;
  const copy = (Array.isArray(root) ? [...root] : { ...root }) as Record<string | number, unknown>;
  copy[head] = setAt((root as Record<string | number, unknown>)[head], rest, value);
  if (copy[head] === undefined && !Array.isArray(copy)) delete copy[head];
  return copy;
}

/** The value at `path`, or undefined. */
export function valueAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined), root);
}

function hostileOfType(type: GraphQLInputType, hint: Hint, current: unknown, pools: Pools): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return hostileOfType(type.ofType, hint, current, pools);
  if (isListType(type)) {
    const element = plausible(type.ofType, { name: hint.name }, pools);
    return fc.oneof(fc.constant([]), fc.constant([null]), element.map((v) => Array.from({ length: 2000 }, () => v)));
  }
  if (isInputObjectType(type)) return fc.constantFrom({}, { unknownField: 1 });
  if (isEnumType(type)) return hostileEnum;
  switch (type.name) {
    case 'ID':
      return hostileId(Object.values(pools.ids).flat());
    case 'Int':
    case 'Float':
      return hostileInt;
    case 'Int64':
      return hostileInt64;
    case 'DateTimeISO':
      return hostileDateTime;
    case 'Boolean':
      return wrongType;
    case 'String':
      if (/period/i.test(hint.name)) return fc.oneof(hostilePeriod, hostileString(current));
      if (/^date$/i.test(hint.name)) return fc.oneof(hostileDay, hostileString(current));
      if (hint.name === 'after') return hostileCursor([...pools.cursors.keys()]);
      return hostileString(current);
    default: {
      // a JSON scalar: plant a hostile leaf anywhere inside the plausible document
      const paths = jsonPaths(current);
      return fc.tuple(fc.constantFrom(...paths), hostileJsonLeaf).map(([path, leaf]) => setAt(current, path, leaf));
    }
  }
}

/** A hostile replacement for the value at a position: of the wrong type, absent, or an edge case of its own type. */
export function hostile(type: GraphQLInputType, hint: Hint, current: unknown, pools: Pools): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 6, arbitrary: hostileOfType(type, hint, current, pools) },
  );
}

/** Every place in a variable's value a hostile value can go: the value itself, list elements, input fields (present or not). */
export function positions(type: GraphQLInputType, value: unknown, path: Path, hint: Hint): { path: Path; type: GraphQLInputType; hint: Hint }[] {
  const out = [{ path, type, hint }];
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner) && Array.isArray(value)) value.forEach((v, i) => out.push(...positions(inner.ofType, v, [...path, i], { name: hint.name })));
  if (isInputObjectType(inner) && value && typeof value === 'object' && !Array.isArray(value)) {
    for (const field of Object.values(inner.getFields())) {
      const fieldValue = (value as Record<string, unknown>)[field.name];
      out.push(...positions(field.type, fieldValue, [...path, field.name], { name: field.name, key: `${inner.name}.${field.name}` }));
    }
  }
  return out;
}
