import { canonicalJson } from '../../../src/shared/canonical-json';
import { badInputPaths } from '../../helpers/bad-input';
import { buildFilingAssociation, buildFilingPlatform, CUSTODY_BANK, FilingAssociation, FilingPlatform, runReevaluation, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';

const UPDATE = `mutation($input: UpdatePlatformProfileInput!) {
  updatePlatformProfile(input: $input) { id version custodyBankName websites apps profileUpdatedAt relatedParties { relation nameHash } regulatorRegistration { status number authority } }
}`;
const FILING = `query($id: ID!) { filing(id: $id) { flags { ruleCode } facts { sha256 document } factsSha256 } }`;
const ENTRY = `query($id: ID!, $version: Int) { logEntry(entityType: "platform", entityId: $id, version: $version) { version entry } }`;

const OPEN_FLAGS = `query($id: ID!) { filing(id: $id) { flags { ruleCode status ruleVersion { number } } facts { document } } }`;
const SAVE_RULE = `mutation($input: SaveRuleDraftInput!) { saveRuleDraft(input: $input) { id } }`;
const PUBLISH_RULE = `mutation($input: PublishRuleDraftInput!) { publishRuleDraft(input: $input) { id number } }`;
/** A custody rule reading the platform's profile: the bank a filing reports must be the platform's registered custody bank. */
const SAME_BANK = {
  code: 'CUST-900', title: 'Custody bank differs from the registered one', text: "The filing's custody bank is not the custody bank on the platform's record.",
  basis: 'Test', category: 'CUSTODY', severity: 'HIGH', expression: 'filing.custody.custodyBankName != platform.custodyBank.name',
};
const NEW_BANK = '北方商业银行股份有限公司';

const decode = (entry: string) => JSON.parse(Buffer.from(entry, 'base64').toString('utf8'));
const codes = (flags: { ruleCode: string }[]) => flags.map((f) => f.ruleCode).sort();

describe('updatePlatformProfile', () => {
  let app: TestApp;
  let association: FilingAssociation;
  let platform: FilingPlatform;
  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
    platform = await buildFilingPlatform(app, association);
  });
  afterAll(() => app.close());

  const update = (input: Record<string, unknown>, token = platform.tokens.owner, platformId = platform.id) =>
    app.execute(UPDATE, { input: { platformId, ...input } }, token);

  it('changes only the given fields, as a new public platform version with the reason', async () => {
    const before = (await app.execute(ENTRY, { id: platform.id })).data.logEntry;
    const result = await update({ websites: ['https://new.example.cn'], apps: ['Example Lend'], reason: 'New website and app.' });
    expect(result.errors).toBeUndefined();
    const updated = result.data.updatePlatformProfile;
    expect(updated).toMatchObject({ version: before.version + 1, websites: ['https://new.example.cn'], apps: ['Example Lend'], custodyBankName: '江南商业银行股份有限公司' });
    expect(updated.regulatorRegistration.status).toBe('REGISTERED');
    const entry = decode((await app.execute(ENTRY, { id: platform.id })).data.logEntry.entry);
    expect(entry).toMatchObject({ version: before.version + 1, action: 'platform.profile-updated', reason: 'New website and app.', actor: { organisation: platform.id, role: 'PLATFORM_OWNER' } });
    expect(entry.record.websites).toEqual(['https://new.example.cn']);
    // the previous version stays readable as it was
    const previous = decode((await app.execute(ENTRY, { id: platform.id, version: before.version })).data.logEntry.entry);
    expect(previous.record.websites).toEqual(['https://lending.example.cn']);
    expect(previous.record.apps).toEqual([]);
  });

  it('refuses an update that changes nothing, and writes nothing', async () => {
    const before = (await app.execute(ENTRY, { id: platform.id })).data.logEntry.version;
    const result = await update({ websites: ['https://new.example.cn'], reason: 'Same again.' });
    expect(errorCodes(result)).toEqual(['PLATFORM_PROFILE_UNCHANGED']);
    expect(errorCodes(await update({ reason: 'Nothing given.' }))).toEqual(['PLATFORM_PROFILE_UNCHANGED']);
    expect((await app.execute(ENTRY, { id: platform.id })).data.logEntry.version).toBe(before);
  });

  it('checks the fields as registration does', async () => {
    const result = await update({
      websites: ['ftp://nope', 'https://ok.example.cn'],
      relatedParties: [{ relation: 'ACTUAL_CONTROLLER', nameHash: 'NOT-A-HASH' }],
      reason: 'Bad input.',
    });
    expect(badInputPaths(result).sort()).toEqual(['input.relatedParties.0.nameHash', 'input.websites']);
  });

  it('counts from the next filing on: a registration revoked after a filing flags the next filing, not the earlier one', async () => {
    const earlier = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-05'), platform.tokens.filer);
    expect(earlier.errors).toBeUndefined();
    const earlierId = earlier.data.submitFiling.id;
    const earlierFlags = codes(earlier.data.submitFiling.flags);
    expect(earlierFlags).not.toContain('QUAL-001');
    const earlierFacts = (await app.execute(FILING, { id: earlierId })).data.filing;

    const revoked = await update({
      custodyBankName: null,
      regulatorRegistration: { status: 'REVOKED', number: '沪网贷备-2018-006', authority: '上海市地方金融监督管理局' },
      reason: 'The regulator revoked our registration.',
    });
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data.updatePlatformProfile).toMatchObject({ custodyBankName: null, regulatorRegistration: { status: 'REVOKED' } });

    const later = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-06'), platform.tokens.filer);
    expect(later.errors).toBeUndefined();
    expect(codes(later.data.submitFiling.flags)).toContain('QUAL-001');
    const laterFacts = (await app.execute(FILING, { id: later.data.submitFiling.id })).data.filing;
    expect(laterFacts.facts.document.platform.registration.status).toBe('revoked');
    expect(laterFacts.facts.document.platform.custodyBank.name).toBe('');

    // the earlier filing: same flags, and its facts (pinned to its instant) still read the profile as it was
    const again = (await app.execute(FILING, { id: earlierId })).data.filing;
    expect(codes(again.flags)).toEqual(earlierFlags);
    expect(again.facts.document.platform.registration.status).toBe('registered');
    expect(again.facts.document.platform.custodyBank.name).toBe('江南商业银行股份有限公司');
    expect(canonicalJson(again.facts.document)).toBe(canonicalJson(earlierFacts.facts.document));
    expect(again.facts.sha256).toBe(again.factsSha256);
  });

  it("a custody bank change reaches the next filing's facts and rule outcome, never an earlier filing's, even on re-evaluation", async () => {
    // an association of its own, so its custody rule touches no other test's filings
    const own = await buildFilingAssociation(app);
    const moving = await buildFilingPlatform(app, own);
    const publishSameBank = async () => {
      const draft = await app.execute(SAVE_RULE, { input: SAME_BANK }, own.tokens.editor);
      const published = await app.execute(PUBLISH_RULE, { input: { ruleVersionId: draft.data.saveRuleDraft.id, effectiveFrom: '2016-08-24T00:00:00+08:00' } }, own.tokens.editor);
      expect(published.errors).toBeUndefined();
      await runReevaluation(app, published.data.publishRuleDraft.id);
      return published.data.publishRuleDraft.number;
    };
    expect(await publishSameBank()).toBe(1);
    /** The filing's open flags of CUST-900 (as version numbers) and the custody bank its facts read. */
    const outcome = async (id: string) => {
      const { filing } = (await app.execute(OPEN_FLAGS, { id })).data;
      const open = filing.flags.filter((f: { ruleCode: string; status: string }) => f.ruleCode === 'CUST-900' && f.status === 'OPEN');
      return { cust900: open.map((f: { ruleVersion: { number: number } }) => f.ruleVersion.number), bank: filing.facts.document.platform.custodyBank.name };
    };
    const submit = async (period: string, custody: Record<string, string> = {}) => {
      const filed = await app.execute(SUBMIT_FILING, submitVariables(moving, period, { custody }), moving.tokens.filer);
      expect(filed.errors).toBeUndefined();
      return filed.data.submitFiling.id as string;
    };

    const earlier = await submit('2019-05');
    expect(await outcome(earlier)).toEqual({ cust900: [], bank: CUSTODY_BANK });
    const earlierFacts = (await app.execute(FILING, { id: earlier })).data.filing.factsSha256;

    const moved = await update({ custodyBankName: NEW_BANK, reason: 'We moved custody to another bank.' }, moving.tokens.owner, moving.id);
    expect(moved.errors).toBeUndefined();
    expect(moved.data.updatePlatformProfile.custodyBankName).toBe(NEW_BANK);

    // the next filing still reports the old bank: its facts read the new one, and the rule flags the mismatch
    const later = await submit('2019-06');
    expect(await outcome(later)).toEqual({ cust900: [1], bank: NEW_BANK });
    // a filing reporting the new bank agrees with the record again
    const agreeing = await submit('2019-07', { custodyBankName: NEW_BANK });
    expect(await outcome(agreeing)).toEqual({ cust900: [], bank: NEW_BANK });
    // the earlier filing keeps its facts and outcome
    expect(await outcome(earlier)).toEqual({ cust900: [], bank: CUSTODY_BANK });
    expect((await app.execute(FILING, { id: earlier })).data.filing.factsSha256).toBe(earlierFacts);

    // a new version of the rule re-evaluates every filing, each on the profile as of its own instant
    expect(await publishSameBank()).toBe(2);
    expect([await outcome(earlier), await outcome(later), await outcome(agreeing)]).toEqual([
      { cust900: [], bank: CUSTODY_BANK },
      { cust900: [2], bank: NEW_BANK },
      { cust900: [], bank: NEW_BANK },
    ]);
  });
});
