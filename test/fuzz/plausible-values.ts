import fc from 'fast-check';
import {
  getNamedType,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isRequiredInputField,
} from 'graphql';
import { usccCheckCharacter } from '../../src/modules/platforms/uscc';

/** Values the fuzzer picks besides generated ones, harvested from a built world. */
export interface Pools {
  /** Existing ids by table name, so inputs name real records (not everything is NOT_FOUND). */
  ids: Record<string, string[]>;
  /** Cursors issued by the lists, each with the root field that issued it (foreign to every other list). */
  cursors: Map<string, string>;
  /** Known-valid values by `InputType.field`, and by type name (e.g. `JSONObject`: import files). */
  samples: Map<string, unknown[]>;
}

/** What a value is for: the field or argument name (for an `id` argument, the root field's name), and `Type.field`. */
export interface Hint {
  name: string;
  key?: string;
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('');
const validUscc = fc
  .array(fc.constantFrom(...USCC_ALPHABET), { minLength: 11, maxLength: 11 })
  .map((chars) => '913100' + chars.join(''))
  .map((body) => body + usccCheckCharacter(body));

const pad = (n: number) => String(n).padStart(2, '0');

/** The table an id-valued name points at: `platformId` -> platform, `ruleVersionId` -> rule_version, `revokeToken` -> api_token. */
function tableFor(name: string, tables: string[]): string | undefined {
  const snake = name.replace(/Id$/, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const last = snake.split('_').pop();
  return tables.find((t) => t === snake) ?? tables.find((t) => t.split('_').pop() === last);
}

function plausibleId(name: string, pools: Pools): fc.Arbitrary<string> {
  const all = Object.values(pools.ids).flat();
  const table = tableFor(name, Object.keys(pools.ids));
  const matching = table ? pools.ids[table] : [];
  if (!all.length) return fc.constant('none');
  if (!matching.length) return fc.constantFrom(...all);
  return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...matching) }, { weight: 1, arbitrary: fc.constantFrom(...all) });
}

function plausibleString(name: string, pools: Pools): fc.Arbitrary<string> {
  if (/uscc/i.test(name)) return validUscc;
  if (/sha256|hash/i.test(name)) return fc.stringMatching(/^[0-9a-f]{64}$/);
  if (/period/i.test(name)) return fc.tuple(fc.integer({ min: 2016, max: 2021 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${pad(m)}`);
  if (/^date$/i.test(name)) return fc.date({ min: new Date('2016-01-01'), max: new Date('2021-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (name === 'after' && pools.cursors.size) return fc.constantFrom(...pools.cursors.keys());
  if (/code/i.test(name)) return fc.stringMatching(/^[A-Z]{2,5}-[0-9]{3}$/);
  return fc.oneof(fc.constantFrom('测试网络借贷信息中介服务有限公司', 'Wang Fang', 'Documents complete.', 'https://www.example.cn'), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 24 }));
}

function plausibleScalar(type: GraphQLNamedType, hint: Hint, pools: Pools): fc.Arbitrary<unknown> {
  switch (type.name) {
    case 'ID':
      return plausibleId(hint.name, pools);
    case 'String':
      return plausibleString(hint.name, pools);
    case 'Int':
      return hint.name === 'first' ? fc.integer({ min: 1, max: 5 }) : fc.integer({ min: 0, max: 1000 });
    case 'Float':
      return fc.double({ min: 0, max: 1e6, noNaN: true });
    case 'Boolean':
      return fc.boolean();
    case 'Int64':
      return fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String);
    case 'DateTimeISO':
      return fc.date({ min: new Date('2015-01-01'), max: new Date('2021-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
    default:
      // JSON scalars (JSONObject): real documents come from the samples; an empty object otherwise
      return fc.constant({});
  }
}

/** A value of `type` the API could accept: known-valid samples first, else generated from the type and the name. */
export function plausible(type: GraphQLInputType, hint: Hint, pools: Pools): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return plausible(type.ofType, hint, pools);
  const known = [...(hint.key ? (pools.samples.get(hint.key) ?? []) : []), ...(isListType(type) ? [] : (pools.samples.get(type.name) ?? []))];
  let generated: fc.Arbitrary<unknown>;
  if (isListType(type)) generated = fc.array(plausible(type.ofType, { name: hint.name }, pools), { maxLength: 3 });
  else if (isInputObjectType(type)) {
    // where valid inputs of this type are known, optional fields they leave out are left out (defaults apply)
    const sampled = Object.values(type.getFields()).some((f) => pools.samples.has(`${type.name}.${f.name}`));
    const fields = Object.values(type.getFields()).filter((f) => !sampled || isRequiredInputField(f) || pools.samples.has(`${type.name}.${f.name}`));
    generated = fc.record(Object.fromEntries(fields.map((f) => [f.name, plausible(f.type, { name: f.name, key: `${type.name}.${f.name}` }, pools)])), {
      requiredKeys: fields.filter((f) => isRequiredInputField(f) || pools.samples.has(`${type.name}.${f.name}`)).map((f) => f.name),
    });
  } else if (isEnumType(type)) generated = fc.constantFrom(...type.getValues().map((v) => v.name));
  else generated = plausibleScalar(type, hint, pools);
  if (!known.length || isInputObjectType(type)) return generated;
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: generated });
}

/** Known-valid values of `corpus` (whole inputs by type name) recorded by type name and by `InputType.field`, recursively. */
export function harvestSamples(schema: GraphQLSchema, corpus: Record<string, unknown[]>): Map<string, unknown[]> {
  const samples = new Map<string, unknown[]>();
  const add = (key: string, value: unknown) => samples.set(key, [...(samples.get(key) ?? []), value]);
  const record = (type: GraphQLNamedType, value: unknown) => {
    if (!isInputObjectType(type) || !value || typeof value !== 'object') return;
    for (const field of Object.values(type.getFields())) {
      const fieldValue = (value as Record<string, unknown>)[field.name];
      if (fieldValue === undefined) continue;
      add(`${type.name}.${field.name}`, fieldValue);
      for (const element of Array.isArray(fieldValue) ? fieldValue : [fieldValue]) record(getNamedType(field.type), element);
    }
  };
  for (const [typeName, values] of Object.entries(corpus)) {
    const type = schema.getType(typeName);
    if (!type) throw new Error(`corpus names an unknown type ${typeName}`);
    for (const value of values) {
      if (!isInputObjectType(type)) add(typeName, value);
      record(type, value);
    }
  }
  return samples;
}
