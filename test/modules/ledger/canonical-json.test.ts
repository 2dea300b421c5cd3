import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson } from '../../../src/shared/canonical-json';

/** What a serializer gives for a value: its text, or the message it throws. */
const outcome = (serialize: (value: unknown) => unknown, value: unknown) => {
  try {
    return { text: serialize(value) };
  } catch (error) {
    return { thrown: (error as Error).message };
  }
};

describe('canonicalJson', () => {
  it('writes what the canonicalize package writes, for any value (RFC 8785)', () => {
    fc.assert(
      fc.property(fc.anything({ withBoxedValues: true, withDate: true, withSparseArray: true, withNullPrototype: true }), (value) => {
        expect(outcome(canonicalJson, value)).toEqual(outcome(canonicalize, value));
      }),
      { seed: 20261201, numRuns: 20_000 },
    );
  });

  it('orders keys by UTF-16 code units, integer-like keys and surrogates included', () => {
    const value = { b: 1, a: [{ z: null, y: 'é' }], '10': true, '9': false, '\u{1F600}': 'x', '\uFB01': 'y', nested: { '2': 2, '1': 1 } };
    expect(canonicalJson(value)).toBe(canonicalize(value));
    expect(canonicalJson(value)).toBe('{"10":true,"9":false,"a":[{"y":"é","z":null}],"b":1,"nested":{"1":1,"2":2},"\u{1F600}":"x","\uFB01":"y"}');
    const own = JSON.parse('{"__proto__":{"b":1,"a":2},"c":[1,null,3]}');
    expect(canonicalJson(own)).toBe(canonicalize(own));
    expect(canonicalJson(own)).toBe('{"__proto__":{"a":2,"b":1},"c":[1,null,3]}');
    // a hole, as the package writes it
    expect(canonicalJson([1, , 3])).toBe('[1,3]');
  });
});
