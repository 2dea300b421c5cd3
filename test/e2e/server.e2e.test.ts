import fs from 'node:fs';
import path from 'node:path';
import { BOOT_TIMEOUT_MS, graphql, killAllApps, makeDataDir, RunningApp, spawnApp, startApp, stopApp, waitForExit } from './app-process';

/**
 * The real registry as operators run it (the compiled `dist/src/main.js`) on embedded PGlite in
 * a fresh data directory: health, the demo seed, the data-directory lock, clean SIGTERM shutdown and
 * a restart on the same data. The tests run in order and share the data directory.
 */
const PLATFORMS = `{ platforms(first: 20) { totalCount nodes { id legalName } } }`;

/** The English part of each demo platform's legal name (see seeds/demo.ts). */
const DEMO_PLATFORM_NAMES = ['Hujia Lending', 'Jingyi Inclusive Finance', 'Yuebing P2P', 'Zheding Finance Info', 'Suwu Network'];

describe('registry process on embedded PGlite', () => {
  let dataDir: string;
  let app: RunningApp;
  const lockFile = () => path.join(dataDir, 'registry.lock');
  const pidFile = () => path.join(dataDir, 'registry.pid');

  beforeAll(async () => {
    dataDir = makeDataDir();
    app = await startApp(dataDir);
  }, BOOT_TIMEOUT_MS + 10_000);

  afterAll(async () => {
    await killAllApps();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('boots, seeds the demo once and holds the data-directory lock', () => {
    expect(app.stdout()).toContain('Demo data seeded');
    expect(fs.statSync(lockFile()).isDirectory()).toBe(true);
    expect(fs.readFileSync(pidFile(), 'utf8')).toBe(String(app.child.pid));
  });

  it('GET /healthz reports the server and database as ok', async () => {
    const response = await fetch(`${app.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('starts with the labelled 2019 records imported, flags and evidence included', async () => {
    const { body } = await graphql(app, `{ all: flags(first: 1) { totalCount } pool: flags(first: 5, filter: { ruleCode: "CUST-001" }) { nodes { period evidence } } }`);
    expect(body.errors).toBeUndefined();
    // S01 0 + S06 3 + S09 1 + S11 2 + S15 21, as the files' expected.byFiling say
    expect(body.data.all.totalCount).toBe(27);
    expect(body.data.pool.nodes).toEqual([
      { period: '2019-06', evidence: expect.objectContaining({ values: { 'filing.custody.lenderFundsOutsideCustodyMinor': '2500000000' } }) },
    ]);
  });

  it('serves the five platforms registered by the demo, beside the five imported ones', async () => {
    const { status, body } = await graphql(app, PLATFORMS);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.platforms.totalCount).toBe(10);
    const nodes: { id: string; legalName: string }[] = body.data.platforms.nodes;
    expect(nodes).toHaveLength(10);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(10);
    for (const name of DEMO_PLATFORM_NAMES) {
      expect(nodes.some((n) => n.legalName.includes(`(${name})`))).toBe(true);
    }
  });

  it('refuses a second instance on the same data directory, quickly and with a clear message', async () => {
    const started = Date.now();
    const second = spawnApp(dataDir);
    const exit = await waitForExit(second, 45_000);
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(second.stderr()).toContain(`in use by process ${app.child.pid}.`);
    expect(second.stderr()).not.toMatch(/\n\s+at /); // the message, not a stack trace
    expect(second.stderr()).toContain(dataDir);
    expect(second.stdout()).not.toContain('Registry ready');
    expect(Date.now() - started).toBeLessThan(45_000);
    // The refused instance must leave the first one's lock and service alone.
    expect(fs.readFileSync(pidFile(), 'utf8')).toBe(String(app.child.pid));
    expect(fs.existsSync(lockFile())).toBe(true);
    const response = await fetch(`${app.baseUrl}/healthz`);
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
  }, 60_000);

  it('shuts down on SIGTERM with exit code 0 and releases the lock', async () => {
    const exit = await stopApp(app, 10_000);
    expect(app.stdout()).toContain('SIGTERM received');
    if (exit.code !== 0) console.error(`registry exited with ${JSON.stringify(exit)}; stderr:\n${app.stderr()}`);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(lockFile())).toBe(false);
    expect(fs.existsSync(pidFile())).toBe(false);
  }, 20_000);

  it('restarts on the same data directory without seeding the demo again', async () => {
    const again = await startApp(dataDir);
    try {
      expect(again.stdout()).not.toContain('Demo data seeded');
      const { body } = await graphql(again, PLATFORMS);
      expect(body.errors).toBeUndefined();
      expect(body.data.platforms.totalCount).toBe(10);
      expect(body.data.platforms.nodes).toHaveLength(10);
    } finally {
      await stopApp(again, 10_000);
    }
  }, BOOT_TIMEOUT_MS + 20_000);
});
