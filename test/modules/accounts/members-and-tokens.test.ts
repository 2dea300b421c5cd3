import { buildAssociation, buildPlatform } from '../../../seeds/factories';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';

const ADD_MEMBER = `mutation($input: AddMemberInput!) { addMember(input: $input) { id } }`;
const ISSUE = `mutation($input: IssueTokenInput!) { issueToken(input: $input) { secret token { id } } }`;
const REMOVE = `mutation($id: ID!) { removeMember(id: $id) { id removedAt } }`;
const MEMBERS = `query($first: Int!, $after: String, $includeRemoved: Boolean) {
  organisationMembers(first: $first, after: $after, includeRemoved: $includeRemoved) { totalCount nodes { id name role removedAt } pageInfo { hasNextPage endCursor } }
}`;
const TOKENS = `query($memberId: ID, $includeRevoked: Boolean) {
  organisationTokens(first: 100, memberId: $memberId, includeRevoked: $includeRevoked) { totalCount nodes { id label role prefix createdAt lastUsedAt revokedAt member { id } } }
}`;

describe('members and tokens of an organisation', () => {
  let app: TestApp;
  let owner: string;
  let ownerId: string;
  let filerId: string;
  let filerTokens: string[];
  beforeAll(async () => {
    app = await startTestApp();
    const built = await buildPlatform(app.orm.em);
    owner = built.ownerToken;
    ownerId = built.owner.id;
    filerId = (await app.execute(ADD_MEMBER, { input: { name: 'Li Lei', role: 'FILER' } }, owner)).data.addMember.id;
    filerTokens = [];
    for (const label of ['robot', 'laptop']) filerTokens.push((await app.execute(ISSUE, { input: { memberId: filerId, label } }, owner)).data.issueToken.secret);
  });
  afterAll(() => app.close());

  it('lists the members, one keyset page at a time', async () => {
    const first = (await app.execute(MEMBERS, { first: 1 }, owner)).data.organisationMembers;
    expect(first).toMatchObject({ totalCount: 2, nodes: [{ id: ownerId, role: 'PLATFORM_OWNER', removedAt: null }], pageInfo: { hasNextPage: true } });
    const second = (await app.execute(MEMBERS, { first: 1, after: first.pageInfo.endCursor }, owner)).data.organisationMembers;
    expect(second.nodes).toEqual([{ id: filerId, name: 'Li Lei', role: 'FILER', removedAt: null }]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it("lists each member's tokens with label, role, created and last used, never the secret", async () => {
    const tokens = (await app.execute(TOKENS, { memberId: filerId }, owner)).data.organisationTokens;
    expect(tokens.totalCount).toBe(2);
    expect(tokens.nodes.map((t: { label: string }) => t.label)).toEqual(['robot', 'laptop']);
    expect(tokens.nodes[0]).toMatchObject({ role: 'FILER', lastUsedAt: null, revokedAt: null, member: { id: filerId } });
    const listed = JSON.stringify(tokens);
    for (const secret of filerTokens) expect(listed).not.toContain(secret.slice(10));
    const fields = (await app.execute('{ __type(name: "ApiToken") { fields { name } } }', {}, owner)).data.__type.fields.map((f: { name: string }) => f.name);
    expect(fields.filter((name: string) => /secret|hash/i.test(name))).toEqual([]);
  });

  it('records when a token was last used, at most once a minute', async () => {
    const started = Date.now();
    expect((await app.execute('{ me { memberId } }', {}, filerTokens[0])).data.me.memberId).toBe(filerId);
    const [robot] = (await app.execute(TOKENS, { memberId: filerId }, owner)).data.organisationTokens.nodes;
    const firstUse = new Date(robot.lastUsedAt).getTime();
    expect(firstUse).toBeGreaterThanOrEqual(started - 1000);
    await app.execute('{ me { memberId } }', {}, filerTokens[0]);
    const [again] = (await app.execute(TOKENS, { memberId: filerId }, owner)).data.organisationTokens.nodes;
    expect(new Date(again.lastUsedAt).getTime()).toBe(firstUse);
  });

  it("removes a member: every token revoked, the member kept on record, marked removed", async () => {
    const removed = await app.execute(REMOVE, { id: filerId }, owner);
    expect(removed.errors).toBeUndefined();
    expect(removed.data.removeMember.removedAt).not.toBeNull();
    for (const secret of filerTokens) {
      await expect(app.execute('{ me { memberId } }', {}, secret)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    }
    const tokens = (await app.execute(TOKENS, { memberId: filerId, includeRevoked: true }, owner)).data.organisationTokens.nodes;
    expect(tokens.map((t: { revokedAt: string | null }) => t.revokedAt)).toEqual([removed.data.removeMember.removedAt, removed.data.removeMember.removedAt]);
    expect((await app.execute(TOKENS, { memberId: filerId }, owner)).data.organisationTokens.totalCount).toBe(0);
    expect((await app.execute(MEMBERS, { first: 10 }, owner)).data.organisationMembers.totalCount).toBe(1);
    const all = (await app.execute(MEMBERS, { first: 10, includeRemoved: true }, owner)).data.organisationMembers;
    expect(all.nodes.map((m: { id: string }) => m.id)).toEqual([ownerId, filerId]);
    const [{ actions }] = await app.orm.em.getConnection().execute(
      `select array_agg(action order by id) as actions from ledger_entry where entity_id = ?`,
      [filerId],
    );
    expect(actions).toEqual(['member.added', 'member.removed']);
    // removing again changes nothing; a removed member gets no new token
    expect((await app.execute(REMOVE, { id: filerId }, owner)).data.removeMember.removedAt).toBe(removed.data.removeMember.removedAt);
    expect(errorCodes(await app.execute(ISSUE, { input: { memberId: filerId, label: 'again' } }, owner))).toEqual(['MEMBER_REMOVED']);
  });

  it('refuses to remove yourself', async () => {
    expect(errorCodes(await app.execute(REMOVE, { id: ownerId }, owner))).toEqual(['MEMBER_REMOVES_ITSELF']);
  });

  it("lists only the viewer's own organisation", async () => {
    const other = await buildAssociation(app.orm.em);
    const listed = (await app.execute(MEMBERS, { first: 100 }, other.adminToken)).data.organisationMembers;
    expect(listed.nodes.map((m: { id: string }) => m.id)).toEqual([other.admin.id]);
    const tokens = (await app.execute(TOKENS, { memberId: filerId, includeRevoked: true }, other.adminToken)).data.organisationTokens;
    expect(tokens.totalCount).toBe(0);
  });
});
