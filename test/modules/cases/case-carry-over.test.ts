import { reevaluateForVersion } from '../../../src/modules/flags/reevaluation';
import { AMEND_FILING, amendVariables, buildFilingAssociation, buildFilingPlatform, FilingAssociation, FilingPlatform, POOLING, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';
import { startTestApp, TestApp } from '../../helpers/test-app';

const REPLY = `mutation($input: ReplyToFlagInput!) { replyToFlag(input: $input) { id caseState } }`;
const FLAGS = `query($id: ID!) { flags(first: 50, filter: { platformId: $id }) { nodes { id ruleCode status statusReason caseState filing { id } case { carriedFrom { id caseState } steps { action text } } } } }`;
const SAVE = `mutation($input: SaveRuleDraftInput!) { saveRuleDraft(input: $input) { id } }`;
const PUBLISH = `mutation($input: PublishRuleDraftInput!) { publishRuleDraft(input: $input) { id number } }`;

interface FlagRow {
  id: string;
  ruleCode: string;
  status: string;
  statusReason: string | null;
  caseState: string;
  filing: { id: string };
  case: { carriedFrom: { id: string; caseState: string } | null; steps: { action: string; text: string }[] };
}

describe('re-evaluation never silently drops a case under review', () => {
  let app: TestApp;
  let association: FilingAssociation;
  let platform: FilingPlatform;
  let juneId: string;
  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
    platform = await buildFilingPlatform(app, association);
    const filed = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-06', {}, POOLING), platform.tokens.filer);
    juneId = filed.data.submitFiling.id;
    for (const code of ['POOL-001', 'CUST-001']) {
      const flag = filed.data.submitFiling.flags.find((f: { ruleCode: string }) => f.ruleCode === code);
      const replied = await app.execute(REPLY, { input: { flagId: flag.id, text: `About ${code}: the bank statement explains it.` } }, platform.tokens.filer);
      expect(replied.data.replyToFlag.caseState).toBe('RESPONDED');
    }
  });
  afterAll(() => app.close());

  const flags = async (): Promise<FlagRow[]> => {
    const result = await app.execute(FLAGS, { id: platform.id });
    expect(result.errors).toBeUndefined();
    return result.data.flags.nodes;
  };

  it('on an amendment, carries a re-raised flag\'s case over and closes the case of one no longer raised, with the reason', async () => {
    const amended = await app.execute(AMEND_FILING, amendVariables(platform, juneId, 'Custody figures corrected.', { custody: { lenderFundsOutsideCustodyMinor: '0' } }, POOLING), platform.tokens.filer);
    expect(amended.errors).toBeUndefined();
    const newId = amended.data.amendFiling.id;
    const all = await flags();
    const pool = all.find((f) => f.ruleCode === 'POOL-001' && f.filing.id === newId)!;
    expect(pool).toMatchObject({ status: 'OPEN', caseState: 'RESPONDED' });
    const oldPool = all.find((f) => f.ruleCode === 'POOL-001' && f.filing.id === juneId)!;
    expect(pool.case.carriedFrom).toEqual({ id: oldPool.id, caseState: 'RESPONDED' });
    expect(pool.case.steps).toEqual([]);
    expect(oldPool.case.steps).toEqual([{ action: 'REPLY', text: 'About POOL-001: the bank statement explains it.' }]);
    expect(oldPool.status).toBe('SUPERSEDED');
    expect(all.filter((f) => f.ruleCode === 'CUST-001' && f.filing.id === newId)).toEqual([]);
    const oldCust = all.find((f) => f.ruleCode === 'CUST-001' && f.filing.id === juneId)!;
    // CUST-001 no longer fires on the amendment: its engaged case is closed by a CLOSE step with the amendment's reason, its reply kept
    const reason = 'Filing amended (version 2): Custody figures corrected.';
    expect(oldCust).toMatchObject({ status: 'SUPERSEDED', caseState: 'CLOSED', statusReason: reason });
    expect(oldCust.case.steps).toEqual([
      { action: 'REPLY', text: 'About CUST-001: the bank statement explains it.' },
      { action: 'CLOSE', text: reason },
    ]);
    // an untouched case is not carried: it starts afresh on the new flag
    const fresh = all.filter((f) => f.filing.id === newId && f.ruleCode !== 'POOL-001');
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((f) => f.caseState === 'OPEN' && f.case.carriedFrom === null)).toBe(true);
  });

  it('on a new rule version, carries the case of a flag it still raises, and closes it when the version no longer flags', async () => {
    const publish = async (expression: string, reason: string) => {
      const input = { code: 'POOL-001', title: 'Unmatched committed funds', text: reason, basis: 'Interim Measures Art. 10(2)', category: 'FUND_POOLING', severity: 'HIGH', expression };
      const draft = await app.execute(SAVE, { input }, association.tokens.editor);
      expect(draft.errors).toBeUndefined();
      const published = await app.execute(PUBLISH, { input: { ruleVersionId: draft.data.saveRuleDraft.id, effectiveFrom: '2019-01-01T00:00:00+08:00' } }, association.tokens.editor);
      expect(published.errors).toBeUndefined();
      await reevaluateForVersion(app.orm, { ruleVersionId: published.data.publishRuleDraft.id });
    };
    await publish('filing.custody.unmatchedCommittedFundsMinor * 20 > filing.ops.newLoanAmountMinor', 'Stricter threshold.');
    const live = (await flags()).filter((f) => f.ruleCode === 'POOL-001' && f.status === 'OPEN');
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ caseState: 'RESPONDED', case: { carriedFrom: { caseState: 'RESPONDED' } } });
    const carriedId = live[0].id;

    await publish('filing.custody.unmatchedCommittedFundsMinor > filing.ops.newLoanAmountMinor * 1000', 'Far more lenient threshold.');
    const after = await flags();
    expect(after.filter((f) => f.ruleCode === 'POOL-001' && f.status === 'OPEN')).toEqual([]);
    const closed = after.find((f) => f.id === carriedId)!;
    expect(closed).toMatchObject({ status: 'SUPERSEDED', caseState: 'CLOSED', statusReason: 'Re-evaluated under POOL-001 version 3.' });
    // the carried case closes on the flag that carried it, the steps before stay on the flag it came from
    expect(closed.case.steps).toEqual([{ action: 'CLOSE', text: 'Re-evaluated under POOL-001 version 3.' }]);
    expect(closed.case.carriedFrom).toMatchObject({ caseState: 'RESPONDED' });
  });
});
