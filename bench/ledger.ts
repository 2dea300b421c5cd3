import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { buildAssociation, buildPlatform, sha256 } from '../seeds/factories';
import { seedRulebook } from '../seeds/seed-rulebook';
import { connectOrm } from '../src/database/orm';
import { addMember, issueMemberToken } from '../src/modules/accounts/manage-members';
import { Member } from '../src/modules/accounts/member.entity';
import { Role } from '../src/modules/accounts/role';
import { memberViewer } from '../src/modules/accounts/viewer';
import { startChild, stopChild } from './child-process';
import { BenchDatabase } from './database';
import { BenchRequest, runLoad } from './load';
import { median, printTable, verdict } from './table';

// The issue 7 write-path sections: what the ledger and the transparency log cost submitFiling (`ledger`),
// and how long a write waits for a signed checkpoint covering it (`checkpoint`).

/** Most the ledger and log may cost submitFiling's throughput (issue 7): 15%. */
export const LEDGER_COST_GOAL = 0.15;
/** Checkpoint latency p99 target (issue 7), in milliseconds. */
export const CHECKPOINT_P99_GOAL_MS = 5000;

const CUSTODY_BANK = '江南商业银行股份有限公司';
const EXAMPLE = path.join(__dirname, '../seeds/examples/records/S01-clean-established-3m.json');
const ENUM_KEYS = new Set(['kind', 'yieldLabel', 'guaranteeType', 'exitMechanism']);
/** Months the platforms file: 2017-01 .. 2026-06 (the seed rulebook is in force from 2016-08-24). */
const PERIODS = Array.from({ length: 114 }, (_, i) => `${2017 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);

const SUBMIT = 'mutation BenchSubmit($input: SubmitFilingInput!) { submitFiling(input: $input) { id } }';
const SUBMIT_WITH_RECEIPT = 'mutation BenchSubmitReceipt($input: SubmitFilingInput!) { submitFiling(input: $input) { id receipt { logIndex } } }';
const CHANGE_STATUS = 'mutation BenchApprove($input: ChangeRegistryStatusInput!) { changeRegistryStatus(input: $input) { id } }';
const ADD_QUALIFICATION = 'mutation BenchCustody($input: AddQualificationInput!) { addQualification(input: $input) { id } }';

/** An approved platform whose filer submits the clean example month. */
interface FilerPlatform {
  id: string;
  custodyQualificationId: string;
  filerToken: string;
}

/**
 * Platforms that submit filings, one (platform, period) pair per request, never twice: request k files
 * period k / P of platform k % P, so concurrent requests are for different platforms.
 */
export class FilingStream {
  private next = 0;
  private readonly content: Record<string, unknown>;

  constructor(readonly platforms: FilerPlatform[]) {
    const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
    const filing = example.filings.find((f: { period: string }) => f.period === '2019-05');
    const section = (values: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'number' ? String(v) : ENUM_KEYS.has(k) && typeof v === 'string' ? v.toUpperCase() : v]));
    this.content = { ops: section(filing.ops), borrowerCaps: section(filing.borrowerCaps), custody: section(filing.custody), products: filing.products.map(section) };
  }

  /** Requests left before the pairs run out. */
  get left(): number {
    return this.platforms.length * PERIODS.length - this.next;
  }

  /** The next submitFiling request (with the receipt's log index in the answer when `receipt`). */
  request(receipt = false): BenchRequest {
    const k = this.next++;
    if (k === this.platforms.length * PERIODS.length) console.warn('  (every platform has filed every month: later requests fail; raise BENCH_LEDGER_PLATFORMS)');
    const platform = this.platforms[k % this.platforms.length];
    const period = PERIODS[Math.floor(k / this.platforms.length) % PERIODS.length];
    const custody = { ...(this.content.custody as object), agreementQualificationId: platform.custodyQualificationId };
    return {
      body: JSON.stringify({ query: receipt ? SUBMIT_WITH_RECEIPT : SUBMIT, variables: { input: { platformId: platform.id, period, ...this.content, custody } } }),
      headers: { authorization: `Bearer ${platform.filerToken}` },
    };
  }
}

/**
 * Creates, through the real commands and API, an association with the seed rulebook and `count` approved
 * platforms with a custody agreement and a filer token each (a registry child serves the API calls).
 */
export async function seedFilers(db: BenchDatabase, count: number): Promise<FilingStream> {
  const orm = await connectOrm(db.url, db.poolSize === 1);
  const { child, message } = await startChild('registry', { BENCH_DB_URL: db.url, BENCH_POOL: String(db.poolSize) });
  const port = message as number;
  const call = async (query: string, variables: unknown, token: string) => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const answer = (await response.json()) as { data?: Record<string, { id: string }>; errors?: unknown };
    if (answer.errors || !answer.data) throw new Error(`bench setup failed: ${JSON.stringify(answer.errors)}`);
    return Object.values(answer.data)[0];
  };
  const issue = async (manager: Member, name: string, role: Role) => {
    const viewer = memberViewer(manager);
    const member = await addMember(orm.em.fork(), viewer, { name, role });
    return (await issueMemberToken(orm.em.fork(), viewer, { memberId: member.id, label: name })).secret;
  };
  try {
    const created = await buildAssociation(orm.em, `Bench filers ${Date.now()}`);
    await seedRulebook(orm.em, memberViewer(created.admin));
    const reviewer = await issue(created.admin, 'Bench reviewer', Role.REVIEWER);
    const platforms: FilerPlatform[] = [];
    const one = async () => {
      const { platform, owner, ownerToken } = await buildPlatform(orm.em, { associationId: created.association.id });
      await call(CHANGE_STATUS, { input: { platformId: platform.id, to: 'APPROVED', reason: 'Bench.' } }, reviewer);
      const custody = await call(
        ADD_QUALIFICATION,
        {
          input: {
            platformId: platform.id,
            qualification: {
              type: 'CUSTODY_AGREEMENT',
              issuer: CUSTODY_BANK,
              number: 'CG-2018-001',
              validFrom: '2016-06-01T00:00:00+08:00',
              validTo: null,
              documentSha256: sha256(`custody agreement of ${platform.id}`),
            },
          },
        },
        ownerToken,
      );
      platforms.push({ id: platform.id, custodyQualificationId: custody.id, filerToken: await issue(owner, 'Bench filer', Role.FILER) });
    };
    for (let i = 0; i < count; i += 4) await Promise.all(Array.from({ length: Math.min(4, count - i) }, one));
    return new FilingStream(platforms);
  } finally {
    await stopChild(child);
    await orm.close();
  }
}

/** Settings of the `ledger` section. */
export interface LedgerSettings {
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  pgbenchSeconds: number;
  /** Signer key line for the integrator of the server with the ledger. */
  signerKey: string;
}

type Variant = 'ledger' | 'no-ledger' | 'pgbench';
const VARIANTS: Variant[] = ['ledger', 'no-ledger', 'pgbench'];

/**
 * One measured run: successful writes (filings stored; pgbench transactions) per second. Filings are
 * counted in the table over the run, so a warm-up request answered during it counts; `failures` are
 * non-2xx answers and answers that stored nothing.
 */
interface WriteRun {
  perSecond: number;
  requests: number;
  failures: number;
  p99Ms: number;
  /** Ledger entries appended per stored filing (0 with the ledger off). */
  entriesPerFiling: number;
}

/** What the `ledger` section measured: runs per variant, in round order. */
export interface LedgerResult {
  runs: Record<Variant, WriteRun[]>;
  /** 1 - ledger/no-ledger throughput (medians). */
  cost: number;
  /** ledger throughput / pgbench tps (medians); null when pgbench did not run. */
  ofPgbench: number | null;
}

async function count(url: string, sql: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(sql)).rows[0].n);
  } finally {
    await client.end();
  }
}

/**
 * submitFiling throughput, interleaved rounds of: the registry with its ledger and log (integrator running,
 * as main.ts starts it), the same registry with the ledger switched off (bench/ledger-off.ts, no
 * integrator), and pgbench's tpcb-like on the same database (`pgbench -i` once before). Throughput counts
 * filings actually stored (an answer with GraphQL errors stores none).
 */
export async function measureLedger(db: BenchDatabase, stream: FilingStream, settings: LedgerSettings): Promise<LedgerResult> {
  const runs: Record<Variant, WriteRun[]> = { ledger: [], 'no-ledger': [], pgbench: [] };
  const pgbench = db.kind !== 'embedded PGlite';
  if (pgbench) await promisify(execFile)('pgbench', ['-i', '-q', '-s', '1', db.url]);
  else console.log('  (embedded PGlite: no pgbench)');
  for (let round = 1; round <= settings.rounds; round++) {
    for (const variant of VARIANTS) {
      if (variant === 'pgbench') {
        if (!pgbench) continue;
        const { stdout } = await promisify(execFile)('pgbench', ['-b', 'tpcb-like', '-n', '-T', String(settings.pgbenchSeconds), '-c', String(settings.connections), '-j', '2', db.url]);
        const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
        const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
        const latency = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
        runs.pgbench.push({ perSecond: tps, requests: Math.round(tps * settings.pgbenchSeconds), failures: failed, p99Ms: NaN, entriesPerFiling: 0 });
        console.log(`  round ${round} pgbench    tpcb-like     ${tps.toFixed(0).padStart(6)} tps  (latency average ${latency} ms)`);
        continue;
      }
      const env: Record<string, string> = { BENCH_DB_URL: db.url, BENCH_POOL: String(db.poolSize) };
      if (variant === 'ledger') env.BENCH_LOG_SIGNER_KEY = settings.signerKey;
      else env.BENCH_LEDGER_OFF = '1';
      const profileDir = process.env.BENCH_CPU_PROF;
      const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`, `--cpu-prof-name=${variant}-${round}.cpuprofile`] : [];
      const { child, message } = await startChild('registry', env, profile);
      const port = message as number;
      try {
        await runLoad({ port, body: () => stream.request(), seconds: settings.warmupSeconds, connections: settings.connections });
        const [filings0, entries0] = [await count(db.url, 'select count(*) as n from filing'), await count(db.url, 'select count(*) as n from ledger_entry')];
        const load = await runLoad({ port, body: () => stream.request(), seconds: settings.seconds, connections: settings.connections });
        const [filings1, entries1] = [await count(db.url, 'select count(*) as n from filing'), await count(db.url, 'select count(*) as n from ledger_entry')];
        const stored = filings1 - filings0;
        const run = {
          perSecond: stored / settings.seconds,
          requests: load.requests,
          failures: load.failures + Math.max(0, load.requests - stored),
          p99Ms: load.p99Ms,
          entriesPerFiling: stored ? (entries1 - entries0) / stored : 0,
        };
        runs[variant].push(run);
        console.log(
          `  round ${round} ${variant.padEnd(10)} submitFiling  ${run.perSecond.toFixed(0).padStart(6)} filings/s  p99 ${run.p99Ms} ms  ` +
            `${run.entriesPerFiling.toFixed(1)} ledger entries per filing, ${run.failures} failed, ${stream.left} pairs left`,
        );
      } finally {
        await stopChild(child);
      }
    }
  }
  const rate = (v: Variant) => median(runs[v].map((r) => r.perSecond));
  return { runs, cost: 1 - rate('ledger') / rate('no-ledger'), ofPgbench: pgbench ? rate('ledger') / rate('pgbench') : null };
}

