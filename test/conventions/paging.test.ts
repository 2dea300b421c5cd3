import { randomBytes } from 'node:crypto';
import { buildAssociation, buildPlatform } from '../../seeds/factories';
import { CursorCodec } from '../../src/shared/pagination';
import { badInputPaths } from '../helpers/bad-input';
import { buildFilingAssociation, buildFilingPlatform, POOLING, SUBMIT_FILING, submitVariables } from '../helpers/filing-world';
import { startTestApp, TestApp } from '../helpers/test-app';

const PAGE_FIELDS = `totalCount edges { cursor node { id } } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
const VARS = `$first: Int, $after: String, $last: Int, $before: String`;
const ARGS = `first: $first, after: $after, last: $last, before: $before`;

interface Connection {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

describe('connections page both ways', () => {
  let app: TestApp;
  /** Every list (and order) read here, each over a set of records no other test touches. */
  const lists: { name: string; query: string; variables: Record<string, unknown>; token?: string }[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    const association = await buildFilingAssociation(app);
    const platform = await buildFilingPlatform(app, association);
    for (const period of ['2019-06', '2019-07', '2019-08', '2019-09', '2019-10']) {
      const filed = await app.execute(SUBMIT_FILING, submitVariables(platform, period, {}, POOLING), platform.tokens.owner);
      expect(filed.errors).toBeUndefined();
    }
    const bank = `Paging bank ${randomBytes(4).toString('hex')}`;
    for (const name of ['Gamma', 'Alpha', 'Epsilon', 'Beta', 'Delta']) {
      await buildPlatform(app.orm.em, { associationId: association.id, legalName: `${name} ${bank}`, custodyBankName: bank });
    }
    // search ranks the five by score (the name's similarity to the bank's name), then kind and id
    lists.push({
      name: 'search',
      query: `query(${VARS}, $bank: String!) { list: search(query: $bank, ${ARGS}, filter: { custodyBank: [$bank] }) { ${PAGE_FIELDS} } }`,
      variables: { bank },
    });
    for (const order of ['NAME_ASC', 'NAME_DESC', 'REGISTERED_ASC', 'REGISTERED_DESC']) {
      lists.push({
        name: `platforms ${order}`,
        query: `query(${VARS}, $bank: String) { list: platforms(${ARGS}, orderBy: ${order}, filter: { custodyBankName: $bank }) { ${PAGE_FIELDS} } }`,
        variables: { bank },
      });
    }
    lists.push(
      { name: 'filings', query: `query(${VARS}, $id: ID!) { list: filings(platformId: $id, ${ARGS}) { ${PAGE_FIELDS} } }`, variables: { id: platform.id } },
      { name: 'flags', query: `query(${VARS}, $id: ID) { list: flags(${ARGS}, filter: { platformId: $id }) { ${PAGE_FIELDS} } }`, variables: { id: platform.id } },
      { name: 'rulebook', query: `query(${VARS}, $id: ID!) { list: rulebook(associationId: $id, ${ARGS}) { ${PAGE_FIELDS} } }`, variables: { id: association.id } },
      { name: 'reviewQueue', query: `query(${VARS}) { list: reviewQueue(${ARGS}) { ${PAGE_FIELDS} } }`, variables: {}, token: association.tokens.reviewer },
    );
    // lists merged in from main: challenges, the organisation's members and tokens, lists read as of a point, risk points
    for (const i of [1, 2, 3, 4, 5]) {
      const filed = await app.execute(`mutation($input: FileChallengeInput!) { fileChallenge(input: $input) { id } }`, {
        input: { targetType: 'PLATFORM', targetId: platform.id, statement: `Paging challenge ${i}.` },
      });
      expect(filed.errors).toBeUndefined();
    }
    for (const name of ['Filer A', 'Filer B', 'Filer C']) {
      const added = await app.execute(`mutation($input: AddMemberInput!) { addMember(input: $input) { id } }`, { input: { name, role: 'FILER' } }, platform.tokens.owner);
      expect(added.errors).toBeUndefined();
      const issued = await app.execute(`mutation($input: IssueTokenInput!) { issueToken(input: $input) { __typename } }`, {
        input: { memberId: added.data.addMember.id, label: `${name} token` },
      }, platform.tokens.owner);
      expect(issued.errors).toBeUndefined();
    }
    let parameterId = '';
    for (const value of ['600', '610', '620', '630', '640']) {
      const published = await app.execute(`mutation($input: PublishParameterInput!) { publishParameter(input: $input) { id } }`, {
        input: { name: 'marketMedianLenderYieldBps', period: '2020-01', value, reason: `Paging ${value}` },
      }, association.tokens.editor);
      expect(published.errors).toBeUndefined();
      parameterId = published.data.publishParameter.id;
    }
    for (const date of ['2019-10-08', '2019-10-09', '2019-10-10', '2019-10-11', '2019-10-14']) {
      const set = await app.execute(`mutation($date: String!) { setCalendarDays(input: { days: [{ date: $date, kind: HOLIDAY, reason: "Paging" }] }) { id } }`, { date }, association.tokens.admin);
      expect(set.errors).toBeUndefined();
    }
    for (const [name, period] of [['pagingOneBps', '2019-01'], ['pagingOneBps', '2019-02'], ['pagingTwoBps', '2019-01']]) {
      const published = await app.execute(`mutation($input: PublishParameterInput!) { publishParameter(input: $input) { id } }`, {
        input: { name, period, value: '1', reason: 'Paging' },
      }, association.tokens.editor);
      expect(published.errors).toBeUndefined();
    }
    const asOf = new Date().toISOString();
    const riskFields = PAGE_FIELDS.replace(/\{ id \}/g, '{ id: itemId }');
    lists.push(
      { name: 'challenges', query: `query(${VARS}, $id: ID) { list: challenges(${ARGS}, filter: { platformId: $id }) { ${PAGE_FIELDS} } }`, variables: { id: platform.id } },
      { name: 'organisationMembers', query: `query(${VARS}) { list: organisationMembers(${ARGS}) { ${PAGE_FIELDS} } }`, variables: {}, token: platform.tokens.owner },
      { name: 'organisationTokens', query: `query(${VARS}) { list: organisationTokens(${ARGS}) { ${PAGE_FIELDS} } }`, variables: {}, token: platform.tokens.owner },
      { name: 'filings asOf', query: `query(${VARS}, $id: ID!, $asOf: DateTimeISO) { list: filings(platformId: $id, ${ARGS}, asOf: $asOf) { ${PAGE_FIELDS} } }`, variables: { id: platform.id, asOf } },
      { name: 'rulebook asOf', query: `query(${VARS}, $id: ID!, $asOf: DateTimeISO) { list: rulebook(associationId: $id, ${ARGS}, asOf: $asOf) { ${PAGE_FIELDS} } }`, variables: { id: association.id, asOf } },
      {
        name: 'platforms asOf',
        query: `query(${VARS}, $bank: String, $asOf: DateTimeISO) { list: platforms(${ARGS}, orderBy: NAME_DESC, filter: { custodyBankName: $bank }, asOf: $asOf) { ${PAGE_FIELDS} } }`,
        variables: { bank, asOf },
      },
      { name: 'flags asOf', query: `query(${VARS}, $id: ID, $asOf: DateTimeISO) { list: flags(${ARGS}, filter: { platformId: $id }, asOf: $asOf) { ${PAGE_FIELDS} } }`, variables: { id: platform.id, asOf } },
      {
        name: 'history',
        query: `query(${VARS}, $id: ID!) { node(id: $id) { ... on ParameterValue { list: history(${ARGS}) { ${PAGE_FIELDS.replace(/\{ id \}/g, '{ id: logIndex }')} } } } }`,
        variables: { id: parameterId },
      },
      { name: 'parameters', query: `query(${VARS}, $id: ID!) { list: parameters(associationId: $id, ${ARGS}) { ${PAGE_FIELDS} } }`, variables: { id: association.id } },
      { name: 'calendarDays', query: `query(${VARS}, $id: ID!) { list: calendarDays(associationId: $id, ${ARGS}) { ${PAGE_FIELDS} } }`, variables: { id: association.id } },
      { name: 'risk points', query: `query(${VARS}, $id: ID!) { platform(id: $id) { risk { list: points(${ARGS}) { ${riskFields} } } } }`, variables: { id: platform.id } },
    );
  });
  afterAll(() => app.close());

  const read = async (list: (typeof lists)[number], args: Record<string, unknown>): Promise<Connection> => {
    const result = await app.execute(list.query, { ...list.variables, ...args }, list.token);
    expect([list.name, result.errors]).toEqual([list.name, undefined]);
    return result.data.list ?? result.data.platform?.risk.list ?? result.data.node.list;
  };

  /** Checks what every page must hold: nodes and edges agree, start and end cursors are the edges'. */
  const consistent = (page: Connection) => {
    expect(page.nodes.map((n) => n.id)).toEqual(page.edges.map((e) => e.node.id));
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
  };

  it('reads every list backwards with last/before to the same records, in list order, as forwards with first/after', async () => {
    for (const list of lists) {
      const forwards: string[][] = [];
      let page = await read(list, { first: 2 });
      expect([list.name, page.pageInfo.hasPreviousPage]).toEqual([list.name, false]);
      for (;;) {
        consistent(page);
        forwards.push(page.nodes.map((n) => n.id));
        if (!page.pageInfo.hasNextPage) break;
        page = await read(list, { first: 2, after: page.pageInfo.endCursor });
        expect([list.name, page.pageInfo.hasPreviousPage]).toEqual([list.name, true]);
      }
      const backwards: string[][] = [];
      page = await read(list, { last: 2 });
      expect([list.name, page.pageInfo.hasNextPage]).toEqual([list.name, false]);
      for (;;) {
        consistent(page);
        backwards.unshift(page.nodes.map((n) => n.id));
        if (!page.pageInfo.hasPreviousPage) break;
        page = await read(list, { last: 2, before: page.pageInfo.startCursor });
        expect([list.name, page.pageInfo.hasNextPage]).toEqual([list.name, true]);
      }
      const all = forwards.flat();
      expect([list.name, all.length]).toEqual([list.name, page.totalCount]);
      expect(all.length).toBeGreaterThanOrEqual(5);
      expect([list.name, backwards.flat()]).toEqual([list.name, all]);
      // the last page backwards is the end of the list (an odd count leaves a short first page backwards)
      expect(backwards.at(-1)).toEqual(all.slice(-2));
    }
  });

  it('goes back from any cursor forwards: last before an edge cursor is the records just before it', async () => {
    for (const list of lists) {
      const five = await read(list, { first: 5 });
      const before = await read(list, { last: 3, before: five.edges[4].cursor });
      expect([list.name, before.nodes]).toEqual([list.name, five.nodes.slice(1, 4)]);
      expect(before.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    }
  });

  it('pages associations both ways around a cursor (a list other tests add to)', async () => {
    const prefix = `Paging ${randomBytes(4).toString('hex')}`;
    const ids: string[] = [];
    for (const i of [1, 2, 3, 4, 5]) ids.push((await buildAssociation(app.orm.em, `${prefix} ${i}`)).association.id);
    const query = `query(${VARS}) { list: associations(${ARGS}) { ${PAGE_FIELDS} } }`;
    const list = { name: 'associations', query, variables: {} };
    const anchor = new CursorCodec('associations', 'NAME_ASC', ['text', 'text'] as const).encode([prefix, '']);
    const mine = await read(list, { first: 5, after: anchor });
    expect(mine.nodes.map((n) => n.id)).toEqual(ids);
    const back = await read(list, { last: 3, before: mine.pageInfo.endCursor });
    expect(back.nodes.map((n) => n.id)).toEqual(ids.slice(1, 4));
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const start = await read(list, { last: 1, before: back.pageInfo.startCursor });
    expect(start.nodes.map((n) => n.id)).toEqual(ids.slice(0, 1));
  });

  it('refuses bad combinations of first, last, after and before, each with the argument at fault', async () => {
    const list = lists[0];
    const cursor = (await read(list, { first: 1 })).pageInfo.endCursor;
    const paths = async (args: Record<string, unknown>) => badInputPaths(await app.execute(list.query, { ...list.variables, ...args }));
    expect(await paths({})).toEqual(['first']);
    expect(await paths({ after: cursor })).toEqual(['first']);
    expect(await paths({ first: 1, last: 1 })).toEqual(['last']);
    expect(await paths({ first: 1, before: cursor })).toEqual(['before']);
    expect(await paths({ last: 1, after: cursor })).toEqual(['after']);
    expect(await paths({ last: 0 })).toEqual(['last']);
    expect(await paths({ last: 101 })).toEqual(['last']);
    expect(await paths({ last: 1, before: 'junk' })).toEqual(['before']);
    // a cursor of another list, on before
    expect(await paths({ last: 1, before: new CursorCodec('flags', 'RAISED_DESC', ['instant', 'text'] as const).encode([new Date(), 'x']) })).toEqual(['before']);
  });

  it('refuses before with first on the change feed', async () => {
    const changes = `query($first: Int, $last: Int, $before: String) { changes(first: $first, last: $last, before: $before) { nodes { logIndex } } }`;
    expect(badInputPaths(await app.execute(changes, { first: 2, before: '1' }))).toEqual(['before']);
  });

  it('reads a backwards page with the same number of statements as a forwards one', async () => {
    const list = lists.find((l) => l.name === 'flags')!;
    const query = list.query.replace('nodes { id }', 'nodes { id platform { legalName } ruleVersion { number } }');
    const forwards = await app.sql.count(() => app.execute(query, { ...list.variables, first: 3 }));
    const backwards = await app.sql.count(() => app.execute(query, { ...list.variables, last: 3 }));
    expect(backwards).toBe(forwards);
    const search = lists.find((l) => l.name === 'search')!;
    const searchQuery = search.query.replace('nodes { id }', 'nodes { id node { ... on Platform { legalName } } }');
    const searchForwards = await app.sql.count(() => app.execute(searchQuery, { ...search.variables, first: 3 }));
    const searchBackwards = await app.sql.count(() => app.execute(searchQuery, { ...search.variables, last: 3 }));
    expect(searchForwards).toBe(5); // begin, the search settings, the page, commit; one batch of platforms
    expect(searchBackwards).toBe(searchForwards);
  });
});
