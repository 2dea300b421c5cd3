import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { filingContent, SUBMIT_FILING } from '../helpers/filing-world';
import { BOOT_TIMEOUT_MS, killAllApps, makeDataDir, REPO_ROOT, RunningApp, startApp } from './app-process';

/** Months filed in the run: 2019-01 onwards, one keyed submission each. */
const PERIODS = Array.from({ length: 36 }, (_, i) => `${2019 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
/** Submissions in flight at once; the kill lands in the middle of a wave. */
const WAVE = 6;

interface Demo {
  platformId: string;
  token: string;
  custodyQualificationId: string;
}

/** The first demo platform's owner token and id, from the tokens the registry logs once, at its first start. */
async function demoPlatform(app: RunningApp): Promise<Demo> {
  const line = app.stdout().split('\n').find((l) => l.includes('demo token: platform owner of'))!;
  const [, platformId, token] = /\((plt_[0-9a-z]+)\): (\S+?)"/.exec(line)!;
  const { data } = await post(app, token, `query($id: ID!) { platform(id: $id) { qualifications { id type } } }`, { id: platformId });
  const custody = data.platform.qualifications.find((q: { type: string }) => q.type === 'CUSTODY_AGREEMENT');
  return { platformId, token, custodyQualificationId: custody.id };
}

async function post(app: RunningApp, token: string, query: string, variables: Record<string, unknown>, key?: string) {
  const response = await fetch(`${app.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
}

/** Submits `period` under its own idempotency key; resolves with the stored filing's id, or null if unanswered. */
async function submit(app: RunningApp, demo: Demo, period: string): Promise<string | null> {
  const platform = { id: demo.platformId, associationId: '', custodyQualificationId: demo.custodyQualificationId, tokens: { owner: demo.token, filer: demo.token } };
  try {
    const result = await post(app, demo.token, SUBMIT_FILING, { input: { platformId: demo.platformId, period, ...filingContent(platform) } }, `crash-${period}`);
    if (result.errors) throw new Error(`${period}: ${JSON.stringify(result.errors)}`);
    return result.data.submitFiling.id;
  } catch (error) {
    // the connection died with the server: not acknowledged (fetch's TypeError comes from Node's realm, not Jest's)
    if ((error as Error).message === 'fetch failed') return null;
    throw error;
  }
}

describe('a registry killed with kill -9 in the middle of keyed submissions', () => {
  let dataDir: string;
  afterAll(async () => {
    await killAllApps();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged filing and stores none twice once the unanswered ones are retried', async () => {
    dataDir = makeDataDir('registry-crash-');
    let app = await startApp(dataDir);
    const demo = await demoPlatform(app);
    const acknowledged = new Map<string, string>();
    const pending = [...PERIODS];
    // waves of concurrent submissions; the server is killed while the third wave is in flight
    for (let wave = 0; pending.length; wave++) {
      const batch = pending.splice(0, WAVE);
      const inFlight = batch.map((period) => submit(app, demo, period).then((id) => id && acknowledged.set(period, id)));
      if (wave === 2) {
        await new Promise((resolve) => setTimeout(resolve, 15));
        app.child.kill('SIGKILL');
        await Promise.all(inFlight);
        break;
      }
      await Promise.all(inFlight);
    }
    await app.exited;
    // the first two waves were answered; the kill cut the third before all of it was
    expect(acknowledged.size).toBeGreaterThanOrEqual(2 * WAVE);
    expect(acknowledged.size).toBeLessThan(3 * WAVE);

    app = await startApp(dataDir);
    // retry every period under its key: acknowledged ones answer with the same filing, the rest are stored once
    for (const period of PERIODS) {
      const id = await submit(app, demo, period);
      expect(id).not.toBeNull();
      if (acknowledged.has(period)) expect(id).toBe(acknowledged.get(period));
    }
    const { data } = await post(app, demo.token, `query($id: ID!) { filings(platformId: $id, first: 100) { totalCount nodes { period amendment } } }`, {
      id: demo.platformId,
    });
    expect(data.filings.totalCount).toBe(PERIODS.length);
    expect(data.filings.nodes.map((n: { period: string }) => n.period).sort()).toEqual(PERIODS);
    expect(data.filings.nodes.every((n: { amendment: number }) => n.amendment === 1)).toBe(true);

    // once a checkpoint covers the last filing, the verifier (a separate process, no database) replays the whole log
    const receipt = `query($id: ID!) { logVerifierKey filings(platformId: $id, first: 1) { nodes { receipt { coveredBy } } } }`;
    let answer = await post(app, demo.token, receipt, { id: demo.platformId });
    for (let tries = 0; !answer.data.filings.nodes[0].receipt.coveredBy && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await post(app, demo.token, receipt, { id: demo.platformId });
    }
    const args = ['dist/src/cli/registry.js', 'verify', 'replay', '--url', app.baseUrl, '--key', answer.data.logVerifierKey, '--json'];
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: REPO_ROOT });
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, check: 'replay' });
  }, 4 * BOOT_TIMEOUT_MS);
});