export function printLedger(result: LedgerResult, settings: LedgerSettings, database: string): void {
  const rows = [['variant', 'per s', 'p99 ms', 'entries/filing', 'vs no-ledger', 'target', '', 'per round', 'failed']];
  const rate = (v: Variant) => median(result.runs[v].map((r) => r.perSecond));
  for (const v of VARIANTS) {
    const runs = result.runs[v];
    if (!runs.length) continue;
    rows.push([
      v === 'pgbench' ? 'pgbench tpcb-like (tps)' : `submitFiling, ${v}`,
      rate(v).toFixed(0),
      v === 'pgbench' ? '' : String(median(runs.map((r) => r.p99Ms))),
      v === 'pgbench' ? '' : median(runs.map((r) => r.entriesPerFiling)).toFixed(1),
      `${(rate(v) / rate('no-ledger')).toFixed(2)}x`,
      v === 'ledger' ? `cost <= ${LEDGER_COST_GOAL * 100}%` : '',
      v === 'ledger' ? verdict(result.cost <= LEDGER_COST_GOAL) : '',
      runs.map((r) => r.perSecond.toFixed(0)).join(' / '),
      String(runs.reduce((sum, r) => sum + r.failures, 0)),
    ]);
  }
  printTable(
    `Medians of ${settings.rounds} interleaved rounds (${database}, ${settings.connections} connections, ${settings.seconds} s per registry run, pgbench -T ${settings.pgbenchSeconds}):`,
    rows,
    new Set([1, 2, 3, 4]),
  );
  console.log(`\n  ledger cost: ${(result.cost * 100).toFixed(1)}% of submitFiling throughput` + (result.ofPgbench === null ? '' : `; with the ledger, ${result.ofPgbench.toFixed(3)}x of pgbench tpcb-like tps`));
}

