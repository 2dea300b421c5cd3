import { chinaTime } from '../../src/shared/china-time';
import { buildFilingAssociation, buildFilingPlatform, FilingPlatform, POOLING, SUBMIT_FILING, submitVariables } from '../helpers/filing-world';
import { startTestApp, TestApp } from '../helpers/test-app';

describe('chinaTime', () => {
  it('renders the same instant at +08:00, with milliseconds only when there are any', () => {
    expect(chinaTime(new Date('2019-07-05T15:59:59Z'))).toBe('2019-07-05T23:59:59+08:00');
    expect(chinaTime(new Date('2019-06-30T16:00:00.250Z'))).toBe('2019-07-01T00:00:00.250+08:00');
    expect(chinaTime(new Date('1999-12-31T20:00:00Z'))).toBe('2000-01-01T04:00:00+08:00');
    for (const text of ['2019-07-05T23:59:59+08:00', '2000-01-01T04:00:00.250+08:00']) expect(chinaTime(new Date(text))).toBe(text);
  });
});

describe('versions and China-time fields in the API', () => {
  let app: TestApp;
  let platform: FilingPlatform;

  beforeAll(async () => {
    app = await startTestApp();
    platform = await buildFilingPlatform(app, await buildFilingAssociation(app));
    expect((await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-06', {}, POOLING), platform.tokens.owner)).errors).toBeUndefined();
  });
  afterAll(() => app.close());

  it('types every version as Int', async () => {
    const result = await app.execute(`{ __schema { types { name fields { name type { name ofType { name } } } } } }`);
    const versions = result.data.__schema.types.flatMap((t: any) =>
      (t.fields ?? []).filter((f: any) => f.name === 'version').map((f: any) => [t.name, f.type.name ?? f.type.ofType.name]),
    );
    expect(versions.length).toBeGreaterThan(0);
    // a record's version number is an Int wherever it appears (AttestationText.version is the text's label, a String)
    expect(versions.filter(([owner, type]: string[]) => type !== 'Int' && owner !== 'AttestationText')).toEqual([]);
    const platformVersion = await app.execute(`query($id: ID!) { platform(id: $id) { version } }`, { id: platform.id });
    expect(platformVersion.data.platform.version).toBe(2); // registered, then approved
  });

  it('renders a filing deadline, its submission and its flags in China time, the same instants as the UTC fields', async () => {
    const result = await app.execute(
      `query($id: ID!) { filings(platformId: $id, first: 1) { nodes {
        dueAt dueAtChina submittedAt submittedAtChina flags { raisedAt raisedAtChina statusChangedAtChina }
        platform { statusHistory { at atChina } qualifications { type validFrom validFromChina validTo validToChina } }
      } } }`,
      { id: platform.id },
    );
    expect(result.errors).toBeUndefined();
    const filing = result.data.filings.nodes[0];
    // 5 working days after June 2019 (Dragon Boat on 7 June is in June): Friday 5 July, 23:59:59 China time
    expect(filing.dueAtChina).toBe('2019-07-05T23:59:59+08:00');
    expect(new Date(filing.dueAtChina).getTime()).toBe(new Date(filing.dueAt).getTime());
    expect(new Date(filing.submittedAtChina).getTime()).toBe(new Date(filing.submittedAt).getTime());
    expect(filing.flags.length).toBeGreaterThan(0);
    for (const flag of filing.flags) {
      expect(flag.raisedAtChina).toMatch(/\+08:00$/);
      expect(new Date(flag.raisedAtChina).getTime()).toBe(new Date(flag.raisedAt).getTime());
      expect(flag.statusChangedAtChina).toBeNull();
    }
    for (const change of filing.platform.statusHistory) expect(new Date(change.atChina).getTime()).toBe(new Date(change.at).getTime());
    const custody = filing.platform.qualifications.find((q: any) => q.type === 'CUSTODY_AGREEMENT');
    expect(custody.validFromChina).toBe('2018-06-01T00:00:00+08:00');
    expect(custody.validToChina).toBeNull();
  });
});
