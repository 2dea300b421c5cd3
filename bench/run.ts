/**
 * `npm run bench`: the registry's two hot public reads against a raw node:http + pg baseline answering
 * the same requests with the same SQL. Seeds 10,000 platforms, then runs interleaved rounds (registry,
 * raw, registry, raw...), each server in its own child process, and prints medians and registry/raw
 * ratios against the targets of ARCHITECTURE.md.
 *
 * Environment: DATABASE_URL (else a fresh `registry_bench` on the local server, else embedded PGlite),
 * BENCH_SECONDS (5), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (16), BENCH_ROUNDS (3), and
 * BENCH_ONLY=<query name prefix> to run one query, BENCH_CPU_PROF=<dir> to write a V8 CPU profile of every
 * server child there (summarise it with bench/profile-summary.ts).
 */
import 'reflect-metadata';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Client } from 'pg';
import { encodeCursor } from '../src/shared/pagination';
import { cpuMillis, startChild, stopChild } from './child-process';
import { BenchDatabase, migrateBenchDatabase, openBenchDatabase } from './database';
import { Measurement, postOnce, runLoad } from './load';
import { seedPlatforms } from './seed';

const PLATFORMS = 10_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PROFILE_DIR = process.env.BENCH_CPU_PROF;
const ONLY = process.env.BENCH_ONLY ?? '';

const PLATFORM_QUERY =
  'query($id: ID!){ platform(id:$id){ id legalName uscc registryStatus registeredCapitalMinor qualifications { type validTo } } }';
const PAGE_QUERY =
  'query($after: String){ platforms(first:50, after:$after){ nodes { id legalName registryStatus qualifications { type validTo } } } }';

const TARGETS = ['registry', 'raw'] as const;
type Target = (typeof TARGETS)[number];

interface Scenario {
  name: string;
  /** Lowest acceptable registry/raw throughput ratio. */
  goal: number;
  body: () => string;
  /** A fixed request whose answer must be the same from both servers. */
  check: string;
}

/** One measured run, with the server child's CPU time per request (user + system). */
type Run = Measurement & { cpuMsPerRequest: number };

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const db = await openBenchDatabase();
  console.log(`Database: ${db.kind}${db.kind === 'embedded PGlite' ? ' (no PostgreSQL server reachable: one connection, figures are indicative only)' : ''}`);
  try {
    await migrateBenchDatabase(db);
    const { ids, cursors } = await prepareData(db.url);
    const allScenarios: Scenario[] = [
      {
        name: 'platform(id)',
        goal: 0.4,
        body: () => JSON.stringify({ query: PLATFORM_QUERY, variables: { id: pick(ids) } }),
        check: JSON.stringify({ query: PLATFORM_QUERY, variables: { id: ids[0] } }),
      },
      {
        name: 'platforms(first:50)',
        goal: 0.35,
        body: () => JSON.stringify({ query: PAGE_QUERY, variables: { after: pick(cursors) } }),
        check: JSON.stringify({ query: PAGE_QUERY, variables: { after: cursors[1] } }),
      },
    ];
    const scenarios = allScenarios.filter((s) => s.name.startsWith(ONLY));
    const results = new Map<string, Run[]>();
    const answers = new Map<Target, unknown[]>();
    for (let round = 1; round <= ROUNDS; round++) {
      for (const target of TARGETS) {
        const runs = await measureServer(target, round, scenarios, db, (checked) => answers.set(target, checked));
        runs.forEach((run, i) => results.set(`${scenarios[i].name}/${target}`, [...(results.get(`${scenarios[i].name}/${target}`) ?? []), run]));
      }
      if (round === 1) checkSameAnswers(answers, scenarios);
    }
    printTable(scenarios, results, db.kind);
  } finally {
    if (db.host) await stopChild(db.host);
  }
}

/**
 * One round for one server: starts it in a child process, hands the answers to the check requests to
 * `onChecked` (first round only), warms it up, then measures each scenario in turn and stops it.
 */
