import { buildPlatform } from '../../../seeds/factories';
import { ADD_QUALIFICATION, CHANGE_STATUS, qualificationVariables } from '../../helpers/operations';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';
import { buildWorld, HOLDERS, World } from '../../helpers/world';

type Holder = (typeof HOLDERS)[number] | 'public';

/** One mutation: how to call it in the world, and who may. */
interface Case {
  name: string;
  allowed: Holder[];
  call: (app: TestApp, world: World, token?: string) => Promise<{ errors?: { extensions?: Record<string, any> }[] }>;
}

const CASES: Case[] = [
  {
    name: 'changeRegistryStatus on a platform of association A',
    allowed: ['admin@A', 'reviewer@A'],
    call: async (app, world, token) => {
      const { platform } = await buildPlatform(app.orm.em, { associationId: world.associationA });
      return app.execute(CHANGE_STATUS, { input: { platformId: platform.id, to: 'APPROVED', reason: 'ok' } }, token);
    },
  },
  {
    name: 'addQualification to platform P1',
    allowed: ['owner@P1', 'filer@P1'],
    call: (app, world, token) =>
      app.execute(ADD_QUALIFICATION, { input: { platformId: world.platform1, qualification: qualificationVariables() } }, token),
  },
  {
    name: 'supersedeQualification of platform P1',
    allowed: ['owner@P1', 'filer@P1'],
    call: async (app, world, token) => {
      const added = await app.execute(ADD_QUALIFICATION, { input: { platformId: world.platform1, qualification: qualificationVariables() } }, world.tokens['owner@P1']);
      return app.execute(
        `mutation($input: SupersedeQualificationInput!) { supersedeQualification(input: $input) { id } }`,
        { input: { qualificationId: added.data.addQualification.id, qualification: qualificationVariables({ number: 'renewed' }), reason: 'renewal' } },
        token,
      );
    },
  },
  {
    name: 'addMember',
    allowed: ['admin@A', 'admin@B', 'owner@P1', 'owner@P2'],
    call: (app, world, token) => {
      const role = token && [world.tokens['owner@P1'], world.tokens['owner@P2'], world.tokens['filer@P1']].includes(token) ? 'FILER' : 'REVIEWER';
      return app.execute(`mutation($input: AddMemberInput!) { addMember(input: $input) { id role } }`, { input: { name: 'New', role } }, token);
    },
  },
  {
    name: 'issueToken for the filer of P1',
    allowed: ['owner@P1'],
    call: (app, world, token) =>
      app.execute(`mutation($input: IssueTokenInput!) { issueToken(input: $input) { secret } }`, { input: { memberId: world.members['filer@P1'], label: 'x' } }, token),
  },
  {
    name: 'revokeToken of a reviewer of A',
    allowed: ['admin@A'],
    call: async (app, world, token) => {
      const issued = await app.execute(
        `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token { id } } }`,
        { input: { memberId: world.members['reviewer@A'], label: 'to revoke' } },
        world.tokens['admin@A'],
      );
      return app.execute(`mutation($id: ID!) { revokeToken(id: $id) { id revokedAt } }`, { id: issued.data.issueToken.token.id }, token);
    },
  },
  {
    name: 'updatePlatformProfile of platform P1',
    allowed: ['owner@P1'],
    call: (app, world, token) =>
      app.execute(`mutation($input: UpdatePlatformProfileInput!) { updatePlatformProfile(input: $input) { id } }`, {
        input: { platformId: world.platform1, websites: [`https://p1-${++profileUpdates}.example.cn`], reason: 'New website.' },
      }, token),
  },
  {
    name: 'removeMember of a filer of P1',
    allowed: ['owner@P1'],
    call: async (app, world, token) => {
      const added = await app.execute(ADD_MEMBER, { input: { name: 'Leaving', role: 'FILER' } }, world.tokens['owner@P1']);
      return app.execute(REMOVE_MEMBER, { id: added.data.addMember.id }, token);
    },
  },
  {
    name: 'removeMember of a reviewer of A',
    allowed: ['admin@A'],
    call: async (app, world, token) => {
      const added = await app.execute(ADD_MEMBER, { input: { name: 'Leaving', role: 'REVIEWER' } }, world.tokens['admin@A']);
      return app.execute(REMOVE_MEMBER, { id: added.data.addMember.id }, token);
    },
  },
  {
    name: 'organisationMembers (query) of one\'s own organisation',
    allowed: ['admin@A', 'admin@B', 'owner@P1', 'owner@P2'],
    call: (app, _world, token) => app.execute(`{ organisationMembers(first: 5) { totalCount nodes { name } } }`, {}, token),
  },
  {
    name: 'organisationTokens (query) of one\'s own organisation',
    allowed: ['admin@A', 'admin@B', 'owner@P1', 'owner@P2'],
    call: (app, _world, token) => app.execute(`{ organisationTokens(first: 5) { totalCount nodes { label lastUsedAt } } }`, {}, token),
  },
];

