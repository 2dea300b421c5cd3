import { badInputPaths } from '../helpers/bad-input';
import { buildFilingAssociation, buildFilingPlatform, SUBMIT_FILING, submitVariables } from '../helpers/filing-world';
import { startTestApp, TestApp } from '../helpers/test-app';

/** One paginated list in one order: the query that fetches a page of it after `$after`. */
interface ListOrder {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

const PLATFORM_ORDERS = ['NAME_ASC', 'NAME_DESC', 'REGISTERED_ASC', 'REGISTERED_DESC'];

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];

/** A value of another type than `value`: a number for a string, a non-date for an instant, an out-of-range int for an int. */
function wrongTypeFor(value: unknown): unknown[] {
  if (typeof value === 'number') return ['1', 2 ** 31, 1.5, null];
  if (/^\d{4}-\d{2}-\d{2}T/.test(String(value))) return ['x', '0000-01-01T00:00:00.000Z', 5];
  return [5, null, { a: 1 }, 'x\u0000'];
}

describe('bad input: cursors are bound to their list and order', () => {
  let app: TestApp;
  let lists: ListOrder[];
  /** A real cursor issued by each list and order (its first page's endCursor). */
  const cursors = new Map<string, string>();

  const page = (list: ListOrder, after: string) => app.execute(list.query, { ...list.variables, after });

  beforeAll(async () => {
    app = await startTestApp();
    const association = await buildFilingAssociation(app);
    const platform = await buildFilingPlatform(app, association);
    // filed late, so FILE-002 raises a flag: the flags list has a cursor to give
    const filed = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-05'), platform.tokens.filer);
    if (filed.errors) throw new Error(JSON.stringify(filed.errors));
    const connection = `(first: 1, after: $after) { pageInfo { endCursor } }`;
    lists = [
      { name: 'associations', query: `query($after: String) { list: associations${connection} }`, variables: {} },
      ...PLATFORM_ORDERS.map((order) => ({
        name: `platforms ${order}`,
        query: `query($after: String) { list: platforms(first: 1, after: $after, orderBy: ${order}) { pageInfo { endCursor } } }`,
        variables: {},
      })),
      { name: 'filings', query: `query($after: String, $id: ID!) { list: filings(platformId: $id, first: 1, after: $after) { pageInfo { endCursor } } }`, variables: { id: platform.id } },
      { name: 'flags', query: `query($after: String, $id: ID) { list: flags(first: 1, after: $after, filter: { platformId: $id }) { pageInfo { endCursor } } }`, variables: { id: platform.id } },
      { name: 'rulebook', query: `query($after: String, $id: ID!) { list: rulebook(associationId: $id, first: 1, after: $after) { pageInfo { endCursor } } }`, variables: { id: association.id } },
    ];
    for (const list of lists) {
      const first = await app.execute(list.query, list.variables);
      if (!first.data?.list.pageInfo.endCursor) throw new Error(`${list.name} gave no cursor: ${JSON.stringify(first)}`);
      cursors.set(list.name, first.data.list.pageInfo.endCursor);
    }
  });
  afterAll(() => app.close());

  it('each list and order accepts its own cursor', async () => {
    for (const list of lists) {
      const next = await page(list, cursors.get(list.name) as string);
      expect([list.name, next.errors]).toEqual([list.name, undefined]);
    }
  });

  it('each list and order refuses the cursor of every other list and order on `after`', async () => {
    let refused = 0;
    for (const list of lists) {
      for (const [issuer, cursor] of cursors) {
        if (issuer === list.name) continue;
        expect([list.name, issuer, badInputPaths(await page(list, cursor))]).toEqual([list.name, issuer, ['after']]);
        refused++;
      }
    }
    expect(refused).toBe(lists.length * (lists.length - 1));
  });

  it('each list and order takes its own cursor on `before` (with last) and refuses every other one there', async () => {
    for (const list of lists) {
      // the same document read backwards: last/before in place of first/after
      const backwards = { ...list, query: list.query.replace('first: 1, after: $after', 'last: 1, before: $after') };
      expect([list.name, (await page(backwards, cursors.get(list.name) as string)).errors]).toEqual([list.name, undefined]);
      for (const [issuer, cursor] of cursors) {
        if (issuer !== list.name) expect([list.name, issuer, badInputPaths(await page(backwards, cursor))]).toEqual([list.name, issuer, ['before']]);
      }
    }
  });

  it('each list refuses junk and a cursor with a value of the wrong type', async () => {
    for (const list of lists) {
      const [name, order, ...values] = decode(cursors.get(list.name) as string);
      const tampered = [
        'not a cursor',
        encode('junk'),
        encode({ list: name, order }),
        encode([name, order, ...values, 'extra']),
        encode([name, order, ...values.slice(1)]),
        ...values.flatMap((value, i) => wrongTypeFor(value).map((wrong) => encode([name, order, ...values.map((v, j) => (j === i ? wrong : v))]))),
      ];
      for (const cursor of tampered) {
        expect([list.name, cursor, badInputPaths(await page(list, cursor))]).toEqual([list.name, cursor, ['after']]);
      }
    }
  });

  it('refuses an empty or overlong cursor', async () => {
    for (const after of ['', 'A'.repeat(2001)]) expect(badInputPaths(await page(lists[0], after))).toEqual(['after']);
  });
});
