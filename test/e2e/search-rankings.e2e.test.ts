import fs from 'node:fs';
import path from 'node:path';
import { createOwnDatabase, OwnDatabase } from '../helpers/own-database';
import { BOOT_TIMEOUT_MS, graphql, killAllApps, makeDataDir, RunningApp, startApp } from './app-process';

/**
 * Identical rankings on the embedded database (PGlite, PostgreSQL 18) and a PostgreSQL server (15): the same
 * searches over the same demo data give the same hits, scores, matched fields and order. Both databases also
 * answer the committed expectations (search-rankings.expected.json), so a run on the embedded database alone
 * checks them too. Ids are random per database, so hits of equal score and kind (ordered by id) are compared
 * as a set, sorted by a natural key. After a deliberate change of the ranking, rewrite the expectations with
 * `SEARCH_RANKINGS_WRITE=1 npx jest test/e2e/search-rankings` (on a server, so both databases are compared).
 */
const EXPECTED_FILE = path.join(__dirname, 'search-rankings.expected.json');

const SEARCHES: { query: string; filter?: Record<string, unknown> }[] = [
  { query: '江南' },
  { query: '江南商业银行' },
  { query: '沪甲' },
  { query: '网络借贷信息中介' },
  { query: '91310000C3CFF1770M' },
  { query: 'c3cff177' },
  { query: 'POOL' },
  { query: '资金池' },
  { query: 'custody' },
  { query: 'lending.example' },
  { query: 'Hujia Lendng' },
  { query: '有限公司', filter: { registryStatus: ['APPROVED'], openFlagSeverity: ['CRITICAL', 'HIGH'] } },
  { query: '有限公司', filter: { kinds: ['FLAG'], openFlagCategory: ['FUND_POOLING'] } },
];

const PAGE = `query Page($query: String!, $filter: SearchFilter, $after: String) {
  search(query: $query, filter: $filter, first: 50, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      kind score matchedField matchedText
      node { ... on Platform { legalName } ... on Rule { code } ... on Flag { ruleCode period status platform { legalName } } }
    }
  }
}`;
const FACETS = `query Facets($query: String!, $filter: SearchFilter) {
  searchFacets(query: $query, filter: $filter) {
    total kinds { value count } registryStatus { value count } authority { value count }
    custodyBank { value count } openFlagSeverity { value count } openFlagCategory { value count }
  }
}`;

const KIND_RANK: Record<string, number> = { PLATFORM: 1, RULE: 2, FLAG: 3 };

interface Hit {
  kind: string;
  score: number;
  matchedField: string;
  matchedText: string;
  node: { legalName?: string; code?: string; ruleCode?: string; period?: string; status?: string; platform?: { legalName: string } };
}

const naturalKey = ({ kind, node }: Hit) =>
  kind === 'PLATFORM' ? node.legalName! : kind === 'RULE' ? node.code! : `${node.ruleCode} ${node.platform!.legalName} ${node.period} ${node.status}`;

/** Every hit of a search, walking the pages by cursor, as [score, kind, field, text, key] in the order served (ties by key). */
async function rankings(app: RunningApp, search: (typeof SEARCHES)[number]) {
  const hits: Hit[] = [];
  let after: string | null = null;
  do {
    const { body }: { body: any } = await graphql(app, PAGE, { ...search, after });
    expect(body.errors).toBeUndefined();
    hits.push(...body.data.search.nodes);
    after = body.data.search.pageInfo.hasNextPage ? body.data.search.pageInfo.endCursor : null;
  } while (after);
  // served best first: score descending, then platforms, rules, flags
  const order = hits.map((h) => [-h.score, KIND_RANK[h.kind]]);
  expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  const rows = hits.map((h) => [h.score, h.kind, h.matchedField, h.matchedText, naturalKey(h)] as [number, string, string, string, string]);
  // hits of equal score and kind are ordered by id, which is random per database: compare them by natural key
  return rows.sort((a, b) => b[0] - a[0] || KIND_RANK[a[1]] - KIND_RANK[b[1]] || (a[4] < b[4] ? -1 : a[4] > b[4] ? 1 : 0));
}

async function results(app: RunningApp) {
  const out: Record<string, unknown> = {};
  for (const search of SEARCHES) {
    const facets = await graphql(app, FACETS, search);
    expect(facets.body.errors).toBeUndefined();
    out[JSON.stringify(search)] = { hits: await rankings(app, search), facets: facets.body.data.searchFacets };
  }
  return out;
}

describe('search rankings on the embedded database and on a PostgreSQL server', () => {
  const dataDirs: string[] = [];
  let server: OwnDatabase | null = null;

  afterAll(async () => {
    await killAllApps();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
    await server?.drop();
  });

  const started = async (env: Record<string, string> = {}) => {
    const dataDir = makeDataDir('registry-search-');
    dataDirs.push(dataDir);
    return startApp(dataDir, { RATE_LIMIT_ANON_READS: '0', ...env });
  };

  it(
    'serves the same hits, scores and order for the same searches over the demo data',
    async () => {
      const embedded = await results(await started());
      if (process.env.SEARCH_RANKINGS_WRITE === '1') fs.writeFileSync(EXPECTED_FILE, `${JSON.stringify(embedded, null, 1)}\n`);
      expect(embedded).toEqual(JSON.parse(fs.readFileSync(EXPECTED_FILE, 'utf8')));
      // on a PostgreSQL server when the suite runs on one (CI does): a database of its own, seeded with the same demo
      server = await createOwnDatabase('search_rankings');
      if (!server) return;
      expect(await results(await started({ DATABASE_URL: server.url }))).toEqual(embedded);
    },
    2 * BOOT_TIMEOUT_MS + 60_000,
  );
});
