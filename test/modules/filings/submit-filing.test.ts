import { errorCodes, GqlResult, startTestApp, TestApp } from '../../helpers/test-app';
import {
  buildFilingAssociation,
  buildFilingPlatform,
  CLEAN,
  currentChinaPeriod,
  FilingAssociation,
  FilingPlatform,
  POOLING,
  rowsOf,
  SUBMIT_FILING,
  submitVariables,
} from '../../helpers/filing-world';

interface FlagNode {
  ruleCode: string;
  status: string;
  severity: string;
  category: string;
  evidence: { expression: string; values: Record<string, unknown>; evaluatedAt: string };
  ruleVersion: { number: number; ruleCode: string; expression?: string };
}

const codesOf = (flags: FlagNode[]) => flags.map((f) => f.ruleCode).sort();

/** The field paths of a BAD_USER_INPUT error. */
function fieldPaths(result: GqlResult): string[] {
  expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  return (result.errors?.[0].extensions?.fields ?? []).map((f: { path: string }) => f.path);
}

const FILING_DETAILS = `query($id: ID!) {
  filing(id: $id) {
    id period submittedAt dueAt late
    flags { ruleCode status severity category evidence ruleVersion { number ruleCode expression } }
    evaluationErrors { ruleCode message }
    products { productId kind underlyingLoanTermDaysMax lenderTermDays promisedYieldBps yieldLabel guaranteeType exitMechanism }
    ops { newLoanAmountMinor outstandingPrincipalMinor }
    custody { custodyBankName agreementQualificationId lenderFundsOutsideCustodyMinor reconciliationDaysMissed }
    derived { top10BorrowerShareBps largestBorrowerShareBps relatedPartyShareBps overdueRateBps overdue90PlusRateBps }
  }
}`;

