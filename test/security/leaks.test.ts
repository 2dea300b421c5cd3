import { ledgerEntries } from '../helpers/ledger';
import { errorCodes, startTestApp, TestApp } from '../helpers/test-app';
import { buildFilingAssociation, buildFilingPlatform, FilingAssociation, FilingPlatform, submitVariables } from '../helpers/filing-world';

const SAVE_DRAFT = `mutation($input: SaveRuleDraftInput!) { saveRuleDraft(input: $input) { id ruleId } }`;
const PUBLISH = `mutation($input: PublishRuleDraftInput!) { publishRuleDraft(input: $input) { id } }`;
const RULE = `query($id: ID!) { rule(id: $id) { code versions { number } } }`;
const VALIDATE = `mutation($input: SubmitFilingInput!) { validateFiling(input: $input) { errors { ruleCode error } findings { ruleCode outcome } } }`;

/** Saves a rule draft; returns the draft version's and the rule's ids. */
async function draft(app: TestApp, association: FilingAssociation, code: string, expression: string) {
  const input = { code, title: code, text: code, basis: 'test', category: 'CUSTODY', severity: 'LOW', expression };
  const saved = await app.execute(SAVE_DRAFT, { input }, association.tokens.editor);
  if (saved.errors) throw new Error(JSON.stringify(saved.errors));
  return saved.data.saveRuleDraft as { id: string; ruleId: string };
}

describe('what the public must not see', () => {
  let app: TestApp;
  let association: FilingAssociation;
  let platform: FilingPlatform;
  let other: FilingAssociation;

  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app, { rulebook: false });
    other = await buildFilingAssociation(app, { rulebook: false });
    platform = await buildFilingPlatform(app, association);
    // a rule that cannot be evaluated on any filing: integer division by zero
    const failing = await draft(app, association, 'ERR-001', 'filing.custody.reconciliationDaysMissed / 0 > 1');
    const published = await app.execute(PUBLISH, { input: { ruleVersionId: failing.id, effectiveFrom: '2019-01-01T00:00:00+08:00' } }, association.tokens.admin);
    if (published.errors) throw new Error(JSON.stringify(published.errors));
  });
  afterAll(() => app.close());

  it("validateFiling shows rule evaluation errors to the platform and its association only", async () => {
    const variables = submitVariables(platform, '2019-05');
    for (const token of [platform.tokens.filer, association.tokens.reviewer]) {
      const seen = (await app.execute(VALIDATE, variables, token)).data.validateFiling;
      expect(seen.errors).toEqual([{ ruleCode: 'ERR-001', error: expect.stringMatching(/division by zero|divide/i) }]);
      expect(seen.findings).toEqual([{ ruleCode: 'ERR-001', outcome: 'ERROR' }]);
    }
    for (const token of [undefined, other.tokens.admin]) {
      const seen = (await app.execute(VALIDATE, variables, token)).data.validateFiling;
      expect(seen).toEqual({ errors: [], findings: [] });
    }
  });

  it('rule(id) hides a rule that was only ever drafted from all but its editors, and shows it once published', async () => {
    const drafted = await draft(app, association, 'NEW-001', 'filing.custody.reconciliationDaysMissed > 3');
    expect((await app.execute(RULE, { id: drafted.ruleId })).data.rule).toBeNull();
    expect((await app.execute(RULE, { id: drafted.ruleId }, other.tokens.admin)).data.rule).toBeNull();
    expect((await app.execute(RULE, { id: drafted.ruleId }, platform.tokens.owner)).data.rule).toBeNull();
    expect((await app.execute(RULE, { id: drafted.ruleId }, association.tokens.editor)).data.rule).toEqual({ code: 'NEW-001', versions: [{ number: null }] });
    const published = await app.execute(PUBLISH, { input: { ruleVersionId: drafted.id, effectiveFrom: '2019-01-01T00:00:00+08:00' } }, association.tokens.admin);
    expect(errorCodes(published)).toEqual([]);
    expect((await app.execute(RULE, { id: drafted.ruleId })).data.rule).toEqual({ code: 'NEW-001', versions: [{ number: 1 }] });
  });

  it('keeps tokens in the private part of the ledger, without their secret hashes', async () => {
    const entries = await ledgerEntries(app.orm.em, { entityType: 'api-token' });
    expect(entries.length).toBeGreaterThanOrEqual(4);
    for (const entry of entries) {
      expect(entry).toMatchObject({ public: false, logIndex: null });
      expect(Object.keys(entry.record)).toEqual(expect.arrayContaining(['label', 'prefix', 'role']));
      expect(JSON.stringify(entry.record)).not.toMatch(/[0-9a-f]{64}/);
    }
  });
});