let profileUpdates = 0;
const ADD_MEMBER = `mutation($input: AddMemberInput!) { addMember(input: $input) { id } }`;
const REMOVE_MEMBER = `mutation($id: ID!) { removeMember(id: $id) { id removedAt } }`;

describe('authorisation of every mutation by role and organisation', () => {
  let app: TestApp;
  let world: World;
  beforeAll(async () => {
    app = await startTestApp();
    world = await buildWorld(app.orm.em);
  });
  afterAll(() => app.close());

  for (const testCase of CASES) {
    for (const holder of [...HOLDERS, 'public'] as Holder[]) {
      const allowed = testCase.allowed.includes(holder);
      const expected = allowed ? [] : holder === 'public' ? ['UNAUTHENTICATED'] : ['FORBIDDEN'];
      it(`${testCase.name}: ${holder} is ${allowed ? 'allowed' : 'refused'}`, async () => {
        const result = await testCase.call(app, world, holder === 'public' ? undefined : world.tokens[holder]);
        expect(errorCodes(result as never)).toEqual(expected);
      });
    }
  }

  it('a revoked token stops working at once', async () => {
    const issued = await app.execute(
      `mutation($input: IssueTokenInput!) { issueToken(input: $input) { secret token { id } } }`,
      { input: { memberId: world.members['filer@P1'], label: 'short-lived' } },
      world.tokens['owner@P1'],
    );
    const { secret, token } = issued.data.issueToken;
    expect((await app.execute('{ me { role platformId } }', {}, secret)).data.me).toEqual({ role: 'FILER', platformId: world.platform1 });
    await app.execute(`mutation($id: ID!) { revokeToken(id: $id) { id } }`, { id: token.id }, world.tokens['owner@P1']);
    await expect(app.execute('{ me { role } }', {}, secret)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it("shows a platform's staff (names are private) only to its own owners", async () => {
    const query = `query($id: ID!) { platform(id: $id) { members { name role } } }`;
    const own = await app.execute(query, { id: world.platform1 }, world.tokens['owner@P1']);
    expect(own.data.platform.members.slice(0, 2)).toEqual([
      { name: 'Owner', role: 'PLATFORM_OWNER' },
      { name: 'filer@P1', role: 'FILER' },
    ]);
    for (const other of ['filer@P1', 'owner@P2', 'admin@A'] as const) {
      expect(errorCodes(await app.execute(query, { id: world.platform1 }, world.tokens[other]))).toEqual(['FORBIDDEN']);
    }
    expect(errorCodes(await app.execute(query, { id: world.platform1 }))).toEqual(['FORBIDDEN']);
  });

  it('refuses a token role above the member role', async () => {
    const result = await app.execute(
      `mutation($input: IssueTokenInput!) { issueToken(input: $input) { secret } }`,
      { input: { memberId: world.members['filer@P1'], role: 'PLATFORM_OWNER', label: 'x' } },
      world.tokens['owner@P1'],
    );
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });
});
