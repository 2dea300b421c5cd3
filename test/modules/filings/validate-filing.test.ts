import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';
import {
  buildFilingAssociation,
  buildFilingPlatform,
  currentChinaPeriod,
  FilingPlatform,
  POOLING,
  rowsOf,
  submitVariables,
} from '../../helpers/filing-world';

const VALIDATE = `mutation Validate($input: SubmitFilingInput!) {
  validateFiling(input: $input) {
    dueAt lateIfFiledNow
    flagged { ruleCode ruleVersionId title severity category outcome evidence error }
    errors { ruleCode error }
    findings { ruleCode outcome }
  }
}`;

interface Finding {
  ruleCode: string;
  outcome: string;
}

describe('validateFiling (dry run)', () => {
  let app: TestApp;
  let platform: FilingPlatform;

  beforeAll(async () => {
    app = await startTestApp();
    platform = await buildFilingPlatform(app, await buildFilingAssociation(app));
  });
  afterAll(() => app.close());

  it('is open to the public, shows what the pooling month would flag, and stores nothing', async () => {
    const before = await rowsOf(app, platform.id);
    const result = await app.execute(VALIDATE, submitVariables(platform, '2019-06', {}, POOLING));
    expect(result.errors).toBeUndefined();
    const validation = result.data.validateFiling;
    expect(validation.dueAt).toBe(new Date('2019-07-05T23:59:59+08:00').toISOString());
    expect(validation.lateIfFiledNow).toBe(true);
    expect(validation.flagged.map((f: Finding) => f.ruleCode).sort()).toEqual(['CUST-001', 'FILE-002', 'POOL-001', 'POOL-002']);
    expect(validation.flagged.find((f: Finding) => f.ruleCode === 'CUST-001')).toMatchObject({
      title: expect.any(String),
      severity: 'CRITICAL',
      category: 'CUSTODY',
      outcome: 'FLAGGED',
      error: null,
      ruleVersionId: expect.stringMatching(/^rlv_/),
      evidence: { expression: 'filing.custody.lenderFundsOutsideCustodyMinor > 0', values: { 'filing.custody.lenderFundsOutsideCustodyMinor': '2500000000' } },
    });
    expect(validation.errors).toEqual([]);
    // every one of the 25 rules in force reports an outcome
    expect(validation.findings).toHaveLength(25);
    expect(validation.findings.filter((f: Finding) => f.outcome === 'PASSED')).toHaveLength(21);
    expect(await rowsOf(app, platform.id)).toEqual(before);
    expect(before).toMatchObject({ filings: 0, flags: 0, evaluationErrors: 0 });
  });

  it('passes the clean month on every rule but lateness, for a member too, still storing nothing', async () => {
    const result = await app.execute(VALIDATE, submitVariables(platform, '2019-05'), platform.tokens.filer);
    expect(result.data.validateFiling.flagged.map((f: Finding) => f.ruleCode)).toEqual(['FILE-002']);
    expect(result.data.validateFiling.errors).toEqual([]);
    expect((await rowsOf(app, platform.id)).filings).toBe(0);
  });

  it('checks the input like submitFiling', async () => {
    const negative = await app.execute(VALIDATE, submitVariables(platform, '2019-05', { ops: { newLoanAmountMinor: '-1' } }));
    expect(errorCodes(negative)).toEqual(['BAD_USER_INPUT']);
    expect(negative.errors?.[0].extensions?.fields.map((f: { path: string }) => f.path)).toEqual(['input.ops.newLoanAmountMinor']);
    const unfinished = await app.execute(VALIDATE, submitVariables(platform, currentChinaPeriod()));
    expect(unfinished.errors?.[0].extensions?.fields.map((f: { path: string }) => f.path)).toEqual(['input.period']);
    const missing = await app.execute(VALIDATE, { input: { ...submitVariables(platform, '2019-05').input, platformId: 'plt_missing' } });
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
  });
});
