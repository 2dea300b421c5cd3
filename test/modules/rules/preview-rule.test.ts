import { memberViewer } from '../../../src/modules/accounts/viewer';
import { publishRuleDraft, retireRule } from '../../../src/modules/rules/publish-rule';
import { RuleVersion } from '../../../src/modules/rules/rule-version.entity';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';
import {
  AMEND_FILING,
  amendVariables,
  buildFilingAssociation,
  buildFilingPlatform,
  FilingAssociation,
  FilingPlatform,
  POOLING,
  rowsOf,
  SUBMIT_FILING,
  submitVariables,
} from '../../helpers/filing-world';

const SAVE_DRAFT = `mutation Save($input: SaveRuleDraftInput!) { saveRuleDraft(input: $input) { id expression } }`;
const PREVIEW = `mutation Preview($input: PreviewRuleDraftInput!) {
  previewRuleDraft(input: $input) {
    evaluated truncated
    counts { draft { flagged passed error } inForce { flagged passed error none } }
    wouldFlag { draft draftError inForce inForceError inForceVersion filing { id period amendment platform { id } } }
    changed { draft draftError inForce inForceError inForceVersion filing { id period } }
  }
}`;

function draftInput(code: string, expression: string) {
  return {
    input: {
      code,
      title: `${code} draft`,
      text: 'Committed lender money not matched to loans must stay small against new lending.',
      basis: 'Interim Measures Art. 10(2)',
      threshold: 'Tighter multiplier.',
      category: 'FUND_POOLING',
      severity: 'HIGH',
      expression,
    },
  };
}

interface Item {
  draft: string;
  draftError: string | null;
  inForce: string | null;
  inForceError: string | null;
  inForceVersion: number | null;
  filing: { id: string; period: string };
}

/** Unmatched committed funds (S01 clean month 300,000,000; POOLING 2,000,000,000; the p2 filings 100,000,000) minus `zero`, dividing new loans: fails where they are equal. */
const dividesBy = (zero: string, sign: '<' | '>') => `filing.ops.newLoanAmountMinor / (filing.custody.unmatchedCommittedFundsMinor - ${zero}) ${sign} 0`;

