import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createOwnDatabase } from '../helpers/own-database';
import { BOOT_TIMEOUT_MS, killAllApps, makeDataDir, REPO_ROOT, RunningApp, startApp } from './app-process';

/** `npm run registry -- recompute` as a journalist runs it: a second process, no database, only the URL. */
function recompute(app: RunningApp): { status: number | null; json: { flags: number; reproduced: number; skippedMissingFilings: number; filings: number; differences: unknown[] } } {
  const cli = spawnSync(process.execPath, ['-r', './scripts/build.js', 'dist/src/cli/registry.js', 'recompute', '--url', app.baseUrl, '--json'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: '/nonexistent' },
  });
  return { status: cli.status, json: JSON.parse(cli.stdout) };
}

describe('recompute reproduces every flag of the demo, and finds none missing', () => {
  const dataDirs: string[] = [];
  afterAll(async () => {
    await killAllApps();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'on the embedded default',
    async () => {
      dataDirs.push(makeDataDir('registry-recompute-'));
      const app = await startApp(dataDirs[0], { RATE_LIMIT_ANON_READS: '0' });
      const { status, json } = recompute(app);
      expect(json.flags).toBeGreaterThanOrEqual(20);
      expect(json.filings).toBeGreaterThanOrEqual(10);
      expect(json).toEqual({ flags: json.flags, reproduced: json.flags - json.skippedMissingFilings, skippedMissingFilings: json.skippedMissingFilings, filings: json.filings, differences: [] });
      expect(status).toBe(0);
    },
    BOOT_TIMEOUT_MS + 60_000,
  );

  it(
    'on the real server, when the suite runs on one',
    async () => {
      const database = await createOwnDatabase('recompute');
      if (!database) return;
      try {
        dataDirs.push(makeDataDir('registry-recompute-'));
        const app = await startApp(dataDirs[1], { RATE_LIMIT_ANON_READS: '0', DATABASE_URL: database.url });
        const { status, json } = recompute(app);
        expect(json.flags).toBeGreaterThanOrEqual(20);
        expect(json.differences).toEqual([]);
        expect(json.reproduced).toBe(json.flags - json.skippedMissingFilings);
        expect(status).toBe(0);
        await killAllApps();
      } finally {
        await database.drop();
      }
    },
    BOOT_TIMEOUT_MS + 60_000,
  );
});
