import { canonicalJson } from '../../src/shared/canonical-json';
import { RawJson, stringifyWithRawJson } from '../../src/shared/raw-json';
import { encodeEntry, splitEntry } from '../../src/modules/ledger/records';

describe('raw JSON in responses', () => {
  const record = { filing: 'fil_1', nested: { type: 'x', list: [1, { type: 'y' }] }, text: 'a "quoted" \u0000 NUL, "record": {"type": 1}', type: 'z' };
  const rawText = canonicalJson(record);

  it('writes RawJson values verbatim, and the rest exactly as JSON.stringify does', () => {
    const value = { data: { nodes: [{ id: 1, record: new RawJson(rawText) }, { id: 2, record: new RawJson('{"a":[1,2]}') }], note: '\u0000deadbeef:0' } };
    const expected = JSON.stringify({ data: { nodes: [{ id: 1, record }, { id: 2, record: { a: [1, 2] } }], note: '\u0000deadbeef:0' } });
    const written = stringifyWithRawJson(value);
    expect(written).toContain(`"record":${rawText}`);
    expect(JSON.parse(written)).toEqual(JSON.parse(expected));
    expect(stringifyWithRawJson({ plain: [1, 'two'] })).toBe(JSON.stringify({ plain: [1, 'two'] }));
  });

  it('gives other serializers the parsed value', () => {
    expect(JSON.parse(JSON.stringify({ record: new RawJson(rawText) }))).toEqual({ record });
  });

  it('splits an entry into its envelope and its record text, byte for byte, whatever its strings hold', () => {
    const envelope = {
      type: 'flag',
      id: 'flg_1',
      version: 2,
      action: 'flag.superseded',
      at: '2026-11-30T00:00:00.000Z',
      actor: { organisation: 'asn_1', role: 'REVIEWER' },
      reason: 'not "record": here,"type":"no"',
      record,
    };
    const text = encodeEntry(envelope).bytes.toString('utf8');
    const { envelope: header, recordText } = splitEntry(text);
    expect(recordText).toBe(rawText);
    const { record: _record, ...rest } = envelope;
    expect(header).toEqual(rest);
    expect(() => splitEntry('{"type":"flag"}')).toThrow(/not a ledger entry envelope/);
  });
});
