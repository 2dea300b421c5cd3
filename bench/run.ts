/**
 * `npm run bench`: the registry's two hot public reads against a raw node:http + pg baseline answering
 * the same requests with the same SQL. Seeds 10,000 platforms, then runs interleaved rounds (registry,
 * raw, registry, raw...), each server in its own child process, and prints medians and registry/raw
 * ratios against the targets of ARCHITECTURE.md.
 *
 * Environment: DATABASE_URL (else a fresh `registry_bench` on the local server, else embedded PGlite),
 * BENCH_SECONDS (5), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (16), BENCH_ROUNDS (3), and
 * BENCH_CPU_PROF=<dir> to write a V8 CPU profile of every server child there.
 */
import 'reflect-metadata';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Client } from 'pg';
import { encodeCursor } from '../src/shared/pagination';
import { startChild, stopChild } from './child-process';
import { migrateBenchDatabase, openBenchDatabase } from './database';
import { Measurement, postOnce, runLoad } from './load';
import { seedPlatforms } from './seed';

const PLATFORMS = 10_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PROFILE_DIR = process.env.BENCH_CPU_PROF;

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

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const db = await openBenchDatabase();
  console.log(`Database: ${db.kind}${db.kind === 'embedded PGlite' ? ' (no PostgreSQL server reachable: one connection, figures are indicative only)' : ''}`);
  try {
    await migrateBenchDatabase(db);
    const { ids, cursors } = await prepareData(db.url);
    const scenarios: Scenario[] = [
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
    const results = new Map<string, Measurement[]>();
    const answers = new Map<Target, unknown[]>();
    for (let round = 1; round <= ROUNDS; round++) {
      for (const target of TARGETS) {
        const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE_DIR)}`, `--cpu-prof-name=${target}-${round}.cpuprofile`] : [];
        const { child, message } = await startChild(target, { BENCH_DB_URL: db.url, BENCH_POOL: String(db.poolSize) }, profile);
        const port = message as number;
        try {
          if (round === 1) answers.set(target, await Promise.all(scenarios.map((s) => postOnce(port, s.check))));
          for (const s of scenarios) await runLoad({ port, body: s.body, seconds: WARMUP_SECONDS, connections: CONNECTIONS });
          for (const s of scenarios) {
            const measured = await runLoad({ port, body: s.body, seconds: SECONDS, connections: CONNECTIONS });
            results.set(`${s.name}/${target}`, [...(results.get(`${s.name}/${target}`) ?? []), measured]);
            console.log(`  round ${round} ${target.padEnd(8)} ${s.name.padEnd(20)} ${measured.rps.toFixed(0).padStart(6)} req/s  p99 ${measured.p99Ms} ms`);
          }
        } finally {
          await stopChild(child);
        }
      }
      if (round === 1) checkSameAnswers(answers, scenarios);
    }
    printTable(scenarios, results, db.kind);
  } finally {
    if (db.host) await stopChild(db.host);
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

function printTable(scenarios: Scenario[], results: Map<string, Measurement[]>, database: string): void {
  const rows = [['query', 'server', 'req/s', 'p99 ms', 'ratio', 'target', '', 'req/s per round', 'failures']];
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
    console.log(row.map((cell, c) => (c >= 2 && c <= 4 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd());
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
