import { randomBytes } from 'node:crypto';
import { buildAssociation, buildPlatform, registrationInput } from '../../../seeds/factories';
import { memberViewer } from '../../../src/modules/accounts/viewer';
import { changeRegistryStatus } from '../../../src/modules/platforms/change-registry-status';
import { RegistryStatus } from '../../../src/modules/platforms/platform.enums';
import { SEARCH_SETTINGS } from '../../../src/modules/search/search.sql';
import { buildFilingAssociation, buildFilingPlatform, FilingAssociation, FilingPlatform, POOLING, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';
import { badInputPaths } from '../../helpers/bad-input';
import { errorCodes, GqlResult, startTestApp, TestApp } from '../../helpers/test-app';

const SEARCH = `query Search($query: String!, $filter: SearchFilter, $first: Int!, $after: String) {
  search(query: $query, filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor }
    nodes {
      kind id score matchedField matchedText
      node {
        __typename
        ... on Platform { id legalName custodyBankName }
        ... on Rule { id code }
        ... on Flag { id ruleCode status platform { id } }
      }
    }
  }
  searchFacets(query: $query, filter: $filter) {
    total kinds { value count } registryStatus { value count } authority { value count }
    custodyBank { value count } openFlagSeverity { value count } openFlagCategory { value count }
  }
}`;

interface Hit {
  kind: string;
  id: string;
  score: number;
  matchedField: string;
  matchedText: string;
  node: { __typename: string; id: string; legalName?: string; code?: string; ruleCode?: string; status?: string };
}

/** Random CJK characters (U+4E00-U+9FA5): a tag no other test file's text holds, for names a query can single out. */
function cjkTag(length: number): string {
  return String.fromCodePoint(...Array.from({ length }, () => 0x4e00 + (randomBytes(2).readUInt16BE(0) % 0x51a6)));
}

describe('search', () => {
  let app: TestApp;
  const tag = cjkTag(4);
  const authority = `${tag}地方金融监督管理局`;
  const hex = randomBytes(4).toString('hex');
  const ids: Record<string, string> = {};
  const uscc: Record<string, string> = {};

  const search = (query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GqlResult> =>
    app.execute(SEARCH, { query, first: 20, ...variables }, token);
  const hits = async (query: string, variables: Record<string, unknown> = {}): Promise<Hit[]> => {
    const result = await search(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data.search.nodes;
  };
  /** Hits on this file's platforms only (the authority is this file's own). */
  const ownHits = (query: string, filter: Record<string, unknown> = {}) => hits(query, { filter: { authority: [authority], ...filter } });

  beforeAll(async () => {
    app = await startTestApp();
    const { association, admin } = await buildAssociation(app.orm.em);
    const register = async (name: string, overrides: Parameters<typeof registrationInput>[1]) => {
      const input = registrationInput(association.id, overrides);
      const { platform } = await buildPlatform(app.orm.em, {
        association,
        ...overrides,
        regulatorRegistration: { ...input.regulatorRegistration, authority },
      });
      ids[name] = platform.id;
      uscc[name] = platform.uscc;
    };
    await register('jiangnan', {
      legalName: `${tag}江南网络借贷信息中介服务有限公司`,
      custodyBankName: '江南商业银行股份有限公司',
      websites: [`https://www.jiangnan-${hex}.cn`],
      apps: ['江南贷'],
    });
    await register('hubei', { legalName: `${tag}沪北网络科技有限公司`, custodyBankName: '江南商业银行股份有限公司', websites: [] });
    await register('beifang', { legalName: `${tag}北方普惠信息科技有限公司`, custodyBankName: '北方银行股份有限公司', websites: [] });
    await changeRegistryStatus(app.orm.em.fork(), { viewer: memberViewer(admin), platformId: ids.jiangnan, to: RegistryStatus.APPROVED, reason: 'ok' });
  });
  afterAll(() => app.close());

  it('finds a custody bank by a two-character Chinese fragment (shorter than a trigram)', async () => {
    const found = await ownHits('江南');
    expect(found.map((h) => h.id).sort()).toEqual([ids.jiangnan, ids.hubei].sort());
    const hubei = found.find((h) => h.id === ids.hubei)!;
    expect(hubei).toMatchObject({ kind: 'PLATFORM', matchedField: 'CUSTODY_BANK', matchedText: '江南商业银行股份有限公司' });
    expect(hubei.node).toMatchObject({ __typename: 'Platform', legalName: `${tag}沪北网络科技有限公司` });
    expect(hubei.score).toBeGreaterThan(1);
  });

  it('finds a platform by a fragment of its Chinese name, by its USCC and by a website or app', async () => {
    expect((await ownHits('沪北网络')).map((h) => [h.id, h.matchedField])).toEqual([[ids.hubei, 'LEGAL_NAME']]);
    const byUscc = await ownHits(uscc.beifang);
    expect(byUscc.map((h) => [h.id, h.matchedField, h.score])).toEqual([[ids.beifang, 'USCC', 2]]);
    expect((await ownHits(uscc.beifang.slice(6, 14).toLowerCase()))[0]).toMatchObject({ id: ids.beifang, matchedField: 'USCC' });
    expect((await ownHits(`jiangnan-${hex}`)).map((h) => [h.id, h.matchedField])).toEqual([[ids.jiangnan, 'WEBSITE']]);
    expect((await ownHits('江南贷')).map((h) => [h.id, h.matchedField, h.matchedText])).toEqual([[ids.jiangnan, 'APP', '江南贷']]);
  });

  it('matches a USCC prefix (an identifier) only in texts that hold it, not by resemblance to other USCCs', async () => {
    // every test USCC starts 913100: ten characters of one resemble all of them (word similarity about 0.9)
    const prefix = uscc.beifang.slice(0, 10);
    const found = await ownHits(prefix);
    const holders = Object.keys(uscc).filter((name) => uscc[name].startsWith(prefix));
    expect(found.map((h) => h.id).sort()).toEqual(holders.map((name) => ids[name]).sort());
    expect(found.every((h) => h.matchedField === 'USCC' && h.score > 1)).toBe(true);
    expect((await ownHits(prefix.toLowerCase())).map((h) => h.id).sort()).toEqual(found.map((h) => h.id).sort());
    // one character off: no USCC holds it, and no near miss is listed
    const off = `${prefix.slice(0, 9)}${prefix[9] === 'A' ? 'B' : 'A'}`;
    expect(await ownHits(off)).toEqual([]);
  });

  it('finds near misses by trigram similarity, ranked below texts that hold the query', async () => {
    // "中心" for "中介服务": not a substring of any name, but most of its trigrams are
    const fuzzy = await ownHits(`${tag}江南网络借贷信息中心`);
    expect(fuzzy.map((h) => h.id)).toEqual([ids.jiangnan]);
    expect(fuzzy[0].score).toBeGreaterThanOrEqual(0.6);
    expect(fuzzy[0].score).toBeLessThan(1);
    const ranked = await ownHits('网络');
    expect(ranked.map((h) => h.score)).toEqual([...ranked.map((h) => h.score)].sort((a, b) => b - a));
    expect(ranked.map((h) => h.id).sort()).toEqual([ids.jiangnan, ids.hubei].sort());
  });

  it('ignores case and full-width forms', async () => {
    expect((await ownHits(`ＪＩＡＮＧＮＡＮ-${hex.toUpperCase()}`)).map((h) => h.id)).toEqual([ids.jiangnan]);
  });

  it('walks every hit with keyset cursors, one page at a time, in the order of a single page', async () => {
    const all = await ownHits('有限公司');
    expect(all).toHaveLength(3);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const result: GqlResult = await search('有限公司', { first: 1, after, filter: { authority: [authority] } });
      expect(result.errors).toBeUndefined();
      expect(result.data.search.totalCount).toBe(3);
      seen.push(...result.data.search.nodes.map((h: Hit) => h.id));
      after = result.data.search.pageInfo.hasNextPage ? result.data.search.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.map((h) => h.id));
  });

  it('refuses a cursor of another search or a bad query with BAD_USER_INPUT', async () => {
    const first = await search('有限公司', { first: 1, filter: { authority: [authority] } });
    const cursor = first.data.search.pageInfo.endCursor;
    expect(errorCodes(await search('网络', { first: 1, after: cursor, filter: { authority: [authority] } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await search('有限公司', { first: 1, after: cursor }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await search('   '))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await search('x', { first: 0 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await search('x'.repeat(301)))).toEqual(['BAD_USER_INPUT']);
  });

  it('filters by registry status and custody bank, and counts each facet without its own filter', async () => {
    // the tag is in this file's names only, so every facet counts this file's platforms only
    const result = await search(tag, { filter: { registryStatus: ['PENDING'] } });
    expect(result.errors).toBeUndefined();
    const { nodes, totalCount } = result.data.search;
    const facets = result.data.searchFacets;
    expect(nodes.map((h: Hit) => h.id).sort()).toEqual([ids.hubei, ids.beifang].sort());
    expect(totalCount).toBe(2);
    expect(facets.total).toBe(2);
    expect(facets.registryStatus).toEqual([
      { value: 'PENDING', count: 2 },
      { value: 'APPROVED', count: 1 },
    ]);
    expect(facets.custodyBank).toEqual([
      { value: '北方银行股份有限公司', count: 1 },
      { value: '江南商业银行股份有限公司', count: 1 },
    ]);
    expect(facets.authority).toEqual([{ value: authority, count: 2 }]);
    expect(facets.kinds).toEqual([{ value: 'PLATFORM', count: 2 }]);
    const bank = await ownHits(tag, { custodyBank: ['江南商业银行股份有限公司'] });
    expect(bank.map((h) => h.id).sort()).toEqual([ids.jiangnan, ids.hubei].sort());
  });

  describe('rules and flags', () => {
    let association: FilingAssociation;
    let platform: FilingPlatform;
    let legalName: string;
    const title = `${tag}规则${hex}`;
    const code = `T-${randomBytes(4).toString('hex').toUpperCase()}`;

    beforeAll(async () => {
      association = await buildFilingAssociation(app);
      platform = await buildFilingPlatform(app, association);
      const filed = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-06', {}, POOLING), platform.tokens.filer);
      expect(filed.errors).toBeUndefined();
      legalName = (await app.execute(`query($id: ID!) { platform(id: $id) { legalName } }`, { id: platform.id })).data.platform.legalName;
    });

    it("finds a platform's flags by its name, with the open-flag facets", async () => {
      const suffix = legalName.split(' ')[1];
      const result = await search(suffix);
      expect(result.errors).toBeUndefined();
      const { nodes } = result.data.search;
      const facets = result.data.searchFacets;
      expect(nodes[0]).toMatchObject({ kind: 'PLATFORM', id: platform.id, matchedField: 'LEGAL_NAME' });
      const flags = nodes.filter((h: Hit) => h.kind === 'FLAG');
      expect(flags.map((h: Hit) => h.node.ruleCode).sort()).toEqual(['CUST-001', 'FILE-002', 'POOL-001', 'POOL-002']);
      expect(flags.every((h: Hit) => h.matchedField === 'PLATFORM_NAME' && h.matchedText === legalName && h.score === nodes[0].score)).toBe(true);
      expect(facets.kinds).toEqual([{ value: 'FLAG', count: 4 }, { value: 'PLATFORM', count: 1 }]);
      // the platform and each flag count once per severity they have open
      const severities = Object.fromEntries(facets.openFlagSeverity.map((f: { value: string; count: number }) => [f.value, f.count]));
      expect(severities.CRITICAL).toBeGreaterThanOrEqual(2);
      const critical = await search(suffix, { filter: { openFlagSeverity: ['CRITICAL'], kinds: ['FLAG'] } });
      expect(critical.errors).toBeUndefined();
      expect(critical.data.search.nodes.every((h: Hit) => h.node.status === 'OPEN')).toBe(true);
      expect(critical.data.search.totalCount).toBe(severities.CRITICAL - 1);
      const pooling = await search(suffix, { filter: { openFlagCategory: ['FUND_POOLING'] } });
      expect(pooling.data.search.nodes.map((h: Hit) => h.node.ruleCode ?? 'platform').sort()).toEqual(['POOL-001', 'POOL-002', 'platform']);
    });

    it('pages back and forth over the same hits, each page in rank order (equal scores by kind, then id)', async () => {
      const suffix = legalName.split(' ')[1];
      const PAGE = `query($query: String!, $first: Int, $after: String, $last: Int, $before: String) {
        search(query: $query, first: $first, after: $after, last: $last, before: $before) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { kind id score }
        }
      }`;
      const page = async (args: Record<string, unknown>) => {
        const result = await app.execute(PAGE, { query: suffix, ...args });
        expect(result.errors).toBeUndefined();
        return result.data.search as { totalCount: number; pageInfo: Record<string, any>; nodes: Hit[] };
      };
      const key = (h: Hit) => `${h.kind} ${h.id}`;
      const all = (await page({ first: 20 })).nodes.map(key);
      expect(all).toHaveLength(5); // the platform and its four flags, all of one score
      const forwards = [await page({ first: 2 })];
      while (forwards.at(-1)!.pageInfo.hasNextPage) forwards.push(await page({ first: 2, after: forwards.at(-1)!.pageInfo.endCursor }));
      expect(forwards.map((p) => p.nodes.length)).toEqual([2, 2, 1]);
      expect(forwards.flatMap((p) => p.nodes.map(key))).toEqual(all);
      const backwards = [await page({ last: 2 })];
      expect(backwards[0].pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      while (backwards[0].pageInfo.hasPreviousPage) backwards.unshift(await page({ last: 2, before: backwards[0].pageInfo.startCursor }));
      expect(backwards.map((p) => p.nodes.length)).toEqual([1, 2, 2]);
      expect(backwards.flatMap((p) => p.nodes.map(key))).toEqual(all);
      expect(backwards.every((p) => p.totalCount === 5)).toBe(true);
      // forwards to the middle page, then back from it: the first page again
      const back = await page({ last: 2, before: forwards[1].pageInfo.startCursor });
      expect(back.nodes.map(key)).toEqual(all.slice(0, 2));
      expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      const ahead = await page({ first: 2, after: back.pageInfo.endCursor });
      expect(ahead.nodes.map(key)).toEqual(all.slice(2, 4));
      // a cursor of another search is refused on before too
      expect(badInputPaths(await app.execute(PAGE, { query: '有限公司', last: 1, before: back.pageInfo.endCursor }))).toEqual(['before']);
    });

    it('sends the same number of SQL statements whatever the page size', async () => {
      const suffix = legalName.split(' ')[1];
      const count = (first: number) => app.sql.count(() => search(suffix, { first }));
      const small = await count(2); // the platform and a flag
      expect(await count(20)).toBe(small); // the platform and its four flags
      // the page with its total and the facets, each as begin, the search settings (JIT off, the similarity threshold),
      // select, commit; then one batch of platforms (the hit's and the flags' platform) and one of flags
      expect(small).toBe(10);
      expect(app.sql.statements.filter((s) => s.includes(SEARCH_SETTINGS))).toHaveLength(2);
    });

    it('finds rules by code and by title, never a draft', async () => {
      const save = await app.execute(
        `mutation($input: SaveRuleDraftInput!) { saveRuleDraft(input: $input) { id } }`,
        { input: { code, title, text: 'Draft text.', basis: 'none', threshold: 'none', category: 'DISCLOSURE', severity: 'LOW', expression: 'false' } },
        association.tokens.editor,
      );
      expect(save.errors).toBeUndefined();
      expect(await hits(title)).toEqual([]);
      expect((await search(title, {}, association.tokens.editor)).data.search.nodes).toEqual([]);
      const published = await app.execute(
        `mutation($input: PublishRuleDraftInput!) { publishRuleDraft(input: $input) { number } }`,
        { input: { ruleVersionId: save.data.saveRuleDraft.id, effectiveFrom: '2030-01-01T00:00:00+08:00' } },
        association.tokens.editor,
      );
      expect(published.errors).toBeUndefined();
      expect((await hits(title)).map((h) => [h.kind, h.matchedField, h.score, h.node.code])).toEqual([['RULE', 'RULE_TITLE', 2, code]]);
      expect((await hits(code.toLowerCase())).map((h) => [h.kind, h.matchedField, h.node.code])).toEqual([['RULE', 'RULE_CODE', code]]);
    });
  });

});