describe('submitFiling', () => {
  let app: TestApp;
  let association: FilingAssociation;
  let platform: FilingPlatform;
  let other: FilingPlatform;

  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
    platform = await buildFilingPlatform(app, association);
    other = await buildFilingPlatform(app, association);
  });
  afterAll(() => app.close());

  it('records a clean month with registry-set submittedAt and dueAt: only the lateness rule flags an old period', async () => {
    const before = Date.now();
    const result = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-05'), platform.tokens.filer);
    const after = Date.now();
    expect(result.errors).toBeUndefined();
    const filing = result.data.submitFiling;
    expect(filing).toMatchObject({ period: '2019-05', amendment: 1, provenance: 'SUBMITTED', supersedesId: null, late: true });
    // the registry's clock, not the client's: submittedAt is now
    const submittedAt = Date.parse(filing.submittedAt);
    expect(submittedAt).toBeGreaterThanOrEqual(before);
    expect(submittedAt).toBeLessThanOrEqual(after);
    // 5th working day after 2019-05-31: 3-6 June, 7 June is the Dragon Boat holiday, so Monday 10 June (as in S01)
    expect(filing.dueAt).toBe(new Date('2019-06-10T23:59:59+08:00').toISOString());
    // submitted years after dueAt, FILE-002 (late filing) is the only rule it breaks; the other 24 pass
    expect(codesOf(filing.flags)).toEqual(['FILE-002']);
    expect(filing.flags[0]).toMatchObject({
      status: 'OPEN',
      severity: 'LOW',
      category: 'DISCLOSURE',
      ruleVersion: { number: 1, ruleCode: 'FILE-002' },
      evidence: {
        expression: 'timestamp(filing.submittedAt) > timestamp(filing.dueAt)',
        values: { 'filing.submittedAt': filing.submittedAt, 'filing.dueAt': filing.dueAt },
      },
    });

    const details = await app.execute(FILING_DETAILS, { id: filing.id }, association.tokens.reviewer);
    expect(details.errors).toBeUndefined();
    // every rule evaluated: none failed (TERM-001 once failed comparing an int with a string)
    expect(details.data.filing.evaluationErrors).toEqual([]);
    expect(details.data.filing.custody).toEqual({
      custodyBankName: '江南商业银行股份有限公司',
      agreementQualificationId: platform.custodyQualificationId,
      lenderFundsOutsideCustodyMinor: '0',
      reconciliationDaysMissed: '0',
    });
    expect(details.data.filing.products).toEqual([
      {
        productId: 'PA', kind: 'SINGLE_LOAN', underlyingLoanTermDaysMax: '360', lenderTermDays: '360', promisedYieldBps: '1000',
        yieldLabel: 'EXPECTED_ANNUALIZED', guaranteeType: 'THIRD_PARTY_GUARANTEE', exitMechanism: 'TRANSFER_MARKET',
      },
      {
        productId: 'PB', kind: 'AUTO_INVEST_PLAN', underlyingLoanTermDaysMax: '180', lenderTermDays: '180', promisedYieldBps: '900',
        yieldLabel: 'EXPECTED_ANNUALIZED', guaranteeType: 'NONE', exitMechanism: 'HOLD_TO_MATURITY',
      },
    ]);
  });

  it('does not let the client set submittedAt or dueAt', async () => {
    const variables = submitVariables(platform, '2019-02');
    const withClock = { input: { ...variables.input, submittedAt: '2019-03-01T10:00:00+08:00', dueAt: '2030-01-01T00:00:00Z' } };
    const result = await app.execute(SUBMIT_FILING, withClock, platform.tokens.filer);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(result.errors?.map((e) => e.message).join('\n')).toMatch(/"submittedAt" is not defined by type "SubmitFilingInput"[^]*"dueAt" is not defined/);
    expect((await rowsOf(app, platform.id)).filings).toBe(1);
  });

  it('flags a month that pools lender funds with CUST-001, POOL-001 and POOL-002, with full evidence', async () => {
    const before = Date.now();
    const result = await app.execute(SUBMIT_FILING, submitVariables(other, '2019-06', {}, POOLING), other.tokens.owner);
    expect(result.errors).toBeUndefined();
    const flags: FlagNode[] = result.data.submitFiling.flags;
    expect(codesOf(flags)).toEqual(['CUST-001', 'FILE-002', 'POOL-001', 'POOL-002']);
    const byCode = Object.fromEntries(flags.map((f) => [f.ruleCode, f]));
    expect(byCode['CUST-001']).toMatchObject({
      status: 'OPEN',
      severity: 'CRITICAL',
      category: 'CUSTODY',
      ruleVersion: { number: 1, ruleCode: 'CUST-001' },
      evidence: { expression: 'filing.custody.lenderFundsOutsideCustodyMinor > 0', values: { 'filing.custody.lenderFundsOutsideCustodyMinor': '2500000000' } },
    });
    expect(byCode['POOL-001']).toMatchObject({
      severity: 'HIGH',
      category: 'FUND_POOLING',
      ruleVersion: { number: 1, ruleCode: 'POOL-001' },
      evidence: {
        expression: 'filing.custody.unmatchedCommittedFundsMinor * 10 > filing.ops.newLoanAmountMinor',
        values: { 'filing.custody.unmatchedCommittedFundsMinor': '2000000000', 'filing.ops.newLoanAmountMinor': '8000000000' },
      },
    });
    expect(byCode['POOL-002'].evidence.values).toEqual({
      'filing.ops.lenderSubscriptionsMinor': '12000000000',
      'filing.ops.newLoanAmountMinor': '8000000000',
      'filing.ops.debtTransferAmountMinor': '500000000',
    });
    for (const flag of flags) {
      const evaluatedAt = Date.parse(flag.evidence.evaluatedAt);
      expect(evaluatedAt).toBeGreaterThanOrEqual(before);
      expect(evaluatedAt).toBeLessThanOrEqual(Date.now());
    }

    // the evidence quotes the exact expression of the version that raised the flag
    const details = await app.execute(FILING_DETAILS, { id: result.data.submitFiling.id }, association.tokens.admin);
    for (const flag of details.data.filing.flags as FlagNode[]) expect(flag.evidence.expression).toBe(flag.ruleVersion.expression);
    expect(details.data.filing.evaluationErrors).toEqual([]);
    expect(await rowsOf(app, other.id)).toMatchObject({ filings: 1, flags: 4, evaluationErrors: 0 });
  });

  it('refuses a second plain submission for the same period and writes nothing', async () => {
    const before = await rowsOf(app, platform.id);
    const again = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-05', {}, POOLING), platform.tokens.owner);
    expect(errorCodes(again)).toEqual(['FILING_PERIOD_ALREADY_FILED']);
    expect(again.errors?.[0].extensions?.filingId).toMatch(/^fil_/);
    expect(await rowsOf(app, platform.id)).toEqual(before);
  });

  it('refuses a period that has not ended, or is not a month', async () => {
    const now = currentChinaPeriod();
    const unfinished = await app.execute(SUBMIT_FILING, submitVariables(platform, now), platform.tokens.filer);
    expect(fieldPaths(unfinished)).toEqual(['input.period']);
    expect(unfinished.errors?.[0].message).toBe('input.period: has not ended yet');
    expect(fieldPaths(await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-13'), platform.tokens.filer))).toEqual(['input.period']);
    expect(fieldPaths(await app.execute(SUBMIT_FILING, submitVariables(platform, '2030-01'), platform.tokens.filer))).toEqual(['input.period']);
  });

  it('refuses negative amounts with their paths and writes nothing', async () => {
    const before = await rowsOf(app, platform.id);
    const negative = await app.execute(
      SUBMIT_FILING,
      submitVariables(platform, '2019-03', {
        ops: { newLoanAmountMinor: '-1' },
        custody: { unmatchedCommittedFundsMinor: '-5' },
        products: [{ ...CLEAN.products[0], promisedYieldBps: '-1000' }],
      }),
      platform.tokens.filer,
    );
    expect(fieldPaths(negative)).toEqual(['input.ops.newLoanAmountMinor', 'input.custody.unmatchedCommittedFundsMinor', 'input.products.0.promisedYieldBps']);
    const notInteger = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-03', { ops: { newLoanAmountMinor: '1.5' } }), platform.tokens.filer);
    expect(errorCodes(notInteger)).toEqual(['BAD_USER_INPUT']);
    expect(notInteger.errors?.[0].message).toContain('newLoanAmountMinor');
    expect(await rowsOf(app, platform.id)).toEqual(before);
  });

  it("lets only the platform's own owner and filers file", async () => {
    const before = await rowsOf(app, platform.id);
    const variables = submitVariables(platform, '2019-04');
    expect(errorCodes(await app.execute(SUBMIT_FILING, variables, other.tokens.owner))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.execute(SUBMIT_FILING, variables, other.tokens.filer))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.execute(SUBMIT_FILING, variables, association.tokens.admin))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.execute(SUBMIT_FILING, variables, association.tokens.reviewer))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.execute(SUBMIT_FILING, variables))).toEqual(['UNAUTHENTICATED']);
    expect(await rowsOf(app, platform.id)).toEqual(before);
    const missing = await app.execute(SUBMIT_FILING, { input: { ...variables.input, platformId: 'plt_missing' } }, platform.tokens.owner);
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);

    const byOwner = await app.execute(SUBMIT_FILING, variables, platform.tokens.owner);
    expect(byOwner.errors).toBeUndefined();
    expect(byOwner.data.submitFiling.period).toBe('2019-04');
    expect((await rowsOf(app, platform.id)).filings).toBe(before.filings + 1);
  });

  it('derives shares from the raw amounts, rounding down, and null when the base is zero', async () => {
    const filings = await app.execute(`query($id: ID!) { filings(platformId: $id, first: 10, period: "2019-05") { nodes { id } } }`, { id: platform.id });
    const clean = await app.execute(FILING_DETAILS, { id: filings.data.filings.nodes[0].id }, association.tokens.reviewer);
    // S01 2019-05 (fen): principal 31,200,000,000; top 10 610,000,000; largest 90,000,000; overdue 470,000,000; 90+ 210,000,000
    expect(clean.data.filing.derived).toEqual({
      top10BorrowerShareBps: '195', // 195.51 rounded down
      largestBorrowerShareBps: '28', // 28.85
      relatedPartyShareBps: '0',
      overdueRateBps: '150', // 150.64
      overdue90PlusRateBps: '67', // 67.31
    });
    const empty = await app.execute(
      SUBMIT_FILING,
      submitVariables(platform, '2018-12', {
        ops: { outstandingPrincipalMinor: '0', top10BorrowerOutstandingMinor: '0', largestBorrowerOutstandingMinor: '0', overdueAmountMinor: '0', overdue90PlusAmountMinor: '0' },
      }),
      platform.tokens.filer,
    );
    expect(empty.errors).toBeUndefined();
    const zero = await app.execute(FILING_DETAILS, { id: empty.data.submitFiling.id }, association.tokens.reviewer);
    expect(zero.data.filing.derived).toEqual({
      top10BorrowerShareBps: null,
      largestBorrowerShareBps: null,
      relatedPartyShareBps: null,
      overdueRateBps: null,
      overdue90PlusRateBps: null,
    });
  });
});
