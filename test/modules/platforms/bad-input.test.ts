import { platformEntriesWithUscc } from '../../helpers/ledger';
import { ADD_QUALIFICATION, CHANGE_STATUS, REGISTER, qualificationVariables, registerVariables } from '../../helpers/operations';
import { badInputPaths as fieldPaths } from '../../helpers/bad-input';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';
import { buildWorld, World } from '../../helpers/world';

describe('bad input on every mutation', () => {
  let app: TestApp;
  let world: World;
  /** Changes recorded about platforms with this USCC (other test files write in parallel). */
  const changesFor = (uscc: string) => platformEntriesWithUscc(app.orm.em, uscc);

  beforeAll(async () => {
    app = await startTestApp();
    world = await buildWorld(app.orm.em);
  });
  afterAll(() => app.close());

  it('registerPlatform lists every offending field and writes nothing', async () => {
    const variables = registerVariables(world.associationA, {
      uscc: '9144030071526726XH',
      registeredCapitalMinor: '-1',
      websites: ['not a url'],
      relatedParties: [{ relation: 'DIRECTOR', nameHash: 'ABC' }],
      qualifications: [qualificationVariables({ validFrom: '2020-01-01T00:00:00Z', validTo: '2019-01-01T00:00:00Z', documentSha256: 'x' })],
      attestation: { textVersion: 'intermediary-v0', accept: false },
    });
    const classValidated = await app.execute(REGISTER, variables);
    expect(fieldPaths(classValidated).sort()).toEqual(['input.qualifications.0.documentSha256', 'input.relatedParties.0.nameHash', 'input.websites']);

    const domainChecked = await app.execute(REGISTER, registerVariables(world.associationA, {
      uscc: '9144030071526726XH',
      registeredCapitalMinor: '-1',
      qualifications: [qualificationVariables({ validFrom: '2020-01-01T00:00:00Z', validTo: '2019-01-01T00:00:00Z' })],
      attestation: { textVersion: 'intermediary-v0', accept: false },
    }));
    expect(fieldPaths(domainChecked)).toEqual([
      'input.uscc',
      'input.registeredCapitalMinor',
      'input.attestation.textVersion',
      'input.attestation.accept',
      'input.qualifications.0.validTo',
    ]);
    expect(domainChecked.errors?.[0].message).toContain('input.uscc: has a wrong check character (expected G at the end)');
    expect(await changesFor('9144030071526726XH')).toBe(0);
  });

  it('registerPlatform refuses an unknown association and a non-integer amount', async () => {
    expect(fieldPaths(await app.execute(REGISTER, registerVariables('asn_missing')))).toEqual(['input.associationId']);
    const notInteger = await app.execute(REGISTER, registerVariables(world.associationA, { registeredCapitalMinor: '12.5' }));
    expect(errorCodes(notInteger)).toEqual(['BAD_USER_INPUT']);
    expect(notInteger.errors?.[0].message).toContain('registeredCapitalMinor');
  });

  it('changeRegistryStatus needs a reason and an allowed transition', async () => {
    const admin = world.tokens['admin@A'];
    const empty = await app.execute(CHANGE_STATUS, { input: { platformId: world.platform2, to: 'APPROVED', reason: '' } }, admin);
    expect(fieldPaths(empty)).toEqual(['input.reason']);
    const suspendPending = await app.execute(CHANGE_STATUS, { input: { platformId: world.platform2, to: 'SUSPENDED', reason: 'why' } }, admin);
    expect(errorCodes(suspendPending)).toEqual(['REGISTRY_STATUS_TRANSITION_NOT_ALLOWED']);
    expect(suspendPending.errors?.[0].extensions).toMatchObject({ from: 'PENDING', to: 'SUSPENDED' });
    const missing = await app.execute(CHANGE_STATUS, { input: { platformId: 'plt_missing', to: 'APPROVED', reason: 'why' } }, admin);
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
  });

  it('addQualification checks the hash and the date order', async () => {
    const owner = world.tokens['owner@P1'];
    const badHash = await app.execute(ADD_QUALIFICATION, { input: { platformId: world.platform1, qualification: qualificationVariables({ documentSha256: 'A'.repeat(64) }) } }, owner);
    expect(fieldPaths(badHash)).toEqual(['input.qualification.documentSha256']);
    const backwards = qualificationVariables({ validFrom: '2020-01-01T00:00:00Z', validTo: '2019-12-31T23:59:59Z' });
    expect(fieldPaths(await app.execute(ADD_QUALIFICATION, { input: { platformId: world.platform1, qualification: backwards } }, owner))).toEqual([
      'input.qualification.validTo',
    ]);
  });

  it('supersedeQualification needs a reason and refuses superseding twice', async () => {
    const owner = world.tokens['owner@P1'];
    const added = await app.execute(ADD_QUALIFICATION, { input: { platformId: world.platform1, qualification: qualificationVariables() } }, owner);
    const id = added.data.addQualification.id;
    const supersede = (reason: string) =>
      app.execute(
        `mutation($input: SupersedeQualificationInput!) { supersedeQualification(input: $input) { id supersedesId state } }`,
        { input: { qualificationId: id, qualification: qualificationVariables({ number: 'v2' }), reason } },
        owner,
      );
    expect(fieldPaths(await supersede(''))).toEqual(['input.reason']);
    const first = await supersede('renewed');
    expect(first.data.supersedeQualification).toMatchObject({ supersedesId: id, state: 'VALID' });
    expect(errorCodes(await supersede('again'))).toEqual(['QUALIFICATION_ALREADY_SUPERSEDED']);
    const old = await app.execute(`query($id: ID!) { platform(id: $id) { qualifications { id state supersededById } } }`, { id: world.platform1 });
    expect(old.data.platform.qualifications.find((q: { id: string }) => q.id === id)).toEqual({
      id,
      state: 'SUPERSEDED',
      supersededById: first.data.supersedeQualification.id,
    });
  });

  it('addMember and issueToken check names, labels and role kinds', async () => {
    const owner = world.tokens['owner@P1'];
    const wrongKind = await app.execute(`mutation { addMember(input: { name: "X", role: REVIEWER }) { id } }`, {}, owner);
    expect(fieldPaths(wrongKind)).toEqual(['input.role']);
    expect(fieldPaths(await app.execute(`mutation { addMember(input: { name: "", role: FILER }) { id } }`, {}, owner))).toEqual(['input.name']);
    const noLabel = await app.execute(
      `mutation($input: IssueTokenInput!) { issueToken(input: $input) { secret } }`,
      { input: { memberId: world.members['filer@P1'], label: '' } },
      owner,
    );
    expect(fieldPaths(noLabel)).toEqual(['input.label']);
    expect(errorCodes(await app.execute(`mutation { revokeToken(id: "tok_missing") { id } }`, {}, owner))).toEqual(['NOT_FOUND']);
  });

  it('lists refuse a missing page size, page sizes outside 1-100 and foreign cursors', async () => {
    expect(fieldPaths(await app.execute('{ platforms(first: 0) { totalCount } }'))).toEqual(['first']);
    expect(fieldPaths(await app.execute('{ platforms(first: 101) { totalCount } }'))).toEqual(['first']);
    expect(fieldPaths(await app.execute('{ platforms(first: 5, after: "bm9wZQ") { totalCount } }'))).toEqual(['after']);
    // neither first nor last: one of them is required (last reads backwards), so the refusal names first
    expect(fieldPaths(await app.execute('{ platforms { totalCount } }'))).toEqual(['first']);
    expect(fieldPaths(await app.execute('{ platforms(last: 101) { totalCount } }'))).toEqual(['last']);
  });
});