/** Settings of the `checkpoint` section. */
export interface CheckpointSettings {
  /** Writes started per second (open loop). */
  rate: number;
  seconds: number;
  signerKey: string;
  /** How often the bench looks at the latest checkpoint, in ms. */
  pollMs: number;
  /** Closed-loop writes (4 connections) before the timed ones. */
  warmupSeconds: number;
}

/** Latency percentiles in ms. */
interface Spread {
  p50: number;
  p99: number;
  max: number;
}

/**
 * Latencies to the first signed checkpoint covering a write, in ms: from its answer (its commit is
 * before, so this is a lower bound) and from the moment it was sent (an upper bound).
 */
export interface CheckpointResult {
  writes: number;
  fromAnswer: Spread;
  fromSent: Spread;
  failures: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * Starts the registry with its integrator (LOG_CHECKPOINT_INTERVAL_MS default, 500 ms), warms it up, submits
 * filings at a steady `rate` for `seconds` (open loop), and watches log_checkpoint every `pollMs` on a connection of its own: a
 * write's latency runs from its answer (with its receipt's log index) to the first moment a checkpoint
 * with a larger size is visible, i.e. what a client polling for its receipt's coveredBy would see.
 */
export async function measureCheckpointLatency(db: BenchDatabase, stream: FilingStream, settings: CheckpointSettings): Promise<CheckpointResult> {
  const { child, message } = await startChild('registry', { BENCH_DB_URL: db.url, BENCH_POOL: String(db.poolSize), BENCH_LOG_SIGNER_KEY: settings.signerKey });
  const port = message as number;
  // warm-up (rules compiled, connections open), so that a cold start's backlog does not delay the timed writes
  await runLoad({ port, body: () => stream.request(), seconds: settings.warmupSeconds, connections: 4 });
  const watcher = new Client({ connectionString: db.url });
  await watcher.connect();
  const waiting: { logIndex: number; sentAt: number; answeredAt: number }[] = [];
  const fromAnswer: number[] = [];
  const fromSent: number[] = [];
  let failures = 0;
  let loading = true;
  let lastAnswer = performance.now();
  try {
    const watch = (async () => {
      while (loading || waiting.length) {
        const size = Number((await watcher.query('select coalesce(max(size), 0) as size from log_checkpoint')).rows[0].size);
        const now = performance.now();
        for (let i = waiting.length - 1; i >= 0; i--) {
          if (waiting[i].logIndex >= size) continue;
          const [write] = waiting.splice(i, 1);
          fromAnswer.push(now - write.answeredAt);
          fromSent.push(now - write.sentAt);
        }
        if (!loading && waiting.length && now - lastAnswer > 60_000) throw new Error(`${waiting.length} writes not covered by a checkpoint after 60 s`);
        await new Promise((resolve) => setTimeout(resolve, settings.pollMs));
      }
    })();
    const writes: Promise<void>[] = [];
    const started = performance.now();
    for (let i = 0; i < settings.rate * settings.seconds; i++) {
      const due = started + (i * 1000) / settings.rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const { body, headers } = stream.request(true);
      const sentAt = performance.now();
      writes.push(
        fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
          .then((response) => response.json() as Promise<{ data?: { submitFiling: { receipt: { logIndex: string } | null } }; errors?: unknown }>)
          .then((answer) => {
            lastAnswer = performance.now();
            const receipt = answer.data?.submitFiling.receipt;
            if (answer.errors || !receipt) failures++;
            else waiting.push({ logIndex: Number(receipt.logIndex), sentAt, answeredAt: lastAnswer });
          }, () => void failures++),
      );
    }
    await Promise.all(writes);
    loading = false;
    await watch;
  } finally {
    loading = false;
    waiting.length = 0;
    await watcher.end().catch(() => undefined);
    await stopChild(child);
  }
  const spread = (values: number[]): Spread => {
    const sorted = [...values].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
  };
  return { writes: fromAnswer.length, fromAnswer: spread(fromAnswer), fromSent: spread(fromSent), failures };
}

export function printCheckpointLatency(result: CheckpointResult, settings: CheckpointSettings): void {
  printTable(
    `Checkpoint latency (${result.writes} writes at ${settings.rate}/s for ${settings.seconds} s, checkpoints watched every ${settings.pollMs} ms, ${result.failures} failed):`,
    [
      ['to the first signed checkpoint covering a write', 'p50 ms', 'p99 ms', 'max ms', 'target', ''],
      ...(
        [
          ['from its answer (commit is before: lower bound)', result.fromAnswer],
          ['from sending it (upper bound)', result.fromSent],
        ] as const
      ).map(([label, s]) => [label, s.p50.toFixed(0), s.p99.toFixed(0), s.max.toFixed(0), `p99 <= ${CHECKPOINT_P99_GOAL_MS} ms`, verdict(s.p99 <= CHECKPOINT_P99_GOAL_MS)]),
    ],
    new Set([1, 2, 3]),
  );
}