async function measureServer(target: Target, round: number, scenarios: Scenario[], db: BenchDatabase, onChecked: (answers: unknown[]) => void): Promise<Run[]> {
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE_DIR)}`, `--cpu-prof-name=${target}-${round}.cpuprofile`] : [];
  const { child, message } = await startChild(target, { BENCH_DB_URL: db.url, BENCH_POOL: String(db.poolSize) }, profile);
  const port = message as number;
  try {
    if (round === 1) onChecked(await Promise.all(scenarios.map((s) => postOnce(port, s.check))));
    for (const s of scenarios) await runLoad({ port, body: s.body, seconds: WARMUP_SECONDS, connections: CONNECTIONS });
    const runs: Run[] = [];
    for (const s of scenarios) {
      const cpuBefore = await cpuMillis(child);
      const load = await runLoad({ port, body: s.body, seconds: SECONDS, connections: CONNECTIONS });
      const run = { ...load, cpuMsPerRequest: ((await cpuMillis(child)) - cpuBefore) / load.requests };
      console.log(`  round ${round} ${target.padEnd(8)} ${s.name.padEnd(20)} ${run.rps.toFixed(0).padStart(6)} req/s  p99 ${run.p99Ms} ms  server CPU ${run.cpuMsPerRequest.toFixed(2)} ms/req`);
      runs.push(run);
    }
    return runs;
  } finally {
    await stopChild(child);
  }
}

/** Seeds up to PLATFORMS platforms; returns every id and the cursors of every 50-row page (null: first page). */
async function prepareData(url: string): Promise<{ ids: string[]; cursors: (string | null)[] }> {
  const existing = Number((await queryOnce(url, 'select count(*) from platform'))[0].count);
  if (existing < PLATFORMS) {
    const started = Date.now();
    await seedPlatforms(url, PLATFORMS - existing);
    console.log(`Seeded ${PLATFORMS - existing} platforms in ${Date.now() - started} ms`);
  }
  const rows = await queryOnce(url, 'select id, legal_name from platform order by legal_name, id');
  console.log(`Benchmarking over ${rows.length} platforms: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s (after ${WARMUP_SECONDS} s warm-up) per query and server`);
  const cursors = [null, ...rows.filter((_, i) => i % 50 === 49 && i < rows.length - 1).map((r) => encodeCursor([r.legal_name, r.id]))];
  return { ids: rows.map((r) => r.id as string), cursors };
}

/** Runs one statement on a connection of its own (PGlite serves one connection at a time). */
async function queryOnce(url: string, sql: string): Promise<Record<string, string>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function checkSameAnswers(answers: Map<Target, unknown[]>, scenarios: Scenario[]): void {
  const [registry, raw] = TARGETS.map((t) => answers.get(t) as unknown[]);
  scenarios.forEach((s, i) => {
    if (!isDeepStrictEqual(registry[i], raw[i])) {
      throw new Error(`registry and raw answer ${s.name} differently:\n${JSON.stringify(registry[i]).slice(0, 500)}\n${JSON.stringify(raw[i]).slice(0, 500)}`);
    }
  });
  console.log('  registry and raw baseline return the same JSON for both queries');
}

function printTable(scenarios: Scenario[], results: Map<string, Run[]>, database: string): void {
  const rows = [['query', 'server', 'req/s', 'p99 ms', 'CPU ms/req', 'ratio', 'target', '', 'req/s per round', 'failures']];
  for (const s of scenarios) {
    const rps = (t: Target) => median((results.get(`${s.name}/${t}`) ?? []).map((m) => m.rps));
    const ratio = rps('registry') / rps('raw');
    for (const t of TARGETS) {
      const runs = results.get(`${s.name}/${t}`) ?? [];
      const isRegistry = t === 'registry';
      rows.push([
        s.name,
        t,
        rps(t).toFixed(0),
        String(median(runs.map((m) => m.p99Ms))),
        median(runs.map((m) => m.cpuMsPerRequest)).toFixed(2),
        isRegistry ? `${ratio.toFixed(2)}x` : '1.00x',
        isRegistry ? `>= ${s.goal.toFixed(2)}x` : '',
        isRegistry ? (ratio >= s.goal ? 'OK' : 'MISS') : '',
        runs.map((m) => m.rps.toFixed(0)).join(' / '),
        String(runs.reduce((sum, m) => sum + m.failures, 0)),
      ]);
    }
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  console.log(`\nMedians of ${ROUNDS} interleaved rounds (${database}, ${CONNECTIONS} connections, ${SECONDS} s each):\n`);
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => (c >= 2 && c <= 5 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd());
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
