import fs from 'node:fs';
import type { Client } from 'graphql-ws';
import { FilingPlatform, POOLING, SUBMIT_FILING, submitVariables } from '../helpers/filing-world';
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

/** The demo token of `role` from the first start's log, and the organisation id it names. */
function demoToken(app: RunningApp, role: string): { token: string; organisation: string } {
  const line = app.stdout().split('\n').find((l) => l.includes(`demo token: ${role} of`))!;
  return { token: /(frt_[A-Za-z0-9_-]+)/.exec(line)![1], organisation: /\(((?:plt|asn)_[A-Za-z0-9_-]+)\)/.exec(line)![1] };
}

/** Sends a mutation to `app` with `token`; fails the test on errors. */
async function mutate(app: RunningApp, token: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await fetch(`${app.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

/**
 * A journalist following a platform's flags of one severity on `listener` hears the steps of a flag's case
 * taken through `writer`: the platform's reply, then the reviewer's decision.
 */
async function followCase(writer: RunningApp, listener: RunningApp, clients: Client[]): Promise<void> {
  const owner = demoToken(writer, 'platform owner');
  const reviewer = demoToken(writer, 'reviewer');
  const { body } = await graphql(writer, `query($id: ID!) { platform(id: $id) { association { id } qualifications { id type } } }`, { id: owner.organisation });
  const custody = body.data.platform.qualifications.find((q: { type: string }) => q.type === 'CUSTODY_AGREEMENT');
  const platform: FilingPlatform = { id: owner.organisation, associationId: body.data.platform.association.id, custodyQualificationId: custody.id, tokens: { owner: owner.token, filer: owner.token } };
  const { submitFiling } = await mutate(writer, owner.token, SUBMIT_FILING, submitVariables(platform, '2019-06', {}, POOLING));
  const flag = submitFiling.flags[0] as { id: string; severity: string };
  const client = wsClient(listener.baseUrl);
  clients.push(client);
  const { body: log } = await graphql(listener, '{ changes(first: 1) { totalCount } }');
  const filter = { kinds: ['FLAG_CASE_CHANGED'], platformId: platform.id, severities: [flag.severity] };
  const live = subscribe(client, REGISTRY_EVENTS, { after: String(log.data.changes.totalCount - 1), filter });
  await mutate(writer, owner.token, 'mutation($input: ReplyToFlagInput!) { replyToFlag(input: $input) { id } }', { input: { flagId: flag.id, text: 'e2e: the funds were matched.' } });
  await live.waitFor(1, 15_000);
  await mutate(writer, reviewer.token, 'mutation($input: DecideFlagInput!) { decideFlag(input: $input) { id } }', { input: { flagId: flag.id, decision: 'DISMISSED', reason: 'e2e: a false positive.' } });
  const heard = await live.waitFor(2, 15_000);
  expect(heard.map((r) => [r.data.registryEvents.kind, r.data.registryEvents.change.record.flag, r.data.registryEvents.change.record.toState])).toEqual([
    ['FLAG_CASE_CHANGED', flag.id, 'RESPONDED'],
    ['FLAG_CASE_CHANGED', flag.id, 'DISMISSED'],
  ]);
  live.stop();
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
    "on the embedded default: a subscriber hears a mutation of the same process, and resumes by cursor; a flag's case steps reach its followers; shutdown closes its socket",
    async () => {
      dataDirs.push(makeDataDir('registry-ws-'));
      const app = await startApp(dataDirs[dataDirs.length - 1], { RATE_LIMIT_ANON_READS: '0' });
      await followAcross(app, app, clients);
      await followCase(app, app, clients);
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
    "on a PostgreSQL server: a mutation sent to one process reaches a subscriber of another, and a reconnect with a cursor loses nothing; so do a flag's case steps",
    async () => {
      database = await createOwnDatabase('feed_ws');
      if (!database) return;
      const env = { RATE_LIMIT_ANON_READS: '0', DATABASE_URL: database.url };
      dataDirs.push(makeDataDir('registry-ws-a-'), makeDataDir('registry-ws-b-'));
      const writer = await startApp(dataDirs[dataDirs.length - 2], env);
      const listener = await startApp(dataDirs[dataDirs.length - 1], { ...env, SEED_DEMO: 'false' });
      expect(listener.pid).not.toBe(writer.pid);
      await followAcross(writer, listener, clients);
      await followCase(writer, listener, clients);
    },
    2 * BOOT_TIMEOUT_MS + 60_000,
  );
});
