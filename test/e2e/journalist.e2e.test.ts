import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Client } from 'graphql-ws';
import { FilingPlatform, POOLING, SUBMIT_FILING, submitVariables } from '../helpers/filing-world';
import { REGISTRY_EVENTS, subscribe, wsClient } from '../helpers/subscriptions';
import { BOOT_TIMEOUT_MS, graphql, killAllApps, makeDataDir, RunningApp, startApp } from './app-process';

/** The demo platform whose owner token the first start logs, and that token. */
function demoOwner(app: RunningApp): { platformId: string; token: string } {
  const line = app.stdout().split('\n').find((l) => l.includes('demo token: platform owner of'))!;
  return { platformId: /\((plt_[A-Za-z0-9_-]+)\)/.exec(line)![1], token: /(frt_[A-Za-z0-9_-]+)/.exec(line)![1] };
}

const nextPeriod = (period: string) => {
  const [y, m] = period.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/**
 * A journalist's session against a running registry (embedded database, demo data), through HTTP and
 * WebSocket only: finds a platform by a fragment of its Chinese name, reads it as of a past point of the
 * log, follows its new flags by subscription (the platform files a month), compares that month with its
 * peers, and exports everything, checking the manifest's hashes.
 */
describe('a journalist, end to end over HTTP and WebSocket', () => {
  let dataDir: string;
  let app: RunningApp;
  let owner: { platformId: string; token: string };
  let legalName: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    dataDir = makeDataDir('registry-journalist-');
    app = await startApp(dataDir);
    owner = demoOwner(app);
    const { body } = await graphql(app, `query($id: ID!) { platform(id: $id) { legalName } }`, { id: owner.platformId });
    legalName = body.data.platform.legalName;
  }, BOOT_TIMEOUT_MS + 20_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await killAllApps();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds the platform by a fragment of its Chinese name', async () => {
    const fragment = [...legalName].slice(0, 3).join('');
    const { body } = await graphql(app, `query($q: String!) { search(query: $q, first: 10, filter: { kinds: [PLATFORM] }) { nodes { kind id matchedField } } }`, { q: fragment });
    expect(body.errors).toBeUndefined();
    expect(body.data.search.nodes).toContainEqual(expect.objectContaining({ kind: 'PLATFORM', id: owner.platformId, matchedField: 'LEGAL_NAME' }));
  });

  it('reads the platform as the ledger recorded it at its first version', async () => {
    const { body } = await graphql(app, `query($id: ID!) { platform(id: $id) { history(first: 20) { nodes { logIndex logSizeAfter version record } } } }`, { id: owner.platformId });
    expect(body.errors).toBeUndefined();
    const [first] = body.data.platform.history.nodes;
    expect(first.version).toBe(1);
    const then = await graphql(app, `query($id: ID!, $size: Int64!) { platform(id: $id, atLogSize: $size) { legalName registryStatus } }`, { id: owner.platformId, size: first.logSizeAfter });
    expect(then.body.errors).toBeUndefined();
    expect(then.body.data.platform).toEqual({ legalName: first.record.legalName, registryStatus: first.record.registryStatus });
    const before = await graphql(app, `query($id: ID!, $size: Int64!) { platform(id: $id, atLogSize: $size) { id } }`, { id: owner.platformId, size: String(first.logIndex) });
    expect(before.body.data.platform).toBeNull();
  });

  it('reads the platform as of a past instant: the version its history shows in force then', async () => {
    const HISTORY = `query($id: ID!) { platform(id: $id) { history(first: 50) { nodes { version at record } } } }`;
    const AS_OF = `query($id: ID!, $asOf: DateTimeISO) { platform(id: $id, asOf: $asOf) { legalName registryStatus websites } }`;
    const asRecorded = (record: { legalName: string; registryStatus: string; websites: string[] }) => ({ legalName: record.legalName, registryStatus: record.registryStatus, websites: record.websites });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const past = (await graphql(app, HISTORY, { id: owner.platformId })).body.data.platform.history.nodes;
    await sleep(5);
    const instant = new Date().toISOString();
    await sleep(5);
    // the owner changes the platform's websites after that instant: a new version
    const website = `https://journalist-${Date.now()}.example.cn`;
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
      body: JSON.stringify({
        query: `mutation($input: UpdatePlatformProfileInput!) { updatePlatformProfile(input: $input) { version websites } }`,
        variables: { input: { platformId: owner.platformId, websites: [website], reason: 'New website.' } },
      }),
    });
    const updated = ((await response.json()) as { data: { updatePlatformProfile: { version: number; websites: string[] } } }).data.updatePlatformProfile;
    expect(updated).toEqual({ version: past[past.length - 1].version + 1, websites: [website] });

    const history = (await graphql(app, HISTORY, { id: owner.platformId })).body.data.platform.history.nodes;
    expect(history.map((n: { version: number }) => n.version)).toEqual([...past.map((n: { version: number }) => n.version), updated.version]);
    const inForce = history.filter((n: { at: string }) => Date.parse(n.at) <= Date.parse(instant)).pop();
    expect(inForce.version).toBe(updated.version - 1);
    const then = await graphql(app, AS_OF, { id: owner.platformId, asOf: instant });
    expect(then.body.errors).toBeUndefined();
    expect(then.body.data.platform).toEqual(asRecorded(inForce.record));
    expect(then.body.data.platform.websites).not.toContain(website);
    // now: the new version; before the first version: nothing
    expect((await graphql(app, AS_OF, { id: owner.platformId, asOf: null })).body.data.platform).toEqual(asRecorded(history[history.length - 1].record));
    const beforeFirst = new Date(Date.parse(history[0].at) - 1000).toISOString();
    expect((await graphql(app, AS_OF, { id: owner.platformId, asOf: beforeFirst })).body.data.platform).toBeNull();
  });

  it('follows the platform\'s new flags by subscription', async () => {
    const { body } = await graphql(
      app,
      `query($id: ID!) { changes(first: 1) { totalCount } platform(id: $id) { association { id } qualifications { id type } } filings(platformId: $id, first: 50) { nodes { period } } }`,
      { id: owner.platformId },
    );
    const custody = body.data.platform.qualifications.find((q: { type: string }) => q.type === 'CUSTODY_AGREEMENT');
    const latest: string | undefined = body.data.filings.nodes.map((n: { period: string }) => n.period).sort().pop();
    const client = wsClient(app.baseUrl);
    clients.push(client);
    const live = subscribe(client, REGISTRY_EVENTS, { after: String(body.data.changes.totalCount - 1), filter: { kinds: ['FLAG_RAISED'], platformId: owner.platformId } });
    const platform: FilingPlatform = { id: owner.platformId, associationId: body.data.platform.association.id, custodyQualificationId: custody.id, tokens: { owner: owner.token, filer: owner.token } };
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
      body: JSON.stringify({ query: SUBMIT_FILING, variables: submitVariables(platform, latest ? nextPeriod(latest) : '2019-06', {}, POOLING) }),
    });
    const submitted = (await response.json()) as { data: { submitFiling: { id: string; flags: { id: string }[] } } };
    const raised = submitted.data.submitFiling.flags.map((f) => f.id);
    expect(raised.length).toBeGreaterThan(0);
    const heard = await live.waitFor(raised.length, 15_000);
    expect(heard.map((r) => r.data.registryEvents.change.entityId).sort()).toEqual([...raised].sort());
    expect(heard.every((r) => r.data.registryEvents.change.record.filing === submitted.data.submitFiling.id)).toBe(true);
  });

  it('compares it with its peers for a month it filed', async () => {
    const filed = await graphql(app, `query($id: ID!) { filings(platformId: $id, first: 1) { nodes { period } } }`, { id: owner.platformId });
    const period = filed.body.data.filings.nodes[0].period; // the month filed above
    const { body } = await graphql(
      app,
      `query($p: String!) { periodFigures(period: $p, indicator: OUTSTANDING_PRINCIPAL_MINOR, orderBy: VALUE_DESC, first: 30) { stats { count median } figures { nodes { value platform { id } } } } }`,
      { p: period },
    );
    expect(body.errors).toBeUndefined();
    const { stats, figures } = body.data.periodFigures;
    expect(stats.count).toBe(figures.nodes.length);
    expect(figures.nodes.map((n: { platform: { id: string } }) => n.platform.id)).toContain(owner.platformId);
    const values = figures.nodes.map((n: { value: string }) => BigInt(n.value));
    expect(values).toEqual([...values].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
  });

  it('exports everything as of a signed checkpoint and checks every file against the manifest', async () => {
    const manifest = (await (await fetch(`${app.baseUrl}/export/manifest.json`)).json()) as {
      logSize: string;
      checkpoint: string;
      files: { name: string; url: string; rows: number; bytes: number; sha256: string }[];
    };
    expect(manifest.checkpoint.split('\n')[1]).toBe(manifest.logSize);
    expect(manifest.files).toHaveLength(10);
    for (const file of manifest.files) {
      const body = Buffer.from(await (await fetch(new URL(file.url, app.baseUrl))).arrayBuffer());
      expect({ name: file.name, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') }).toEqual({ name: file.name, bytes: file.bytes, sha256: file.sha256 });
      if (file.name.endsWith('.ndjson')) expect(body.toString('utf8').split('\n').length - 1).toBe(file.rows);
      expect(file.rows).toBeGreaterThan(0);
    }
  });
});
