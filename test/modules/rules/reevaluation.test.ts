import { Flag } from '../../../src/modules/flags/flag.entity';
import { FlagStatus } from '../../../src/modules/flags/flag.enums';
import { reevaluateForVersion } from '../../../src/modules/flags/reevaluation';
import { Rule } from '../../../src/modules/rules/rule.entity';
import { startTestApp, TestApp } from '../../helpers/test-app';
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

const SAVE_DRAFT = `mutation Save($input: SaveRuleDraftInput!) { saveRuleDraft(input: $input) { id } }`;
const PUBLISH = `mutation Publish($input: PublishRuleDraftInput!) { publishRuleDraft(input: $input) { id number effectiveFrom } }`;
const RETIRE = `mutation Retire($input: RetireRuleInput!) { retireRule(input: $input) { id number retires } }`;
const POOL_FLAGS = `query($id: ID!) {
  filing(id: $id) { flags { ruleCode status statusReason ruleVersion { number } } }
}`;

type FlagNode = { ruleCode: string; status: string; statusReason: string | null; ruleVersion: { number: number } };

describe('re-evaluation after a rule version is published or retired', () => {
  let app: TestApp;
  let association: FilingAssociation;
  let p1: FilingPlatform;
  let p2: FilingPlatform;
  const filings: Record<string, string> = {};
  let v2: { id: string; number: number };

  const submit = async (platform: FilingPlatform, period: string, overrides = {}, base = undefined as typeof POOLING | undefined) => {
    const result = await app.execute(SUBMIT_FILING, submitVariables(platform, period, overrides, base), platform.tokens.filer);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data.submitFiling.id as string;
  };
  const poolFlags = async (filingId: string) => {
    const result = await app.execute(POOL_FLAGS, { id: filingId });
    return (result.data.filing.flags as FlagNode[]).filter((f) => f.ruleCode === 'POOL-001');
  };
  const poolSummary = async (filingId: string) => (await poolFlags(filingId)).map((f) => `${f.ruleVersion.number}:${f.status}`).sort();
  /** POOL-001 flags of the association's platforms by status. */
  const poolCounts = async () => {
    const em = app.orm.em.fork();
    const where = { ruleCode: 'POOL-001', platform: { $in: [p1.id, p2.id] } };
    return { open: await em.count(Flag, { ...where, status: FlagStatus.OPEN }), superseded: await em.count(Flag, { ...where, status: FlagStatus.SUPERSEDED }), all: await em.count(Flag, where) };
  };

  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
    p1 = await buildFilingPlatform(app, association);
    p2 = await buildFilingPlatform(app, association);
    // POOL-001 v1 flags unmatched funds above 1/10 of new loans; v2 (below) above 1/30.
    filings.p1May = await submit(p1, '2019-05'); // 300,000,000 vs 8,400,000,000: passes v1, fails v2
    filings.p1June = await submit(p1, '2019-06', {}, POOLING); // fails both
    filings.p2Dec = await submit(p2, '2018-12'); // would fail v2, but v2 takes effect in 2019
    filings.p2May = await submit(p2, '2019-05', { custody: { unmatchedCommittedFundsMinor: '100000000' } }); // passes both
    filings.p2JuneOld = await submit(p2, '2019-06'); // would fail v2, but is amended below
    const amended = await app.execute(AMEND_FILING, amendVariables(p2, filings.p2JuneOld, 'Funds matched.', { custody: { unmatchedCommittedFundsMinor: '100000000' } }), p2.tokens.filer);
    filings.p2June = amended.data.amendFiling.id;
  });
  afterAll(() => app.close());

  it('re-evaluates the live filings from the effective date: old flags superseded, new ones name version 2', async () => {
    expect(await poolCounts()).toEqual({ open: 1, superseded: 0, all: 1 });
    const draft = await app.execute(
      SAVE_DRAFT,
      {
        input: {
          code: 'POOL-001', title: 'Unmatched committed funds (1/30)', text: 'Stricter.', basis: 'Interim Measures Art. 10(2)', threshold: '1/30',
          category: 'FUND_POOLING', severity: 'HIGH', expression: 'filing.custody.unmatchedCommittedFundsMinor * 30 > filing.ops.newLoanAmountMinor',
        },
      },
      association.tokens.editor,
    );
    const published = await app.execute(PUBLISH, { input: { ruleVersionId: draft.data.saveRuleDraft.id, effectiveFrom: '2019-01-01T00:00:00+08:00' } }, association.tokens.editor);
    expect(published.errors).toBeUndefined();
    v2 = published.data.publishRuleDraft;
    expect(v2.number).toBe(2);
    // nothing changes until the job runs
    expect(await poolCounts()).toEqual({ open: 1, superseded: 0, all: 1 });

    // a filing submitted meanwhile is checked against version 2 at once
    filings.p1July = await submit(p1, '2019-07');
    expect(await poolSummary(filings.p1July)).toEqual(['2:OPEN']);

    await runReevaluation(app, v2.id);

    expect(await poolSummary(filings.p1May)).toEqual(['2:OPEN']);
    expect(await poolSummary(filings.p1June)).toEqual(['1:SUPERSEDED', '2:OPEN']);
    const superseded = (await poolFlags(filings.p1June)).find((f) => f.status === 'SUPERSEDED');
    expect(superseded?.statusReason).toBe('Re-evaluated under POOL-001 version 2.');
    // already checked against version 2: not flagged twice
    expect(await poolSummary(filings.p1July)).toEqual(['2:OPEN']);
    // before the effective date, passing, or superseded by an amendment: untouched
    expect(await poolSummary(filings.p2Dec)).toEqual([]);
    expect(await poolSummary(filings.p2May)).toEqual([]);
    expect(await poolSummary(filings.p2June)).toEqual([]);
    expect(await poolSummary(filings.p2JuneOld)).toEqual([]);
    expect(await poolCounts()).toEqual({ open: 3, superseded: 1, all: 4 });
  });

  it('raises nothing more when the version is re-evaluated again', async () => {
    // e.g. a job retried after a crash: the queue offers the same job again
    expect(await reevaluateForVersion(app.orm, { ruleVersionId: v2.id })).toBe(5);
    expect(await poolCounts()).toEqual({ open: 3, superseded: 1, all: 4 });
  });

  it('supersedes the open flags of a retired rule from its retirement date', async () => {
    const ruleId = (await app.orm.em.fork().findOneOrFail(Rule, { association: association.id, code: 'POOL-001' })).id;
    const retired = await app.execute(RETIRE, { input: { ruleId, effectiveFrom: '2019-06-01T00:00:00+08:00', reason: 'Replaced by CUST rules.' } }, association.tokens.editor);
    expect(retired.data.retireRule).toMatchObject({ number: 3, retires: true });
    await runReevaluation(app, retired.data.retireRule.id);

    expect(await poolSummary(filings.p1May)).toEqual(['2:OPEN']);
    expect(await poolSummary(filings.p1June)).toEqual(['1:SUPERSEDED', '2:SUPERSEDED']);
    expect(await poolSummary(filings.p1July)).toEqual(['2:SUPERSEDED']);
    const reason = (await poolFlags(filings.p1July))[0].statusReason;
    expect(reason).toBe(`Rule POOL-001 retired from ${new Date('2019-06-01T00:00:00+08:00').toISOString()}.`);
    expect(await poolCounts()).toEqual({ open: 1, superseded: 3, all: 4 });

    // later filings are no longer checked against it
    const august = await submit(p1, '2019-08', {}, POOLING);
    expect(await poolSummary(august)).toEqual([]);
    const flags = (await app.execute(POOL_FLAGS, { id: august })).data.filing.flags.map((f: FlagNode) => f.ruleCode).sort();
    expect(flags).toEqual(['CUST-001', 'DATA-001', 'FILE-002', 'POOL-002']);
  });
});
