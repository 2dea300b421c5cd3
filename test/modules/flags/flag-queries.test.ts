import { EvaluationError } from '../../../src/modules/flags/evaluation-error.entity';
import { errorCodes, GqlResult, startTestApp, TestApp } from '../../helpers/test-app';
import {
  AMEND_FILING,
  amendVariables,
  buildFilingAssociation,
  buildFilingPlatform,
  FilingAssociation,
  FilingPlatform,
  POOLING,
  runReevaluation,
  SUBMIT_FILING,
  submitVariables,
} from '../../helpers/filing-world';

const FLAGS = `query($filter: FlagFilter, $first: Int!, $after: String) {
  flags(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id } }
    nodes { id period ruleCode severity category status raisedAt filing { id amendment } platform { id } ruleVersion { number ruleCode } }
  }
}`;
const EVALUATION_ERRORS = `query($id: ID!) { filing(id: $id) { id evaluationErrors { ruleCode message evaluatedAt } } }`;

interface FlagNode {
  id: string;
  period: string;
  ruleCode: string;
  severity: string;
  status: string;
  raisedAt: string;
}

/**
 * One platform with four monthly filings a month apart (so no filing reads another as `prev`):
 * 2019-01 and 2019-07 clean (FILE-002 only: filed late), 2019-03 and 2019-05 pooling funds
 * (CUST-001, POOL-001, POOL-002, FILE-002); 2019-05 is then amended (POOL-001, FILE-002 remain).
 */
