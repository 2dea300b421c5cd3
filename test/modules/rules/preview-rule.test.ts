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
    wouldFlag { draft inForce filing { id period amendment platform { id } } }
    changed { draft inForce filing { id period } }
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
  inForce: string;
  filing: { id: string; period: string };
}

describe('previewRuleDraft', () => {
  let app: TestApp;
  let association: FilingAssociation;
  let p1: FilingPlatform;
  let p2: FilingPlatform;
  /** Filing ids by name. */
  const filings: Record<string, string> = {};
  let draftId: string;

  const submit = async (platform: FilingPlatform, period: string, overrides = {}, base = undefined as typeof POOLING | undefined) => {
    const result = await app.execute(SUBMIT_FILING, submitVariables(platform, period, overrides, base), platform.tokens.filer);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data.submitFiling.id as string;
  };
  const preview = (ruleVersionId: string, token = association.tokens.editor, fromPeriod = '2019-05', toPeriod = '2019-06') =>
    app.execute(PREVIEW, { input: { ruleVersionId, fromPeriod, toPeriod } }, token);
  const summary = (items: Item[]) => items.map((i) => `${i.filing.id}:${i.inForce}->${i.draft}`).sort();
  const versionCount = () => app.orm.em.fork().count(RuleVersion, { rule: { association: association.id } });

  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
    p1 = await buildFilingPlatform(app, association);
    p2 = await buildFilingPlatform(app, association);
    // POOL-001 v1: unmatched * 10 > new loans. Clean May: 300,000,000 * 10 < 8,400,000,000 passes; x30 would flag.
    filings.p1April = await submit(p1, '2019-04'); // outside the previewed range
    filings.p1May = await submit(p1, '2019-05');
    filings.p1June = await submit(p1, '2019-06', {}, POOLING); // flagged either way
    filings.p2June = await submit(p2, '2019-06', { custody: { unmatchedCommittedFundsMinor: '100000000' } }); // passes either way
    // superseded version would flag under x30; only its amendment (passing either way) counts
    filings.p2MayOld = await submit(p2, '2019-05');
    const amended = await app.execute(AMEND_FILING, amendVariables(p2, filings.p2MayOld, 'Matched funds.', { custody: { unmatchedCommittedFundsMinor: '100000000' } }), p2.tokens.filer);
    filings.p2May = amended.data.amendFiling.id;
    const saved = await app.execute(SAVE_DRAFT, draftInput('POOL-001', 'filing.custody.unmatchedCommittedFundsMinor * 30 > filing.ops.newLoanAmountMinor'), association.tokens.editor);
    draftId = saved.data.saveRuleDraft.id;
  });
  afterAll(() => app.close());

  it('compares a stricter draft with the version in force over the live filings of the range, writing nothing', async () => {
    const before = [await rowsOf(app, p1.id), await rowsOf(app, p2.id), await versionCount()];
    const result = await preview(draftId);
    expect(result.errors).toBeUndefined();
    const { evaluated, truncated, wouldFlag, changed } = result.data.previewRuleDraft;
    expect({ evaluated, truncated }).toEqual({ evaluated: 4, truncated: false });
    expect(summary(wouldFlag)).toEqual([`${filings.p1June}:FLAGGED->FLAGGED`, `${filings.p1May}:PASSED->FLAGGED`].sort());
    expect(summary(changed)).toEqual([`${filings.p1May}:PASSED->FLAGGED`]);
    expect(wouldFlag.find((i: Item) => i.filing.id === filings.p1May).filing).toMatchObject({ period: '2019-05', amendment: 1, platform: { id: p1.id } });
    expect([await rowsOf(app, p1.id), await rowsOf(app, p2.id), await versionCount()]).toEqual(before);
  });

  it('evaluates the draft as last saved', async () => {
    // edited back to the multiplier in force: nothing changes any more
    const edited = await app.execute(SAVE_DRAFT, draftInput('POOL-001', 'filing.custody.unmatchedCommittedFundsMinor * 10 > filing.ops.newLoanAmountMinor'), association.tokens.editor);
    expect(edited.data.saveRuleDraft.id).toBe(draftId);
    const result = await preview(draftId);
    expect(summary(result.data.previewRuleDraft.wouldFlag)).toEqual([`${filings.p1June}:FLAGGED->FLAGGED`]);
    expect(result.data.previewRuleDraft.changed).toEqual([]);
  });

  it('shows NONE for a new rule that is not in force, and narrows to the period range', async () => {
    const saved = await app.execute(SAVE_DRAFT, draftInput('POOL-900', 'filing.ops.lenderSubscriptionsMinor > filing.ops.newLoanAmountMinor'), association.tokens.editor);
    const result = await preview(saved.data.saveRuleDraft.id, association.tokens.admin, '2019-04', '2019-04');
    expect(result.errors).toBeUndefined();
    // April: subscriptions 8,200,000,000 > new loans 8,000,000,000 (S01 2019-05 figures are filed for every month here)
    expect(result.data.previewRuleDraft.evaluated).toBe(1);
    expect(summary(result.data.previewRuleDraft.changed)).toEqual([`${filings.p1April}:NONE->FLAGGED`]);
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
