import { badInputPaths } from '../../helpers/bad-input';
import { buildFilingAssociation, buildFilingPlatform, FilingPlatform, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';

const RENAME = `mutation($input: UpdatePlatformProfileInput!) {
  updatePlatformProfile(input: $input) { id version legalName uscc formerNames { legalName until } }
}`;
const PLATFORM = `query($id: ID!, $asOf: DateTimeISO) {
  platform(id: $id, asOf: $asOf) { legalName formerNames { legalName until } history(first: 10) { nodes { logIndex version action reason changes { path before after } } } }
}`;
const SEARCH = `query($query: String!) { search(query: $query, first: 10, filter: { kinds: [PLATFORM] }) { nodes { id matchedField matchedText } } }`;
const CHANGES = `query($after: String) { changes(first: 1, after: $after) { nodes { entityId action record } } }`;
const FACTS = `query($id: ID!) { filing(id: $id) { facts { document } } }`;

const OLD_NAME = '杭州鑫旧名网络借贷信息中介有限公司';
const NEW_NAME = '杭州融新名金融信息服务有限公司';

describe('a renamed platform', () => {
  let app: TestApp;
  let platform: FilingPlatform;
  let renamedAt: string;
  let filedBefore: string;
  beforeAll(async () => {
    app = await startTestApp();
    platform = await buildFilingPlatform(app, await buildFilingAssociation(app), { legalName: OLD_NAME });
    const filed = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-05'), platform.tokens.filer);
    expect(filed.errors).toBeUndefined();
    filedBefore = filed.data.submitFiling.id;
    const renamed = await rename({ legalName: ` ${NEW_NAME} `, reason: 'Company name change registered with the market regulator.' });
    expect(renamed.errors).toBeUndefined();
    renamedAt = renamed.data.updatePlatformProfile.formerNames[0].until;
  });
  afterAll(() => app.close());

  const rename = (input: Record<string, unknown>, token = platform.tokens.owner) => app.execute(RENAME, { input: { platformId: platform.id, ...input } }, token);

  it('keeps its id and USCC, takes the new name, and keeps the old one with when it was replaced', async () => {
    const result = await app.execute(PLATFORM, { id: platform.id });
    expect(result.errors).toBeUndefined();
    const { platform: now } = result.data;
    expect(now.legalName).toBe(NEW_NAME);
    expect(now.formerNames).toEqual([{ legalName: OLD_NAME, until: renamedAt }]);
    const [latest] = now.history.nodes.slice(-1);
    expect(latest).toMatchObject({ action: 'platform.renamed', reason: 'Company name change registered with the market regulator.' });
    expect(latest.changes).toEqual([
      { path: 'formerNames', before: [], after: [{ legalName: OLD_NAME, until: renamedAt }] },
      { path: 'legalName', before: OLD_NAME, after: NEW_NAME },
    ]);
  });

  it('is found by a fragment of its former name, which the hit names, and by its new one', async () => {
    // other files' platforms may share the database: only this one's hit is checked
    const hitOf = async (query: string) => (await app.execute(SEARCH, { query })).data.search.nodes.filter((n: { id: string }) => n.id === platform.id);
    expect(await hitOf('鑫旧名网络')).toEqual([{ id: platform.id, matchedField: 'FORMER_NAME', matchedText: OLD_NAME }]);
    expect(await hitOf('融新名金融')).toEqual([{ id: platform.id, matchedField: 'LEGAL_NAME', matchedText: NEW_NAME }]);
  });

  it('reads as it was before the rename when asked as of an earlier instant', async () => {
    const before = new Date(new Date(renamedAt).getTime() - 1).toISOString();
    const { platform: then } = (await app.execute(PLATFORM, { id: platform.id, asOf: before })).data;
    expect([then.legalName, then.formerNames]).toEqual([OLD_NAME, []]);
  });

  it('publishes the rename in the feed with both names in the record', async () => {
    const { nodes } = (await app.execute(PLATFORM, { id: platform.id })).data.platform.history;
    const logIndex = BigInt(nodes[nodes.length - 1].logIndex);
    const [change] = (await app.execute(CHANGES, { after: String(logIndex - 1n) })).data.changes.nodes;
    expect([change.entityId, change.action]).toEqual([platform.id, 'platform.renamed']);
    expect([change.record.legalName, change.record.formerNames]).toEqual([NEW_NAME, [{ legalName: OLD_NAME, until: renamedAt }]]);
  });

  it("gives rules the name recorded at each filing's instant", async () => {
    const later = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-06'), platform.tokens.filer);
    expect(later.errors).toBeUndefined();
    const nameIn = async (id: string) => (await app.execute(FACTS, { id })).data.filing.facts.document.platform.legalName;
    expect([await nameIn(filedBefore), await nameIn(later.data.submitFiling.id)]).toEqual([OLD_NAME, NEW_NAME]);
  });

  it('refuses the same name (PLATFORM_PROFILE_UNCHANGED), a blank one, and anyone but its owner', async () => {
    expect(errorCodes(await rename({ legalName: NEW_NAME, reason: 'Same name.' }))).toEqual(['PLATFORM_PROFILE_UNCHANGED']);
    expect(badInputPaths(await rename({ legalName: '  ', reason: 'Blank.' }))).toEqual(['input.legalName']);
    expect(errorCodes(await rename({ legalName: '别的名字有限公司', reason: 'Not mine.' }, platform.tokens.filer))).toEqual(['FORBIDDEN']);
    const { platform: now } = (await app.execute(PLATFORM, { id: platform.id })).data;
    expect([now.legalName, now.formerNames.length]).toEqual([NEW_NAME, 1]);
  });
});