describe('flags: filters, pages, counts, evaluation errors', () => {
  let app: TestApp;
  let association: FilingAssociation;
  let platform: FilingPlatform;
  const filings: Record<string, string> = {};

  const flags = async (filter: Record<string, unknown>, first = 100, after?: string): Promise<GqlResult> =>
    app.execute(FLAGS, { filter: { platformId: platform.id, ...filter }, first, after });
  const count = async (filter: Record<string, unknown>) => {
    const result = await flags(filter);
    expect(result.errors).toBeUndefined();
    expect(result.data.flags.nodes).toHaveLength(result.data.flags.totalCount);
    return result.data.flags.totalCount as number;
  };
  const submit = async (period: string, base = undefined as typeof POOLING | undefined) => {
    const result = await app.execute(SUBMIT_FILING, submitVariables(platform, period, {}, base), platform.tokens.filer);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data.submitFiling.id as string;
  };

  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
    platform = await buildFilingPlatform(app, association);
    filings.jan = await submit('2019-01');
    filings.mar = await submit('2019-03', POOLING);
    filings.mayOld = await submit('2019-05', POOLING);
    filings.jul = await submit('2019-07');
    const amended = await app.execute(
      AMEND_FILING,
      amendVariables(platform, filings.mayOld, 'Booking error corrected.', { custody: { lenderFundsOutsideCustodyMinor: '0' }, ops: { lenderSubscriptionsMinor: '8400000000' } }, POOLING),
      platform.tokens.filer,
    );
    if (amended.errors) throw new Error(JSON.stringify(amended.errors));
    filings.may = amended.data.amendFiling.id;
  });
  afterAll(() => app.close());

  it('filters by platform, status, severity, category, period range, rule and filing', async () => {
    expect(await count({})).toBe(12);
    expect(await count({ status: ['OPEN'] })).toBe(8);
    expect(await count({ status: ['SUPERSEDED'] })).toBe(4);
    expect(await count({ status: ['OPEN', 'SUPERSEDED'] })).toBe(12);
    expect(await count({ status: ['RESOLVED'] })).toBe(0);
    expect(await count({ severity: ['CRITICAL'] })).toBe(2);
    expect(await count({ severity: ['CRITICAL', 'HIGH'] })).toBe(7);
    expect(await count({ category: ['FUND_POOLING'] })).toBe(5);
    expect(await count({ category: ['CUSTODY', 'DISCLOSURE'] })).toBe(7);
    expect(await count({ periodFrom: '2019-03', periodTo: '2019-05' })).toBe(10);
    expect(await count({ periodFrom: '2019-06' })).toBe(1);
    expect(await count({ periodTo: '2019-02' })).toBe(1);
    expect(await count({ ruleCode: 'POOL-001' })).toBe(3);
    expect(await count({ filingId: filings.mar })).toBe(4);
    expect(await count({ filingId: filings.may })).toBe(2);

    const combined = await flags({ ruleCode: 'POOL-001', severity: ['HIGH'], category: ['FUND_POOLING'], status: ['OPEN'], periodFrom: '2019-04', periodTo: '2019-12' });
    expect(combined.data.flags.totalCount).toBe(1);
    expect(combined.data.flags.nodes[0]).toMatchObject({
      period: '2019-05',
      ruleCode: 'POOL-001',
      status: 'OPEN',
      filing: { id: filings.may, amendment: 2 },
      platform: { id: platform.id },
      ruleVersion: { number: 1, ruleCode: 'POOL-001' },
    });
  });

  it('pages with keyset cursors, newest first, each flag once', async () => {
    const seen: FlagNode[] = [];
    let after: string | undefined;
    const sizes: number[] = [];
    for (;;) {
      const page = await flags({}, 5, after);
      expect(page.errors).toBeUndefined();
      expect(page.data.flags.totalCount).toBe(12);
      sizes.push(page.data.flags.nodes.length);
      seen.push(...page.data.flags.nodes);
      expect(page.data.flags.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(page.data.flags.nodes.map((n: FlagNode) => n.id));
      expect(page.data.flags.pageInfo.endCursor).toBe(page.data.flags.edges.at(-1).cursor);
      if (!page.data.flags.pageInfo.hasNextPage) break;
      after = page.data.flags.pageInfo.endCursor;
    }
    expect(sizes).toEqual([5, 5, 2]);
    expect(new Set(seen.map((f) => f.id)).size).toBe(12);
    const keys = seen.map((f) => [Date.parse(f.raisedAt), f.id] as const);
    const sorted = [...keys].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? 1 : -1));
    expect(keys).toEqual(sorted);
    // the amendment's flags were raised last
    expect(seen.slice(0, 2).map((f) => f.ruleCode).sort()).toEqual(['FILE-002', 'POOL-001']);
  });

  it('refuses bad page arguments and filter periods', async () => {
    const bad = (result: GqlResult) => {
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      return result.errors?.[0].extensions?.fields.map((f: { path: string }) => f.path);
    };
    expect(bad(await flags({}, 0))).toEqual(['first']);
    expect(bad(await flags({}, 101))).toEqual(['first']);
    expect(bad(await flags({}, 5, 'bm9wZQ'))).toEqual(['after']);
    expect(bad(await flags({ periodFrom: '2019-13' }))).toEqual(['filter.periodFrom']);
    expect(bad(await flags({ periodTo: '2019' }))).toEqual(['filter.periodTo']);
  });

  it('counts open flags by severity on the platform', async () => {
    const result = await app.execute(`query($id: ID!) { platform(id: $id) { openFlagCounts { critical high medium low } } }`, { id: platform.id });
    // open: CUST-001 (March); POOL-001, POOL-002 (March), POOL-001 (May v2); FILE-002 x4
    expect(result.data.platform.openFlagCounts).toEqual({ critical: 1, high: 3, medium: 0, low: 4 });
  });

  it("records a rule that fails at run time as an evaluation error, visible only to the association's members and the platform itself", async () => {
    const draft = await app.execute(
      `mutation($input: SaveRuleDraftInput!) { saveRuleDraft(input: $input) { id } }`,
      {
        input: {
          code: 'ERR-001', title: 'Mixes int and double', text: 'Compiles, fails on every filing.', basis: 'Test',
          category: 'DATA_INTEGRITY', severity: 'MEDIUM', expression: 'filing.ops.newLoanAmountMinor * 9223372036854775807 > 0',
        },
      },
      association.tokens.editor,
    );
    expect(draft.errors).toBeUndefined();
    const published = await app.execute(
      `mutation($input: PublishRuleDraftInput!) { publishRuleDraft(input: $input) { id number } }`,
      { input: { ruleVersionId: draft.data.saveRuleDraft.id, effectiveFrom: '2016-08-24T00:00:00+08:00' } },
      association.tokens.editor,
    );
    expect(published.data.publishRuleDraft.number).toBe(1);
    await runReevaluation(app, published.data.publishRuleDraft.id);

    // each live filing has the error on record; the superseded version was not re-evaluated
    const errorsOf = (id: string) => app.orm.em.fork().count(EvaluationError, { filing: id, ruleCode: 'ERR-001' });
    expect([await errorsOf(filings.jan), await errorsOf(filings.mar), await errorsOf(filings.may), await errorsOf(filings.jul), await errorsOf(filings.mayOld)]).toEqual([1, 1, 1, 1, 0]);
    // and a new filing records it at submission
    filings.sep = await submit('2019-09');
    expect(await errorsOf(filings.sep)).toBe(1);

    for (const token of [association.tokens.admin, association.tokens.editor, association.tokens.reviewer]) {
      const seen = await app.execute(EVALUATION_ERRORS, { id: filings.mar }, token);
      expect(seen.errors).toBeUndefined();
      expect(seen.data.filing.evaluationErrors).toEqual([
        { ruleCode: 'ERR-001', message: expect.stringMatching(/^integer overflow: /), evaluatedAt: expect.any(String) },
      ]);
    }
    expect(errorCodes(await app.execute(EVALUATION_ERRORS, { id: filings.mar }))).toEqual(['FORBIDDEN']);
    const own = await app.execute(EVALUATION_ERRORS, { id: filings.mar }, platform.tokens.owner);
    expect(own.data.filing.evaluationErrors.map((e: { ruleCode: string }) => e.ruleCode)).toEqual(['ERR-001']);
    const outsider = await buildFilingAssociation(app, { rulebook: false });
    expect(errorCodes(await app.execute(EVALUATION_ERRORS, { id: filings.mar }, outsider.tokens.admin))).toEqual(['FORBIDDEN']);

    // never a flag
    expect(await count({ ruleCode: 'ERR-001' })).toBe(0);
    const counts = await app.execute(`query($id: ID!) { platform(id: $id) { openFlagCounts { critical high medium low } } }`, { id: platform.id });
    expect(counts.data.platform.openFlagCounts).toEqual({ critical: 1, high: 3, medium: 0, low: 5 }); // + FILE-002 of September
  });
});
