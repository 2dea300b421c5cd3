import fs from 'node:fs';
import type { Client } from 'graphql-ws';
import { createOwnDatabase, OwnDatabase } from '../helpers/own-database';
import { REGISTRY_EVENTS, subscribe, wsClient } from '../helpers/subscriptions';
import { BOOT_TIMEOUT_MS, graphql, killAllApps, makeDataDir, RunningApp, startApp, stopApp } from './app-process';

const CHANGE_STATUS = `mutation ($input: ChangeRegistryStatusInput!) { changeRegistryStatus(input: $input) { id registryStatus } }`;
const STATUS_CHANGES = { kinds: ['REGISTRY_STATUS_CHANGED'] };

/** The demo reviewer's token, from the first start's log. */
function reviewerToken(app: RunningApp): string {
  const line = app.stdout().split('\n').find((l) => l.includes('demo token: reviewer of'))!;
  return /(frt_[A-Za-z0-9_-]+)/.exec(line)![1];
}

/** Suspends or re-approves the first demo platform, alternately, through `app`; returns the new status. */
async function toggleStatus(app: RunningApp, token: string, platformId: string, to: string): Promise<void> {
  const response = await fetch(`${app.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: CHANGE_STATUS, variables: { input: { platformId, to, reason: `e2e: ${to}` } } }),
  });
  const body = (await response.json()) as { errors?: unknown };
  expect(body.errors).toBeUndefined();
}

/**
 * A subscriber on `listener` sees a status change sent to `writer` (another process when they differ, so
 * the wake crosses processes through LISTEN/NOTIFY); after a disconnect it resumes with its last cursor
 * and gets exactly what it missed.
 */
async function followAcross(writer: RunningApp, listener: RunningApp, clients: Client[]): Promise<void> {
  const token = reviewerToken(writer);
  const { body } = await graphql(writer, '{ platforms(first: 1, filter: { registryStatus: [APPROVED] }) { nodes { id } } }');
  const platformId = body.data.platforms.nodes[0].id;
  const client = wsClient(listener.baseUrl);
  clients.push(client);
  const { body: log } = await graphql(listener, '{ changes(first: 1) { totalCount } }');
  const live = subscribe(client, REGISTRY_EVENTS, { after: String(log.data.changes.totalCount - 1), filter: { ...STATUS_CHANGES, platformId } });
  await toggleStatus(writer, token, platformId, 'SUSPENDED');
  await live.waitFor(1, 15_000);
  // the subscriber is following by now: this one reaches it only through a wake (LISTEN/NOTIFY across processes)
  await toggleStatus(writer, token, platformId, 'APPROVED');
  const heard = await live.waitFor(2, 15_000);
  expect(heard.map((r) => r.data.registryEvents.change.record)).toEqual([
    expect.objectContaining({ platform: platformId, toStatus: 'SUSPENDED' }),
    expect.objectContaining({ platform: platformId, toStatus: 'APPROVED' }),
  ]);
  live.stop();
  await toggleStatus(writer, token, platformId, 'SUSPENDED');
  await toggleStatus(writer, token, platformId, 'APPROVED');
  const resumed = subscribe(client, REGISTRY_EVENTS, { after: heard[1].data.registryEvents.cursor, filter: { ...STATUS_CHANGES, platformId } });
  const missed = await resumed.waitFor(2, 15_000);
  expect(missed.map((r) => r.data.registryEvents.change.record.toStatus)).toEqual(['SUSPENDED', 'APPROVED']);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(resumed.results).toHaveLength(2);
}

describe('registryEvents over WebSocket against running registries', () => {
  const dataDirs: string[] = [];
  const clients: Client[] = [];
  let database: OwnDatabase | null = null;
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await killAllApps();
    await database?.drop();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'on the embedded default: a subscriber hears a mutation of the same process, and resumes by cursor; shutdown closes its socket',
    async () => {
      dataDirs.push(makeDataDir('registry-ws-'));
      const app = await startApp(dataDirs[dataDirs.length - 1], { RATE_LIMIT_ANON_READS: '0' });
      await followAcross(app, app, clients);
      let closed: number | undefined;
      const held = subscribe(wsClient(app.baseUrl, undefined, (event) => (closed = event.code)), REGISTRY_EVENTS);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await stopApp(app)).toEqual({ code: 0, signal: null });
      await held.ended;
      expect(closed).toBe(1001);
    },
    BOOT_TIMEOUT_MS + 60_000,
  );

  it(
    'on a PostgreSQL server: a mutation sent to one process reaches a subscriber of another, and a reconnect with a cursor loses nothing',
    async () => {
      database = await createOwnDatabase('feed_ws');
      if (!database) return;
      const env = { RATE_LIMIT_ANON_READS: '0', DATABASE_URL: database.url };
      dataDirs.push(makeDataDir('registry-ws-a-'), makeDataDir('registry-ws-b-'));
      const writer = await startApp(dataDirs[dataDirs.length - 2], env);
      const listener = await startApp(dataDirs[dataDirs.length - 1], { ...env, SEED_DEMO: 'false' });
      expect(listener.pid).not.toBe(writer.pid);
      await followAcross(writer, listener, clients);
    },
    2 * BOOT_TIMEOUT_MS + 60_000,
  );
});
