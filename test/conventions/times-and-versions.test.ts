import { chinaTime } from '../../src/shared/china-time';
import { buildFilingAssociation, buildFilingPlatform, FilingAssociation, FilingPlatform, POOLING, SUBMIT_FILING, submitVariables } from '../helpers/filing-world';
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
  let association: FilingAssociation;
  let platform: FilingPlatform;

  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
    platform = await buildFilingPlatform(app, association);
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

  /** Each `<field>China` beside its UTC field: the same instant at +08:00, or both null. */
  const expectChina = (record: Record<string, string | null>, fields: string[]) => {
    for (const field of fields) {
      const utc = record[field];
      const china = record[`${field}China`];
      if (utc === null) expect(china).toBeNull();
      else expect([china?.endsWith('+08:00'), new Date(china as string).getTime()]).toEqual([true, new Date(utc).getTime()]);
    }
  };

  it("renders a flag's case (when it moved, the reply deadline, each step), challenges and profile updates in China time", async () => {
    const FLAG = `query($id: ID!) { node(id: $id) { ... on Flag { caseChangedAt caseChangedAtChina case { replyDueAt replyDueAtChina steps { at atChina } } } } }`;
    const filings = await app.execute(`query($id: ID!) { filings(platformId: $id, first: 1) { nodes { flags { id } } } }`, { id: platform.id });
    const flagId = filings.data.filings.nodes[0].flags[0].id;
    const raised = (await app.execute(FLAG, { id: flagId })).data.node;
    expect([raised.caseChangedAt, raised.case.steps]).toEqual([null, []]);
    expect(raised.case.replyDueAt).not.toBeNull();
    expectChina(raised, ['caseChangedAt']);
    expectChina(raised.case, ['replyDueAt']);
    // the reply period ends at 23:59:59 China time on a working day
    expect(raised.case.replyDueAtChina).toMatch(/T23:59:59(\.999)?\+08:00$/);

    const reply = await app.execute(`mutation($input: ReplyToFlagInput!) { replyToFlag(input: $input) { id } }`, { input: { flagId, text: 'Funds were matched the next day.' } }, platform.tokens.filer);
    expect(reply.errors).toBeUndefined();
    const replied = (await app.execute(FLAG, { id: flagId })).data.node;
    expect(replied.caseChangedAt).not.toBeNull();
    expect(replied.case.steps).toHaveLength(1);
    expectChina(replied, ['caseChangedAt']);
    expectChina(replied.case.steps[0], ['at']);
    expect(replied.case.steps[0].at).toBe(replied.caseChangedAt);

    const CHALLENGE = `{ filedAt filedAtChina decidedAt decidedAtChina }`;
    const filed = await app.execute(`mutation($input: FileChallengeInput!) { fileChallenge(input: $input) ${CHALLENGE.replace('{', '{ id')} }`, {
      input: { targetType: 'FLAG', targetId: flagId, statement: 'The figures were misread.' },
    });
    expect(filed.errors).toBeUndefined();
    expectChina(filed.data.fileChallenge, ['filedAt', 'decidedAt']);
    expect(filed.data.fileChallenge.decidedAtChina).toBeNull();
    const decided = await app.execute(`mutation($input: DecideChallengeInput!) { decideChallenge(input: $input) ${CHALLENGE} }`, {
      input: { challengeId: filed.data.fileChallenge.id, outcome: 'REJECTED', reason: 'The figures are as filed.' },
    }, association.tokens.reviewer);
    expect(decided.errors).toBeUndefined();
    expect(decided.data.decideChallenge.decidedAtChina).not.toBeNull();
    expectChina(decided.data.decideChallenge, ['filedAt', 'decidedAt']);

    const PROFILE = `query($id: ID!) { platform(id: $id) { profileUpdatedAt profileUpdatedAtChina } }`;
    expect((await app.execute(PROFILE, { id: platform.id })).data.platform).toEqual({ profileUpdatedAt: null, profileUpdatedAtChina: null });
    const update = await app.execute(`mutation($input: UpdatePlatformProfileInput!) { updatePlatformProfile(input: $input) { id } }`, {
      input: { platformId: platform.id, apps: ['Example Lend'], reason: 'New app.' },
    }, platform.tokens.owner);
    expect(update.errors).toBeUndefined();
    const updated = (await app.execute(PROFILE, { id: platform.id })).data.platform;
    expect(updated.profileUpdatedAt).not.toBeNull();
    expectChina(updated, ['profileUpdatedAt']);
  });
});
