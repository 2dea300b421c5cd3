import { badInputPaths } from '../helpers/bad-input';
import { buildFilingAssociation, buildFilingPlatform, FilingAssociation, FilingPlatform, POOLING, SUBMIT_FILING, submitVariables } from '../helpers/filing-world';
import { startTestApp, TestApp } from '../helpers/test-app';

const NODE = `query($id: ID!) { node(id: $id) { __typename id } }`;
const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`;
const SAVE_DRAFT = `mutation Save($input: SaveRuleDraftInput!) { saveRuleDraft(input: $input) { id ruleId } }`;

describe('node(id:) and nodes(ids:)', () => {
  let app: TestApp;
  let association: FilingAssociation;
  let platform: FilingPlatform;
  /** One id of each type the public may see, by its type name. */
  const publicIds: Record<string, string> = {};
  let draft: { id: string; ruleId: string };
  let memberId: string;

  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
    platform = await buildFilingPlatform(app, association);
    const filed = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-06', {}, POOLING), platform.tokens.owner);
    expect(filed.errors).toBeUndefined();
    const read = await app.execute(
      `query($id: ID!, $asn: ID!) {
        platform(id: $id) { id association { id } statusHistory { id } qualifications { id } }
        filings(platformId: $id, first: 1) { nodes { id flags { id ruleVersion { id ruleId } } } }
        parameters(associationId: $asn, first: 1) { nodes { id } }
      }`,
      { id: platform.id, asn: association.id },
    );
    const p = read.data.platform;
    const filing = read.data.filings.nodes[0];
    Object.assign(publicIds, {
      Platform: p.id,
      Association: p.association.id,
      PlatformStatusChange: p.statusHistory[0].id,
      Qualification: p.qualifications[0].id,
      Filing: filing.id,
      Flag: filing.flags[0].id,
      RuleVersion: filing.flags[0].ruleVersion.id,
      Rule: filing.flags[0].ruleVersion.ruleId,
    });
    const saved = await app.execute(
      SAVE_DRAFT,
      {
        input: {
          code: 'NODE-001',
          title: 'Draft only',
          text: 'A rule that was never published.',
          basis: 'Test',
          category: 'DISCLOSURE',
          severity: 'LOW',
          expression: 'filing.ops.newLoanCount > 1000000',
        },
      },
      association.tokens.editor,
    );
    expect(saved.errors).toBeUndefined();
    draft = saved.data.saveRuleDraft;
    memberId = (await app.execute(`{ me { memberId } }`, {}, platform.tokens.owner)).data.me.memberId;
  });
  afterAll(() => app.close());

  it('returns every public record by the id its own field gave, with its type', async () => {
    for (const [type, id] of Object.entries(publicIds)) {
      const result = await app.execute(NODE, { id });
      expect(result.errors).toBeUndefined();
      expect(result.data.node).toEqual({ __typename: type, id });
    }
  });

  it('takes fragments of the concrete type', async () => {
    const result = await app.execute(`query($id: ID!) { node(id: $id) { ... on Platform { legalName association { id } } } }`, { id: platform.id });
    expect(result.errors).toBeUndefined();
    expect(result.data.node.association.id).toBe(association.id);
  });

  it('returns null for a well-formed id of no record, and BAD_USER_INPUT naming each malformed id', async () => {
    expect((await app.execute(NODE, { id: 'plt_0000000000000000000000' })).data).toEqual({ node: null });
    expect(badInputPaths(await app.execute(NODE, { id: 'hello' }))).toEqual(['id']);
    expect(badInputPaths(await app.execute(NODE, { id: 'xyz_0k9x2m7c4t1hq8r3ab5d' }))).toEqual(['id']);
    const mixed = await app.execute(NODES, { ids: [platform.id, 'PLT_1', 'plt_0000000000000000000000', 'plt_a b'] });
    expect(badInputPaths(mixed)).toEqual(['ids.1', 'ids.3']);
    expect(mixed.data ?? null).toBeNull();
  });

  it('refuses more than 100 ids, and none', async () => {
    expect(badInputPaths(await app.execute(NODES, { ids: Array(101).fill(platform.id) }))).toEqual(['ids']);
    expect(badInputPaths(await app.execute(NODES, { ids: [] }))).toEqual(['ids']);
  });

  it('hides a rule draft (and a rule only ever drafted) from the public and other organisations, not from its editors', async () => {
    const ids = [draft.id, draft.ruleId];
    expect((await app.execute(NODES, { ids })).data.nodes).toEqual([null, null]);
    expect((await app.execute(NODES, { ids }, platform.tokens.owner)).data.nodes).toEqual([null, null]);
    expect((await app.execute(NODES, { ids }, association.tokens.editor)).data.nodes).toEqual([
      { __typename: 'RuleVersion', id: draft.id },
      { __typename: 'Rule', id: draft.ruleId },
    ]);
  });

  it('shows staff only to their own organisation', async () => {
    expect((await app.execute(NODE, { id: memberId })).data.node).toBeNull();
    expect((await app.execute(NODE, { id: memberId }, association.tokens.admin)).data.node).toBeNull();
    expect((await app.execute(NODE, { id: memberId }, platform.tokens.filer)).data.node).toEqual({ __typename: 'Member', id: memberId });
  });

  it('fetches parameters and calendar entries (public), and API tokens only for their organisation\'s managers', async () => {
    const parameter = await app.execute(
      `mutation { publishParameter(input: { name: "nodeTestBps", period: "2019-06", value: "900", reason: "test" }) { id } }`,
      {},
      association.tokens.editor,
    );
    const day = await app.execute(`mutation { setCalendarDays(input: { days: [{ date: "2019-10-12", kind: WORKDAY, reason: "test" }] }) { id } }`, {}, association.tokens.admin);
    const token = await app.execute(`mutation($id: ID!) { issueToken(input: { memberId: $id, label: "node test" }) { token { id } } }`, { id: memberId }, platform.tokens.owner);
    const ids = [parameter.data.publishParameter.id, day.data.setCalendarDays[0].id, token.data.issueToken.token.id];
    expect((await app.execute(NODES, { ids })).data.nodes.map((n: { __typename: string } | null) => n?.__typename ?? null)).toEqual(['ParameterValue', 'CalendarDay', null]);
    expect((await app.execute(NODE, { id: ids[2] }, platform.tokens.filer)).data.node).toBeNull();
    expect((await app.execute(NODE, { id: ids[2] }, association.tokens.admin)).data.node).toBeNull();
    expect((await app.execute(NODE, { id: ids[2] }, platform.tokens.owner)).data.node).toEqual({ __typename: 'ApiToken', id: ids[2] });
  });

  it('answers nodes(ids:) in the order asked with a fixed number of statements, whether 8 ids or 100', async () => {
    const all = Object.values(publicIds);
    const hundred = Array.from({ length: 100 }, (_, i) => all[i % all.length]);
    const query = `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Platform { legalName } ... on Flag { ruleCode } } }`;
    let result: any;
    const few = await app.sql.count(async () => (result = await app.execute(query, { ids: all })));
    expect(result.data.nodes.map((n: { id: string }) => n.id)).toEqual(all);
    const many = await app.sql.count(async () => (result = await app.execute(query, { ids: hundred })));
    expect(result.errors).toBeUndefined();
    expect(result.data.nodes.map((n: { id: string }) => n.id)).toEqual(hundred);
    expect(many).toBe(few);
    // one statement per type (8), plus the rule's versions for its visibility
    expect(many).toBe(9);
  });

  it('counts nodes(ids:) as one record per id against the public cost limit', async () => {
    const ids = Array(100).fill(platform.id);
    const result = await app.execute(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Platform { qualifications { id } statusHistory { id } } } }`, { ids });
    expect(result.errors?.[0].extensions?.code).toBe('QUERY_TOO_COSTLY');
  });
});
