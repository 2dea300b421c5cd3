import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomUscc } from '../../seeds/factories';
import { BOOT_TIMEOUT_MS, killAllApps, makeDataDir, REPO_ROOT, RunningApp, startApp } from './app-process';

/**
 * A rule preview never stalls the server: on the registry process as operators run it (embedded PGlite),
 * a draft with a heavy but allowed rule is previewed over a few hundred imported filings (two batches)
 * while /healthz is sampled back to back for the whole preview.
 */
const PLATFORMS = 15;
const MONTHS = 20;
/** Twenty months from September 2016, before the demo's own 2019 records. */
const PERIODS = Array.from({ length: MONTHS }, (_, i) => new Date(Date.UTC(2016, 8 + i, 1)).toISOString().slice(0, 7));

/** Milliseconds one evaluation of the heavy rule should take: hundreds of times a seed rule. */
const TARGET_MS = 3;

const list = (n: number) => `[${Array.from({ length: n }, (_, i) => i).join(', ')}]`;
const nestedLoops = (n: number) => `${list(30)}.all(a, ${list(30)}.all(b, ${list(n)}.all(c, a + b + c >= 0)))`;

/**
 * Milliseconds one evaluation of `expression` takes on the engine as the server runs it: the compiled
 * dist/ in a plain node process (Jest's own transform of the engine's package runs it several times slower).
 */
function evaluationMs(expression: string): number {
  const script = `
    const { compileCondition, evaluateRules } = require(${JSON.stringify(path.join(REPO_ROOT, 'dist/src/modules/evaluation'))});
    const expression = ${JSON.stringify(expression)};
    const compiled = compileCondition(expression);
    if (!compiled.ok) throw new Error(compiled.error.message);
    const rules = [{ ruleVersionId: 'rlv_timing', ruleCode: 'LOAD-001', expression, program: compiled.program }];
    const input = { platform: {}, filing: {}, prev: null, ctx: {} };
    for (let i = 0; i < 20; i++) evaluateRules(rules, input, new Date());
    const started = performance.now();
    for (let i = 0; i < 50; i++) evaluateRules(rules, input, new Date());
    process.stdout.write(String((performance.now() - started) / 50));`;
  return Number(execFileSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8' }));
}

/**
 * 30 x 30 x n comprehension iterations, n chosen so that one evaluation takes about TARGET_MS on this machine
 * and engine (their speeds differ tenfold). How long one evaluation may run is the engine's execution budget;
 * this test is about the time between evaluations (under a busy machine's preemption a longer one stretches the tail).
 */
function heavyRule(): string {
  const n = Math.round((10 * TARGET_MS) / evaluationMs(nestedLoops(10)));
  return nestedLoops(Math.min(100, Math.max(1, n)));
}

const S01 = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'seeds/examples/records/S01-clean-established-3m.json'), 'utf8'));

/** S01's platform under a fresh USCC, filing S01's May 2019 figures for each of PERIODS on the 4th of the next month. */
function recordFile(index: number) {
  const filings = PERIODS.map((period, i) => ({ ...S01.filings[1], period, submittedAt: `${PERIODS[i + 1] ?? '2018-05'}-04T10:00:00+08:00` }));
  return {
    ctx: { asOf: '2018-06-01T00:00:00+08:00', duePeriods: [], params: S01.ctx.params },
    platform: { ...S01.platform, uscc: randomUscc(), legalName: `${S01.platform.legalName} ${index}` },
    filings,
  };
}

/** The 99th percentile of `values`. */
const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.99) - 1];

describe('a rule preview on the running registry', () => {
  let dataDir: string;
  let app: RunningApp;
  let adminToken: string;

  const post = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };

  beforeAll(async () => {
    dataDir = makeDataDir('registry-preview-');
    app = await startApp(dataDir);
    const token = /demo token: association admin of [^\n]*: (frt_[A-Za-z0-9_-]+)/.exec(app.stdout());
    if (!token) throw new Error('no demo admin token in the log');
    adminToken = token[1];
    for (let i = 0; i < PLATFORMS; i++) {
      const imported = await post('mutation Import($file: JSONObject!) { importRecords(file: $file) { filingsCreated } }', { file: recordFile(i) });
      expect(imported.importRecords.filingsCreated).toBe(MONTHS);
    }
  }, BOOT_TIMEOUT_MS + 120_000);

  afterAll(async () => {
    await killAllApps();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps /healthz p99 under 100 ms while a heavy draft is previewed over 300 filings', async () => {
    const saved = await post('mutation Save($input: SaveRuleDraftInput!) { saveRuleDraft(input: $input) { id } }', {
      input: { code: 'LOAD-001', title: 'Heavy draft', text: 'Iterates a lot.', basis: 'Test', threshold: 'none', category: 'DATA_INTEGRITY', severity: 'LOW', expression: heavyRule() },
    });
    const input = { ruleVersionId: saved.saveRuleDraft.id, fromPeriod: PERIODS[0], toPeriod: PERIODS[MONTHS - 1] };
    let finished = false;
    const started = performance.now();
    const previewing = post(
      'mutation Preview($input: PreviewRuleDraftInput!) { previewRuleDraft(input: $input) { evaluated truncated counts { draft { flagged passed error } } wouldFlag { filing { id } } } }',
      { input },
    ).finally(() => (finished = true));
    const latencies: number[] = [];
    while (!finished) {
      const sent = performance.now();
      const response = await fetch(`${app.baseUrl}/healthz`);
      expect(response.status).toBe(200);
      await response.json();
      latencies.push(performance.now() - sent);
    }
    const preview = (await previewing).previewRuleDraft;
    const duration = performance.now() - started;

    expect(preview).toMatchObject({ evaluated: PLATFORMS * MONTHS, truncated: false, counts: { draft: { flagged: PLATFORMS * MONTHS, passed: 0, error: 0 } } });
    expect(new Set(preview.wouldFlag.map((item: { filing: { id: string } }) => item.filing.id)).size).toBe(PLATFORMS * MONTHS);
    // the preview took long enough to matter, and health answered throughout it (a blocked server
    // would answer one or two samples, after the preview)
    expect(duration).toBeGreaterThan(1000);
    expect(latencies.length).toBeGreaterThanOrEqual(50);
    expect(p99(latencies)).toBeLessThan(100);
  }, 120_000);
});
