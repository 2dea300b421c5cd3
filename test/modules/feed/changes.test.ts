import { buildPlatform } from '../../../seeds/factories';
import { decodeEntry } from '../../../src/modules/ledger/records';
import { sql } from '../../../src/shared/sql';
import { badInputMessage, badInputPaths } from '../../helpers/bad-input';
import { CHANGE_STATUS } from '../../helpers/operations';
import { buildWorld, World } from '../../helpers/world';
import { startTestApp, TestApp } from '../../helpers/test-app';

const CHANGES = `query ($first: Int!, $after: String) {
  changes(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { logIndex entityType entityId version action at actor { organisation role } reason record } }
  }
}`;

const CHANGES_BACKWARDS = `query ($last: Int!, $before: String) {
  changes(last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    nodes { logIndex }
  }
}`;

describe('changes feed', () => {
  let app: TestApp;
  let world: World;
  beforeAll(async () => {
    app = await startTestApp();
    world = await buildWorld(app.orm.em);
  });
  afterAll(() => app.close());

  async function logSize(): Promise<number> {
    const [{ next }] = await sql<{ next: string }>(app.orm.em.fork(), 'select next from log_state where id = 1');
    return Number(next);
  }

  async function page(first: number, after: string | null) {
    const result = await app.execute(CHANGES, { first, after });
    expect(result.errors).toBeUndefined();
    return result.data.changes;
  }

  it('serves each entry as the ledger holds it: index, type, id, version, action, time, actor, reason and record', async () => {
    const before = String((await logSize()) - 1);
    await app.execute(CHANGE_STATUS, { input: { platformId: world.platform1, to: 'APPROVED', reason: 'Documents complete.' } }, world.tokens['reviewer@A']);
    const { edges, pageInfo } = await page(100, before);
    const mine = edges.filter((e: any) => e.node.record.platform === world.platform1 || e.node.entityId === world.platform1);
    expect(mine.map((e: any) => e.node.entityType).sort()).toEqual(['platform', 'platform-status-change']);
    const status = mine.find((e: any) => e.node.entityType === 'platform-status-change').node;
    const [row] = await sql<{ entry: Buffer }>(app.orm.em.fork(), 'select entry from ledger_entry where log_index = ?', [status.logIndex]);
    const envelope = decodeEntry(row.entry);
    expect(status).toEqual({
      logIndex: status.logIndex,
      entityType: 'platform-status-change',
      entityId: envelope.id,
      version: 1,
      action: envelope.action,
      at: envelope.at,
      actor: { organisation: world.associationA, role: 'REVIEWER' },
      reason: 'Documents complete.',
      record: envelope.record,
    });
    expect(status.record).toMatchObject({ platform: world.platform1, toStatus: 'APPROVED' });
    expect(edges.map((e: any) => e.cursor)).toEqual(edges.map((e: any) => e.node.logIndex));
    expect(pageInfo.endCursor).toBe(edges[edges.length - 1].cursor);
  });

  it('pages from any cursor to the end of the log without a gap while writers run, totalCount being the log size', async () => {
    const start = (await logSize()) - 1;
    const writers = Promise.all(Array.from({ length: 6 }, () => buildPlatform(app.orm.em)));
    const seen: number[] = [];
    let after: string | null = String(start);
    let more = true;
    while (more) {
      const { edges, pageInfo, totalCount }: any = await page(7, after);
      seen.push(...edges.map((e: any) => Number(e.node.logIndex)));
      expect(totalCount).toBeGreaterThanOrEqual(seen.length ? seen[seen.length - 1] + 1 : 0);
      after = pageInfo.endCursor ?? after;
      more = pageInfo.hasNextPage;
    }
    await writers;
    const end = await logSize(); // other files write too: read on until at least here
    while ((seen[seen.length - 1] ?? start) < end - 1) {
      const { edges, pageInfo }: any = await page(100, after);
      seen.push(...edges.map((e: any) => Number(e.node.logIndex)));
      after = pageInfo.endCursor ?? after;
    }
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => start + 1 + i));
    expect(seen.length).toBeGreaterThanOrEqual(6 * 3);
  });

  it('starts at log index 0 without a cursor, and the last entry as cursor gives an empty last page', async () => {
    const first = await page(2, null);
    expect(first.edges.map((e: any) => e.node.logIndex)).toEqual(['0', '1']);
    // other test files may write meanwhile: whatever follows the last entry seen is what they appended since
    let cursor = String(first.totalCount - 1);
    let end = await page(5, cursor);
    for (let rounds = 0; end.edges.length && rounds < 50; rounds++) {
      expect(end.edges.map((e: any) => Number(e.node.logIndex))).toEqual(end.edges.map((_: unknown, i: number) => Number(cursor) + 1 + i));
      cursor = end.pageInfo.endCursor;
      end = await page(5, cursor);
    }
    expect([end.edges.length, end.pageInfo]).toEqual([0, { hasNextPage: false, endCursor: null }]);
  });

  it('reads a page with one SQL statement (the log size with it), whatever the page size', async () => {
    for (const first of [1, 100, 1000]) expect(await app.sql.count(() => page(first, '0'))).toBe(1);
  });

  it('serves pages of up to 1,000 entries to anyone, a tenth of an object each against the cost ceiling', async () => {
    const anonymous = await app.post(CHANGES, { first: 1000, after: null });
    expect(anonymous.status).toBe(200);
    const { edges, totalCount, pageInfo } = anonymous.body.data.changes;
    expect(edges.length).toBe(Math.min(1000, totalCount));
    expect(pageInfo.hasNextPage).toBe(totalCount > 1000);
    expect(edges.map((e: any) => Number(e.cursor))).toEqual(edges.map((_: unknown, i: number) => i));
    const tooLarge = await app.execute(CHANGES, { first: 1001 });
    expect(badInputPaths(tooLarge)).toEqual(['first']);
    // four pages of 1,000 entries with their actor: 4 * ceil(1000 * 0.1) * (1 + 1 + 1 * (1 + 1)) = 1,600
    const fourPages = [1, 2, 3, 4].map((i) => `p${i}: changes(first: 1000) { pageInfo { hasNextPage } nodes { actor { role } } }`).join(' ');
    const refused = await app.post(`{ ${fourPages} }`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', cost: 1600, limit: 1000 });
  });

  it('reads backwards with last/before: the entries just before a log index, in log order, back to index 0', async () => {
    const back = async (last: number, before: string | null) => {
      const result = await app.execute(CHANGES_BACKWARDS, { last, before });
      expect(result.errors).toBeUndefined();
      return result.data.changes;
    };
    const latest = await back(3, null);
    const end = Number(latest.nodes[2].logIndex);
    expect(latest.nodes.map((n: any) => Number(n.logIndex))).toEqual([end - 2, end - 1, end]);
    expect(latest.totalCount).toBeGreaterThan(end);
    expect([latest.pageInfo.hasPreviousPage, latest.pageInfo.startCursor]).toEqual([true, String(end - 2)]);
    const before = await back(4, '10');
    expect(before.nodes.map((n: any) => n.logIndex)).toEqual(['6', '7', '8', '9']);
    expect(before.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: '6', endCursor: '9' });
    const start = await back(4, '2');
    expect([start.nodes.map((n: any) => n.logIndex), start.pageInfo.hasPreviousPage]).toEqual([['0', '1'], false]);
    expect(await app.sql.count(() => back(100, String(end)))).toBe(1);
    expect(badInputPaths(await app.execute(CHANGES_BACKWARDS, { last: 1, before: 'x' }))).toEqual(['before']);
    expect(badInputPaths(await app.execute(CHANGES_BACKWARDS, { last: 1, before: '900000000' }))).toEqual(['before']);
  });

  it('refuses malformed cursors and cursors beyond the log with BAD_USER_INPUT on after', async () => {
    for (const after of ['abc', '-1', '01', '1.5', '99999999999999999999', '']) {
      expect(badInputPaths(await app.execute(CHANGES, { first: 1, after }))).toEqual(['after']);
    }
    const beyond = await app.execute(CHANGES, { first: 1, after: '900000000' });
    expect(badInputPaths(beyond)).toEqual(['after']);
    expect(badInputMessage(beyond, 'after')).toMatch(/beyond the log/);
    expect(badInputPaths(await app.execute(CHANGES, { first: 0 }))).toEqual(['first']);
  });
});
