import { buildPlatform, sha256 } from '../../../seeds/factories';
import { seedRulebook } from '../../../seeds/seed-rulebook';
import { Member } from '../../../src/modules/accounts/member.entity';
import { memberViewer } from '../../../src/modules/accounts/viewer';
import { CUSTODY_BANK, FilingPlatform, POOLING, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';
import { ADD_QUALIFICATION, CHANGE_STATUS, qualificationVariables } from '../../helpers/operations';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';
import { buildWorld, HOLDERS, World } from '../../helpers/world';

type Holder = (typeof HOLDERS)[number] | 'public';

/** One mutation: how to call it in the world, and who may. */
interface Case {
  name: string;
  allowed: Holder[];
  call: (app: TestApp, world: World, token?: string) => Promise<{ data?: any; errors?: { extensions?: Record<string, any> }[] }>;
  /** For an allowed holder: what the result must show besides no error. */
  check?: (data: any, world: World, holder: Holder) => void;
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
  {
    name: 'replyToFlag on a flag of platform P1',
    allowed: ['owner@P1', 'filer@P1'],
    call: async (app, world, token) => app.execute(REPLY, { input: { flagId: await openFlag(app, world), text: 'Our answer.' } }, token),
    check: (data) => expect(data.replyToFlag.caseState).toBe('RESPONDED'),
  },
  {
    name: 'decideFlag on an answered flag of platform P1',
    allowed: ['admin@A', 'reviewer@A'],
    call: async (app, world, token) =>
      app.execute(DECIDE, { input: { flagId: await answeredFlag(app, world), decision: 'CONFIRMED', reason: 'The figures show it.' } }, token),
    check: (data) => expect(data.decideFlag.caseState).toBe('CONFIRMED'),
  },
  {
    name: 'reopenFlag on a decided flag of platform P1',
    allowed: ['admin@A', 'reviewer@A'],
    call: async (app, world, token) => {
      const flagId = await answeredFlag(app, world);
      const decided = await app.execute(DECIDE, { input: { flagId, decision: 'DISMISSED', reason: 'Explained.' } }, world.tokens['reviewer@A']);
      expect(decided.data.decideFlag.caseState).toBe('DISMISSED');
      return app.execute(REOPEN, { input: { flagId, reason: 'New evidence.' } }, token);
    },
    check: (data) => expect(data.reopenFlag.caseState).toBe('OPEN'),
  },
  {
    name: 'fileChallenge of platform P1 (anyone, the public too)',
    allowed: [...HOLDERS, 'public'],
    call: (app, world, token) => app.execute(FILE_CHALLENGE, { input: { targetType: 'PLATFORM', targetId: world.platform1, statement: 'Wrong address.' } }, token),
    check: (data, world) => expect(data.fileChallenge).toMatchObject({ status: 'OPEN', platform: { id: world.platform1 } }),
  },
  {
    name: 'decideChallenge of a challenge of platform P1',
    allowed: ['admin@A', 'reviewer@A'],
    call: async (app, world, token) => {
      const filed = await app.execute(FILE_CHALLENGE, { input: { targetType: 'PLATFORM', targetId: world.platform1, statement: 'Wrong address.' } });
      return app.execute(DECIDE_CHALLENGE, { input: { challengeId: filed.data.fileChallenge.id, outcome: 'REJECTED', reason: 'The address is right.' } }, token);
    },
    check: (data) => expect(data.decideChallenge.status).toBe('REJECTED'),
  },
  {
    name: "reviewQueue (query) of one's own association",
    allowed: ['admin@A', 'reviewer@A', 'admin@B', 'reviewer@B'],
    call: async (app, world, token) => {
      await openFlag(app, world);
      return app.execute(`{ reviewQueue(first: 100) { totalCount nodes { platform { id } } } }`, {}, token);
    },
    // A's reviewers see P1's flags (and only their platforms'); B has no flagged platform
    check: ({ reviewQueue }, world, holder) => {
      if (holder.endsWith('@B')) return expect(reviewQueue).toEqual({ totalCount: 0, nodes: [] });
      expect(reviewQueue.totalCount).toBeGreaterThan(0);
      expect(new Set(reviewQueue.nodes.map((n: { platform: { id: string } }) => n.platform.id))).toEqual(new Set([world.platform1]));
    },
  },
  {
    name: "reviewQueueCounts (query) of one's own association",
    allowed: ['admin@A', 'reviewer@A', 'admin@B', 'reviewer@B'],
    call: async (app, world, token) => {
      await openFlag(app, world);
      return app.execute(`{ reviewQueueCounts { open responded challenges } }`, {}, token);
    },
    check: ({ reviewQueueCounts }, _world, holder) => {
      if (holder.endsWith('@B')) return expect(reviewQueueCounts).toEqual({ open: 0, responded: 0, challenges: 0 });
      expect(reviewQueueCounts.open).toBeGreaterThan(0);
    },
  },
];

const REPLY = `mutation($input: ReplyToFlagInput!) { replyToFlag(input: $input) { id caseState } }`;
const DECIDE = `mutation($input: DecideFlagInput!) { decideFlag(input: $input) { id caseState } }`;
const REOPEN = `mutation($input: ReopenFlagInput!) { reopenFlag(input: $input) { id caseState } }`;
const FILE_CHALLENGE = `mutation($input: FileChallengeInput!) { fileChallenge(input: $input) { id status platform { id } } }`;
const DECIDE_CHALLENGE = `mutation($input: DecideChallengeInput!) { decideChallenge(input: $input) { id status } }`;

/** Platform P1 ready to file (custody agreement added on first use); association A got the seed rulebook in beforeAll. */
let filer: FilingPlatform | undefined;
/** Flags raised on P1 and not yet handed out: each case step gets a flag of its own, whose case is OPEN. */
const unusedFlags: string[] = [];
let monthsFiled = 0;

/** A fresh OPEN flag of P1: files a pooling month for P1 (one month further back each time) when none is left. */
async function openFlag(app: TestApp, world: World): Promise<string> {
  if (!filer) {
    const custody = await app.execute(ADD_QUALIFICATION, {
      input: {
        platformId: world.platform1,
        qualification: { type: 'CUSTODY_AGREEMENT', issuer: CUSTODY_BANK, number: 'CG-1', validFrom: '2018-06-01T00:00:00+08:00', validTo: null, documentSha256: sha256('custody of P1') },
      },
    }, world.tokens['owner@P1']);
    filer = { id: world.platform1, associationId: world.associationA, custodyQualificationId: custody.data.addQualification.id, tokens: { owner: world.tokens['owner@P1'], filer: world.tokens['filer@P1'] } };
  }
  if (!unusedFlags.length) {
    const month = new Date(Date.UTC(2019, 5 - monthsFiled++, 1)).toISOString().slice(0, 7);
    const filed = await app.execute(SUBMIT_FILING, submitVariables(filer, month, {}, POOLING), world.tokens['filer@P1']);
    expect(filed.errors).toBeUndefined();
    unusedFlags.push(...filed.data.submitFiling.flags.map((f: { id: string }) => f.id));
    expect(unusedFlags.length).toBeGreaterThan(0);
  }
  return unusedFlags.pop()!;
}

/** A fresh flag of P1 that its owner has answered (RESPONDED), so a reviewer may decide at once. */
async function answeredFlag(app: TestApp, world: World): Promise<string> {
  const flagId = await openFlag(app, world);
  const replied = await app.execute(REPLY, { input: { flagId, text: 'Our answer.' } }, world.tokens['owner@P1']);
  expect(replied.data.replyToFlag.caseState).toBe('RESPONDED');
  return flagId;
}

let profileUpdates = 0;
const ADD_MEMBER = `mutation($input: AddMemberInput!) { addMember(input: $input) { id } }`;
const REMOVE_MEMBER = `mutation($id: ID!) { removeMember(id: $id) { id removedAt } }`;

describe('authorisation of every mutation by role and organisation', () => {
  let app: TestApp;
  let world: World;
  beforeAll(async () => {
    app = await startTestApp();
    world = await buildWorld(app.orm.em);
    const adminA = await app.orm.em.fork().findOneOrFail(Member, world.members['admin@A']);
    await seedRulebook(app.orm.em.fork(), memberViewer(adminA));
  });
  afterAll(() => app.close());

  for (const testCase of CASES) {
    for (const holder of [...HOLDERS, 'public'] as Holder[]) {
      const allowed = testCase.allowed.includes(holder);
      const expected = allowed ? [] : holder === 'public' ? ['UNAUTHENTICATED'] : ['FORBIDDEN'];
      it(`${testCase.name}: ${holder} is ${allowed ? 'allowed' : 'refused'}`, async () => {
        const result = await testCase.call(app, world, holder === 'public' ? undefined : world.tokens[holder]);
        expect(errorCodes(result as never)).toEqual(expected);
        if (allowed) testCase.check?.(result.data, world, holder);
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
