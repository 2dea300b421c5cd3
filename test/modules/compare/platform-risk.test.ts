import { randomBytes } from 'node:crypto';
import { RegulatorRegistrationStatus } from '../../../src/modules/platforms/platform.enums';
import { SEVERITY_POINTS } from '../../../src/modules/platforms/risk-score';
import { buildFilingAssociation, buildFilingPlatform, FilingPlatform, POOLING, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';
import { ADD_QUALIFICATION, qualificationVariables } from '../../helpers/operations';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';

const RISK = `query Risk($id: ID!) {
  platform(id: $id) {
    risk {
      score qualificationsExpiring qualificationsExpired expiringWithinDays filingsMissing filingsLate
      flags { status caseState severity category count }
      points(first: 100) { totalCount nodes { points reason itemType itemId } }
    }
  }
  flags(first: 100, filter: { platformId: $id }) { nodes { id status severity category ruleCode filing { id } } }
}`;

const RANKED = `query Ranked($authority: String!, $min: Int, $first: Int!, $after: String) {
  platforms(first: $first, after: $after, orderBy: RISK_SCORE, filter: { registrationAuthority: $authority, minRiskScore: $min }) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id risk { score } }
  }
}`;

const DAY_MS = 86_400_000;

describe('platform risk (Platform.risk, platforms ordered and filtered by score)', () => {
  let app: TestApp;
  let authority: string;
  let pooled: FilingPlatform;
  let expiring: FilingPlatform;
  let quiet: FilingPlatform;
  let reviewerToken: string;

  const qualify = async (platform: FilingPlatform, validTo: Date, number: string) => {
    const result = await app.execute(
      ADD_QUALIFICATION,
      { input: { platformId: platform.id, qualification: qualificationVariables({ type: 'MLPS_LEVEL3_FILING', issuer: '公安部', number, validFrom: '2018-01-01T00:00:00+08:00', validTo: validTo.toISOString() }) } },
      platform.tokens.owner,
    );
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data.addQualification.id as string;
  };

  beforeAll(async () => {
    app = await startTestApp();
    const association = await buildFilingAssociation(app);
    reviewerToken = association.tokens.reviewer;
    authority = `风险测试金融监督管理局 ${randomBytes(4).toString('hex')}`;
    const registration = { regulatorRegistration: { status: RegulatorRegistrationStatus.REGISTERED, number: '沪网贷备-2018-009', authority, registeredAt: new Date('2018-11-20T00:00:00+08:00') } };
    pooled = await buildFilingPlatform(app, association, registration);
    expiring = await buildFilingPlatform(app, association, registration);
    quiet = await buildFilingPlatform(app, association, registration);
    await qualify(pooled, new Date('2020-12-31T00:00:00+08:00'), 'MLPS-EXPIRED');
    await qualify(expiring, new Date(Date.now() + 30 * DAY_MS), 'MLPS-EXPIRING');
    const filed = await app.execute(SUBMIT_FILING, submitVariables(pooled, '2019-06', {}, POOLING), pooled.tokens.filer);
    if (filed.errors) throw new Error(JSON.stringify(filed.errors));
  });
  afterAll(() => app.close());

  it('itemises the score: every open flag and every expired or expiring qualification, with its points', async () => {
    const result = await app.execute(RISK, { id: pooled.id });
    expect(result.errors).toBeUndefined();
    const { risk } = result.data.platform;
    const open = result.data.flags.nodes.filter((f: { status: string }) => f.status === 'OPEN');
    expect(open.length).toBeGreaterThanOrEqual(3);
    const flagItems = risk.points.nodes.filter((p: { itemType: string }) => p.itemType === 'flag');
    expect(flagItems.map((p: { itemId: string }) => p.itemId).sort()).toEqual(open.map((f: { id: string }) => f.id).sort());
    for (const flag of open) {
      const item = flagItems.find((p: { itemId: string }) => p.itemId === flag.id);
      expect(item.points).toBe(SEVERITY_POINTS[flag.severity]);
      expect(item.reason).toBe(`${flag.severity} flag ${flag.ruleCode}, 2019-06, case OPEN`);
    }
    const qualificationItems = risk.points.nodes.filter((p: { itemType: string }) => p.itemType === 'qualification');
    expect(qualificationItems).toEqual([expect.objectContaining({ points: 10, reason: 'EXPIRED qualification MLPS_LEVEL3_FILING' })]);
    const flagPoints = open.reduce((sum: number, f: { severity: string }) => sum + SEVERITY_POINTS[f.severity], 0);
    expect(risk.score).toBe(flagPoints + 10);
    expect(risk.points.totalCount).toBe(open.length + 1);
    expect(risk).toMatchObject({ qualificationsExpired: 1, qualificationsExpiring: 0, expiringWithinDays: 60, filingsLate: 1 });
    expect(open.map((f: { ruleCode: string }) => f.ruleCode)).toContain('FILE-002');
    expect(risk.filingsMissing).toBe(open.filter((f: { ruleCode: string; filing: unknown }) => f.ruleCode === 'FILE-001' && !f.filing).length);
    const counted = risk.flags.reduce((sum: number, c: { count: number }) => sum + c.count, 0);
    expect(counted).toBe(result.data.flags.nodes.length);
  });

  it('pages the points by keyset, highest first', async () => {
    const all = (await app.execute(RISK, { id: pooled.id })).data.platform.risk.points.nodes;
    const query = `query($id: ID!, $after: String) { platform(id: $id) { risk { points(first: 2, after: $after) { pageInfo { hasNextPage endCursor } nodes { points itemId } } } } }`;
    const seen: { points: number; itemId: string }[] = [];
    let after: string | null = null;
    do {
      const page: any = (await app.execute(query, { id: pooled.id, after })).data.platform.risk.points;
      seen.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.map((p: { points: number; itemId: string }) => ({ points: p.points, itemId: p.itemId })));
    expect(seen.map((p) => p.points)).toEqual([...seen.map((p) => p.points)].sort((a, b) => b - a));
  });

  it("counts a flag by its case: the same once answered, twice once confirmed, nothing once dismissed", async () => {
    const flagOf = async () => (await app.execute(RISK, { id: pooled.id })).data;
    const before = await flagOf();
    const flag = before.flags.nodes.find((f: { ruleCode: string; status: string }) => f.ruleCode === 'CUST-001' && f.status === 'OPEN');
    const pointsOf = (data: any) => data.platform.risk.points.nodes.find((p: { itemId: string }) => p.itemId === flag.id)?.points ?? 0;
    const base = SEVERITY_POINTS[flag.severity];
    expect(pointsOf(before)).toBe(base);
    const reply = await app.execute('mutation($id: ID!) { replyToFlag(input: { flagId: $id, text: "In custody." }) { caseState } }', { id: flag.id }, pooled.tokens.owner);
    expect(reply.errors).toBeUndefined();
    const answered = await flagOf();
    expect([pointsOf(answered), answered.platform.risk.score]).toEqual([base, before.platform.risk.score]);
    const decide = 'mutation($id: ID!, $d: FlagDecision!) { decideFlag(input: { flagId: $id, decision: $d, reason: "Bank statement checked." }) { caseState } }';
    expect((await app.execute(decide, { id: flag.id, d: 'CONFIRMED' }, reviewerToken)).errors).toBeUndefined();
    const confirmed = await flagOf();
    expect([pointsOf(confirmed), confirmed.platform.risk.score]).toEqual([2 * base, before.platform.risk.score + base]);
    expect(confirmed.platform.risk.flags).toContainEqual(expect.objectContaining({ status: 'OPEN', caseState: 'CONFIRMED', count: 1 }));
  });

  it('scores an expiring qualification 3 and a platform with nothing against it 0', async () => {
    expect((await app.execute(RISK, { id: expiring.id })).data.platform.risk).toMatchObject({ score: 3, qualificationsExpiring: 1, qualificationsExpired: 0 });
    expect((await app.execute(RISK, { id: quiet.id })).data.platform.risk).toMatchObject({ score: 0, flags: [], points: { totalCount: 0, nodes: [] } });
  });

  it('orders and filters platforms by the same score, by keyset', async () => {
    const scoreOf = async (id: string) => (await app.execute(RISK, { id })).data.platform.risk.score as number;
    const ranked = await app.execute(RANKED, { authority, first: 10 });
    expect(ranked.errors).toBeUndefined();
    expect(ranked.data.platforms.nodes).toEqual([
      { id: pooled.id, risk: { score: await scoreOf(pooled.id) } },
      { id: expiring.id, risk: { score: 3 } },
      { id: quiet.id, risk: { score: 0 } },
    ]);
    const first = await app.execute(RANKED, { authority, first: 1, min: 3 });
    expect(first.data.platforms.totalCount).toBe(2);
    const second = await app.execute(RANKED, { authority, first: 1, min: 3, after: first.data.platforms.pageInfo.endCursor });
    expect(second.data.platforms.nodes.map((n: { id: string }) => n.id)).toEqual([expiring.id]);
    expect(second.data.platforms.pageInfo.hasNextPage).toBe(false);
    expect(errorCodes(await app.execute(RANKED, { authority, first: 1, min: -1 }))).toEqual(['BAD_USER_INPUT']);
  });

  it('costs the same statements for a page of platforms, whatever its size', async () => {
    const query = `query($authority: String!) { platforms(first: 3, orderBy: RISK_SCORE, filter: { registrationAuthority: $authority }) {
      nodes { risk { score flags { count } points(first: 5) { nodes { points itemId } } } } } }`;
    expect(await app.sql.count(() => app.execute(query, { authority }))).toBe(5); // the page, then 4 for every risk summary
  });
});