describe('previewRuleDraft', () => {
  let app: TestApp;
  let association: FilingAssociation;
  let p1: FilingPlatform;
  let p2: FilingPlatform;
  let p3: FilingPlatform;
  /** Filing ids by name. */
  const filings: Record<string, string> = {};
  let draftId: string;

  const submit = async (platform: FilingPlatform, period: string, overrides = {}, base = undefined as typeof POOLING | undefined) => {
    const result = await app.execute(SUBMIT_FILING, submitVariables(platform, period, overrides, base), platform.tokens.filer);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data.submitFiling.id as string;
  };
  const saveDraft = async (code: string, expression: string) => {
    const saved = await app.execute(SAVE_DRAFT, draftInput(code, expression), association.tokens.editor);
    if (saved.errors) throw new Error(JSON.stringify(saved.errors));
    return saved.data.saveRuleDraft as { id: string };
  };
  const preview = (ruleVersionId: string, token = association.tokens.editor, fromPeriod = '2019-05', toPeriod = '2019-06') =>
    app.execute(PREVIEW, { input: { ruleVersionId, fromPeriod, toPeriod } }, token);
  const summary = (items: Item[]) => items.map((i) => `${i.filing.id}:${i.inForce}->${i.draft}`).sort();
  const versionCount = () => app.orm.em.fork().count(RuleVersion, { rule: { association: association.id } });
  const counts = (draft: [number, number, number], inForce: [number, number, number, number]) => ({
    draft: { flagged: draft[0], passed: draft[1], error: draft[2] },
    inForce: { flagged: inForce[0], passed: inForce[1], error: inForce[2], none: inForce[3] },
  });

  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
    p1 = await buildFilingPlatform(app, association);
    p2 = await buildFilingPlatform(app, association);
    p3 = await buildFilingPlatform(app, association);
    // POOL-001 v1: unmatched * 10 > new loans. Clean May: 300,000,000 * 10 < 8,400,000,000 passes; x30 would flag.
    filings.p1April = await submit(p1, '2019-04'); // outside the previewed range
    filings.p1May = await submit(p1, '2019-05');
    filings.p1June = await submit(p1, '2019-06', {}, POOLING); // flagged either way
    filings.p2June = await submit(p2, '2019-06', { custody: { unmatchedCommittedFundsMinor: '100000000' } }); // passes either way
    // superseded version would flag under x30; only its amendment (passing either way) counts
    filings.p2MayOld = await submit(p2, '2019-05');
    const amended = await app.execute(AMEND_FILING, amendVariables(p2, filings.p2MayOld, 'Matched funds.', { custody: { unmatchedCommittedFundsMinor: '100000000' } }), p2.tokens.filer);
    filings.p2May = amended.data.amendFiling.id;
    // p3 files the sixteen months before April 2019: a long range for the statement count
    for (let month = -1; month < 15; month++) await submit(p3, new Date(Date.UTC(2018, month, 1)).toISOString().slice(0, 7));
    draftId = (await saveDraft('POOL-001', 'filing.custody.unmatchedCommittedFundsMinor * 30 > filing.ops.newLoanAmountMinor')).id;
  });
  afterAll(() => app.close());

  it('compares a stricter draft with the version in force over the live filings of the range, writing nothing', async () => {
    const before = [await rowsOf(app, p1.id), await rowsOf(app, p2.id), await versionCount()];
    const result = await preview(draftId);
    expect(result.errors).toBeUndefined();
    const { evaluated, truncated, wouldFlag, changed } = result.data.previewRuleDraft;
    expect({ evaluated, truncated }).toEqual({ evaluated: 4, truncated: false });
    expect(result.data.previewRuleDraft.counts).toEqual(counts([2, 2, 0], [1, 3, 0, 0]));
    expect(summary(wouldFlag)).toEqual([`${filings.p1June}:FLAGGED->FLAGGED`, `${filings.p1May}:PASSED->FLAGGED`].sort());
    expect(changed).toEqual([
      { draft: 'FLAGGED', draftError: null, inForce: 'PASSED', inForceError: null, inForceVersion: 1, filing: { id: filings.p1May, period: '2019-05' } },
    ]);
    expect(wouldFlag.find((i: Item) => i.filing.id === filings.p1May).filing).toMatchObject({ period: '2019-05', amendment: 1, platform: { id: p1.id } });
    expect([await rowsOf(app, p1.id), await rowsOf(app, p2.id), await versionCount()]).toEqual(before);
  });

  it('evaluates the draft as last saved', async () => {
    // edited back to the multiplier in force: nothing changes any more
    const edited = await saveDraft('POOL-001', 'filing.custody.unmatchedCommittedFundsMinor * 10 > filing.ops.newLoanAmountMinor');
    expect(edited.id).toBe(draftId);
    const result = await preview(draftId);
    expect(summary(result.data.previewRuleDraft.wouldFlag)).toEqual([`${filings.p1June}:FLAGGED->FLAGGED`]);
    expect(result.data.previewRuleDraft.changed).toEqual([]);
    expect(result.data.previewRuleDraft.counts).toEqual(counts([1, 3, 0], [1, 3, 0, 0]));
  });

  it('shows a null inForce for a new rule that is not in force, and narrows to the period range', async () => {
    const saved = await saveDraft('POOL-900', 'filing.ops.lenderSubscriptionsMinor > filing.ops.newLoanAmountMinor');
    const result = await preview(saved.id, association.tokens.admin, '2019-04', '2019-04');
    expect(result.errors).toBeUndefined();
    // April: subscriptions 8,200,000,000 > new loans 8,000,000,000 (S01 2019-05 figures are filed for every month here)
    expect(result.data.previewRuleDraft.evaluated).toBe(1);
    expect(result.data.previewRuleDraft.counts).toEqual(counts([1, 0, 0], [0, 0, 0, 1]));
    expect(result.data.previewRuleDraft.changed).toEqual([
      { draft: 'FLAGGED', draftError: null, inForce: null, inForceError: null, inForceVersion: null, filing: { id: filings.p1April, period: '2019-04' } },
    ]);
  });

  it('gives the message of each filing the draft fails on, and counts the failures', async () => {
    const saved = await saveDraft('POOL-901', dividesBy('300000000', '<'));
    const result = await preview(saved.id);
    expect(result.errors).toBeUndefined();
    // p1 May divides by zero; p1 June 8,000,000,000 / 1,700,000,000 > 0 passes; p2's months divide by -200,000,000
    expect(result.data.previewRuleDraft.counts).toEqual(counts([2, 1, 1], [0, 0, 0, 4]));
    const failed = (result.data.previewRuleDraft.changed as Item[]).filter((i) => i.draft === 'ERROR');
    expect(failed.map((i) => i.filing.id)).toEqual([filings.p1May]);
    expect(failed[0].draftError).toMatch(/by zero/i);
    const others = (result.data.previewRuleDraft.changed as Item[]).filter((i) => i.draft !== 'ERROR');
    expect(others.map((i) => i.draftError)).toEqual([null, null, null]);
  });

  it('compares each filing with the version in force at its period end, with its error, and none once retired', async () => {
    const editor = memberViewer(association.admin);
    const publish = async (expression: string, effectiveFrom: string) =>
      publishRuleDraft(app.orm.em.fork(), editor, { ruleVersionId: (await saveDraft('POOL-950', expression)).id, effectiveFrom: new Date(effectiveFrom) });
    // v1 from January flags any unmatched funds; v2 from June fails on p2's June (100,000,000 unmatched)
    await publish('filing.custody.unmatchedCommittedFundsMinor > 0', '2019-01-01T00:00:00+08:00');
    await publish(dividesBy('100000000', '>'), '2019-06-01T00:00:00+08:00');
    const draft = await saveDraft('POOL-950', 'filing.custody.unmatchedCommittedFundsMinor > 200000000');
    const result = await preview(draft.id);
    expect(result.errors).toBeUndefined();
    expect(result.data.previewRuleDraft.counts).toEqual(counts([2, 2, 0], [3, 0, 1, 0]));
    const changed = result.data.previewRuleDraft.changed as Item[];
    const byFiling = Object.fromEntries(changed.map(({ filing, ...item }) => [filing.id, item]));
    expect(byFiling).toEqual({
      [filings.p2May]: { draft: 'PASSED', draftError: null, inForce: 'FLAGGED', inForceError: null, inForceVersion: 1 },
      [filings.p2June]: { draft: 'PASSED', draftError: null, inForce: 'ERROR', inForceError: expect.stringMatching(/by zero/i), inForceVersion: 2 },
    });
    expect(summary(result.data.previewRuleDraft.wouldFlag)).toEqual([`${filings.p1June}:FLAGGED->FLAGGED`, `${filings.p1May}:FLAGGED->FLAGGED`].sort());

    // retired from mid-June: June's period end has no version in force, May keeps version 1
    const { rule } = await app.orm.em.fork().findOneOrFail(RuleVersion, draft.id);
    await retireRule(app.orm.em.fork(), editor, { ruleId: rule.id, effectiveFrom: new Date('2019-06-15T00:00:00+08:00'), reason: 'Test retirement.' });
    const retired = await preview(draft.id);
    expect(retired.data.previewRuleDraft.counts).toEqual(counts([2, 2, 0], [2, 0, 0, 2]));
    expect(summary(retired.data.previewRuleDraft.changed)).toEqual([`${filings.p1June}:null->FLAGGED`, `${filings.p2June}:null->PASSED`, `${filings.p2May}:FLAGGED->PASSED`].sort());
  });

  it('costs the same number of SQL statements over 2 filings as over 20', async () => {
    const statements = async (fromPeriod: string, toPeriod: string) => {
      let evaluated = 0;
      const count = await app.sql.count(async () => {
        const result = await preview(draftId, association.tokens.editor, fromPeriod, toPeriod);
        expect(result.errors).toBeUndefined();
        evaluated = result.data.previewRuleDraft.evaluated;
      });
      return { evaluated, count };
    };
    await statements('2019-06', '2019-06'); // compiled programs and the like are cached once per process
    // both ranges follow a month on record outside them (May 2019, December 2017), read as `prev`
    const two = await statements('2019-06', '2019-06');
    const twenty = await statements('2018-01', '2019-06');
    expect(two.evaluated).toBe(2);
    expect(twenty.evaluated).toBe(20);
    expect(twenty.count).toBe(two.count);
    // token, draft with its rule, published versions; per batch the filings and six for their context;
    // the platforms of the listed filings (one DataLoader batch)
    expect(two.count).toBeLessThanOrEqual(12);
  });

  it('is for the association’s own rule editors only, and checks the periods', async () => {
    const other = await buildFilingAssociation(app, { rulebook: false });
    expect(errorCodes(await preview(draftId, other.tokens.editor))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await preview(draftId, association.tokens.reviewer))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await preview(draftId, p1.tokens.owner))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.execute(PREVIEW, { input: { ruleVersionId: draftId, fromPeriod: '2019-05', toPeriod: '2019-06' } }))).toEqual(['UNAUTHENTICATED']);
    const bad = await preview(draftId, association.tokens.editor, '2019-5', '2019-06');
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors?.[0].extensions?.fields.map((f: { path: string }) => f.path)).toEqual(['input.fromPeriod']);
    expect(errorCodes(await preview('rlv_missing'))).toEqual(['NOT_FOUND']);
  });
});
