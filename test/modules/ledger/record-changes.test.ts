import { recordChanges } from '../../../src/modules/ledger/history';

describe('recordChanges', () => {
  it('compares objects field by field with dotted paths, and lists and values whole', () => {
    const before = { status: 'OPEN', content: { ops: { a: '1', b: '2' } }, websites: ['x', 'y'], gone: 'g', same: { k: [1] } };
    const after = { status: 'SUPERSEDED', content: { ops: { a: '1', b: '3', c: '4' } }, websites: ['y', 'x'], same: { k: [1] } };
    expect(recordChanges(before, after)).toEqual([
      { path: 'content.ops.b', before: '2', after: '3' },
      { path: 'content.ops.c', before: null, after: '4' },
      { path: 'gone', before: 'g', after: null },
      { path: 'status', before: 'OPEN', after: 'SUPERSEDED' },
      { path: 'websites', before: ['x', 'y'], after: ['y', 'x'] },
    ]);
  });

  it('finds nothing between equal records, and a change between an object and null', () => {
    expect(recordChanges({ a: { b: 1 } }, { a: { b: 1 } })).toEqual([]);
    expect(recordChanges({ importContext: null }, { importContext: { asOf: 't' } })).toEqual([{ path: 'importContext', before: null, after: { asOf: 't' } }]);
  });
});
