import { buildFilingAssociation, buildFilingPlatform, FilingAssociation, FilingPlatform, POOLING, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';

const QUEUE = `query($first: Int!, $after: String, $filter: ReviewQueueFilter) {
  reviewQueue(first: $first, after: $after, filter: $filter) { totalCount nodes { id ruleCode severity caseState raisedAt platform { id } } pageInfo { hasNextPage endCursor } }
}`;
const COUNTS = `query($filter: ReviewQueueFilter) { reviewQueueCounts(filter: $filter) { open responded critical high medium low challenges } }`;
const REPLY = `mutation($input: ReplyToFlagInput!) { replyToFlag(input: $input) { id } }`;
const RANK = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

interface QueueItem {
  id: string;
  ruleCode: string;
  severity: string;
  caseState: string;
  raisedAt: string;
  platform: { id: string };
}

describe("a reviewer's work queue", () => {
  let app: TestApp;
  let association: FilingAssociation;
  let platforms: FilingPlatform[];
  let all: QueueItem[];
  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
    platforms = [await buildFilingPlatform(app, association), await buildFilingPlatform(app, association)];
    for (const [i, platform] of platforms.entries()) {
      const filed = await app.execute(SUBMIT_FILING, submitVariables(platform, `2019-0${5 + i}`, {}, POOLING), platform.tokens.filer);
      expect(filed.errors).toBeUndefined();
    }
    const other = await buildFilingAssociation(app);
    const stranger = await buildFilingPlatform(app, other);
    await app.execute(SUBMIT_FILING, submitVariables(stranger, '2019-05', {}, POOLING), stranger.tokens.filer);
    const page = await app.execute(QUEUE, { first: 100 }, association.tokens.reviewer);
    expect(page.errors).toBeUndefined();
    all = page.data.reviewQueue.nodes;
  });
  afterAll(() => app.close());

  it("lists the association's own undecided cases, most severe first, oldest first within a severity", async () => {
    const flagged = await app.orm.em.fork().getConnection().execute(
      `select count(*)::int as n from flag g join platform p on p.id = g.platform_id where p.association_id = ? and g.status = 'OPEN'`,
      [association.id],
    );
    expect(all.length).toBe(flagged[0].n);
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect(new Set(all.map((f) => f.platform.id))).toEqual(new Set(platforms.map((p) => p.id)));
    const keys = all.map((f) => [RANK.indexOf(f.severity), Date.parse(f.raisedAt)]);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(keys).toEqual(sorted);
  });

  it('pages through the queue with cursors, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const { data }: { data?: any } = await app.execute(QUEUE, { first: 2, after }, association.tokens.reviewer);
      seen.push(...data.reviewQueue.nodes.map((f: QueueItem) => f.id));
      if (!data.reviewQueue.pageInfo.hasNextPage) break;
      after = data.reviewQueue.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.map((f) => f.id));
  });

  it('filters by category, platform, rule and state, and counts by state and severity', async () => {
    const first = all[0];
    await app.execute(REPLY, { input: { flagId: first.id, text: 'We disagree.' } }, platforms.find((p) => p.id === first.platform.id)!.tokens.filer);
    const counts = await app.execute(COUNTS, {}, association.tokens.reviewer);
    const bySeverity = (s: string) => all.filter((f) => f.severity === s).length;
    expect(counts.data.reviewQueueCounts).toEqual({
      open: all.length - 1, responded: 1, critical: bySeverity('CRITICAL'), high: bySeverity('HIGH'), medium: bySeverity('MEDIUM'), low: bySeverity('LOW'), challenges: 0,
    });
    await app.execute(`mutation($input: FileChallengeInput!) { fileChallenge(input: $input) { id } }`, { input: { targetType: 'FLAG', targetId: first.id, statement: 'Misread.' } });
    expect((await app.execute(COUNTS, {}, association.tokens.reviewer)).data.reviewQueueCounts.challenges).toBe(1);
    const responded = await app.execute(QUEUE, { first: 10, filter: { caseState: ['RESPONDED'] } }, association.tokens.reviewer);
    expect(responded.data.reviewQueue.nodes.map((f: QueueItem) => f.id)).toEqual([first.id]);
    const pool = await app.execute(QUEUE, { first: 10, filter: { ruleCode: 'POOL-001', platformId: platforms[1].id } }, association.tokens.reviewer);
    expect(pool.data.reviewQueue.nodes.map((f: QueueItem) => [f.ruleCode, f.platform.id])).toEqual([['POOL-001', platforms[1].id]]);
    const custody = await app.execute(QUEUE, { first: 100, filter: { category: ['CUSTODY'] } }, association.tokens.reviewer);
    expect(custody.data.reviewQueue.totalCount).toBe(all.filter((f) => f.ruleCode.startsWith('CUST')).length);
  });

  it('costs the same number of statements for a page of 2 as of 20', async () => {
    const two = await app.sql.count(() => app.execute(QUEUE, { first: 2 }, association.tokens.reviewer));
    const twenty = await app.sql.count(() => app.execute(QUEUE, { first: 20 }, association.tokens.reviewer));
    expect(twenty).toBe(two);
  });

  it('is for reviewers of an association only', async () => {
    expect(errorCodes(await app.execute(QUEUE, { first: 5 }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await app.execute(QUEUE, { first: 5 }, platforms[0].tokens.owner))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.execute(QUEUE, { first: 5, after: 'bm90LWEtY3Vyc29y' }, association.tokens.reviewer))).toEqual(['BAD_USER_INPUT']);
  });
});
