/**
 * `npm run bench`, in three sections, each printing a table of medians against its target:
 *
 * - `platform(id)`, `platforms(first:50)`: the registry's two hot public reads against a raw node:http + pg
 *   baseline answering the same requests with the same SQL. Seeds 10,000 platforms, then runs interleaved
 *   rounds (registry, raw, registry, raw...), each server in its own child process (targets of ARCHITECTURE.md).
 * - `evaluation`: filings evaluated per second against the 25 seed rules, the registry's evaluation path
 *   beside the bare CEL library running the same compiled rules on the same stored filings (>= 0.5x).
 * - `reevaluation`: the time to re-evaluate 100,000 stored filings after a rule version is published, the
 *   real job body with its database work (< 10 s).
 * The last two share a seeded association (the seed rulebook, 5,000 platforms, 20 monthly filings each).
 * - `ledger`: submitFiling throughput with the ledger and log, against the same server with them switched
 *   off in the bench only (bench/ledger-off.ts), and pgbench's tpcb-like on the same database (ledger.ts).
 * - `checkpoint`: p50/p99 from a write's answer to the first signed checkpoint covering it, under steady writes.
 * - `proofs`, `replay`: inclusion and consistency proof server time, and `verify replay`, over a log of
 *   BENCH_LOG_ENTRIES entries seeded in bulk in a database of its own (log-proofs.ts).
 * - `feed`: the change feed read page by page by one client (>= 20,000 entries/s with its largest pages, 1,000;
 *   pages of 100 are timed beside them) and `/export/filings.ndjson`
 *   downloaded whole (>= 50,000 rows/s), over BENCH_FEED_ENTRIES filing entries (200,000) of
 *   BENCH_FEED_ENTRY_BYTES (2,400) in a database of its own (feed.ts).
 * - `search`: `search(query:..., first: 20)` with the hits' entities against the raw baseline sending the same
 *   statements (pageStatement), over BENCH_SEARCH_PLATFORMS (10,000) platforms with Chinese names, websites,
 *   custody banks and flags in a database of its own (seed-search.ts), for a fixed list of queries.
 * - `compare` (only when BENCH_ONLY names it: seeding takes minutes): `periodFigures` against the raw baseline
 *   over BENCH_COMPARE_PLATFORMS (10,000) platforms with BENCH_COMPARE_MONTHS (100) filings each (seed-compare.ts).
 *
 * Environment: DATABASE_URL (else a fresh `registry_bench` on the local server, else embedded PGlite),
 * BENCH_SECONDS (5), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (16), BENCH_ROUNDS (3), BENCH_EVAL_FILINGS
 * (2,000), BENCH_EVAL_ROUNDS (5), BENCH_EVAL_MS (1,000 per variant and round), BENCH_REEVAL_FILINGS (100,000),
 * BENCH_ONLY=<prefix>[,<prefix>...] to run only the queries or sections whose names start so (e.g.
 * `platform`, `evaluation,reevaluation`), BENCH_CPU_PROF=<dir> to write a V8 CPU profile of every server
 * child there (summarise it with bench/profile-summary.ts). Issue 7 sections: BENCH_LEDGER_PLATFORMS (150
 * filing platforms), BENCH_LEDGER_SECONDS (20 per run), BENCH_LEDGER_CONNECTIONS (4, pgbench's clients too),
 * BENCH_PGBENCH_SECONDS (10), BENCH_CHECKPOINT_RATE (20 writes/s), BENCH_CHECKPOINT_SECONDS
 * (30), BENCH_LOG_ENTRIES (1,000,000), BENCH_LOG_ENTRY_BYTES (2,400: about the mean public entry the
 * ledger section writes, flags and filings), BENCH_PROOFS (1,000 per kind and round), BENCH_PROOF_ROUNDS (3).
 */
import 'reflect-metadata';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Client } from 'pg';
import { connectOrm } from '../src/database/orm';
import { platformNameCursor } from '../src/modules/platforms/platform.queries';
import { PlatformOrder } from '../src/modules/platforms/platform.filters';
import { cpuMillis, startChild, stopChild } from './child-process';
import { BenchDatabase, migrateBenchDatabase, openBenchDatabase, openSectionDatabase } from './database';
import { Measurement, postOnce, runLoad } from './load';
import { EVALUATION_GOAL, measureEvaluation, printEvaluation } from './evaluation';
import { measureReevaluation, meetsGoal, printReevaluation, projectedSeconds, REEVALUATION_GOAL_SECONDS } from './reevaluation';
import { CHECKPOINT_P99_GOAL_MS, LEDGER_COST_GOAL, measureCheckpointLatency, measureLedger, printCheckpointLatency, printLedger, seedFilers } from './ledger';
import { measureProofs, measureReplay, openLogDatabase, printProofs, printReplay, PROOF_P99_GOAL_MS, REPLAY_GOAL_SECONDS, seedLog } from './log-proofs';
import { formatSignerKey, generateNoteKey } from '../src/modules/ledger/note-keys';
import { EXPORT_GOAL_PER_SECOND, FEED_GOAL_PER_SECOND, FEED_PAGES, measureFeed, printFeed } from './feed';
import { seedPlatforms } from './seed';
import { seedRulebookWorld } from './seed-filings';
import { seedCompareWorld } from './seed-compare';
import { searchQueries, seedSearchWorld } from './seed-search';
import { median, printTable, verdict } from './table';

const PLATFORMS = 10_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PROFILE_DIR = process.env.BENCH_CPU_PROF;
const EVAL_FILINGS = Number(process.env.BENCH_EVAL_FILINGS ?? 2000);
const EVAL_ROUNDS = Number(process.env.BENCH_EVAL_ROUNDS ?? 5);
const EVAL_MS = Number(process.env.BENCH_EVAL_MS ?? 1000);
const REEVAL_FILINGS = Number(process.env.BENCH_REEVAL_FILINGS ?? 100_000);
const LEDGER_PLATFORMS = Number(process.env.BENCH_LEDGER_PLATFORMS ?? 150);
const LEDGER_SECONDS = Number(process.env.BENCH_LEDGER_SECONDS ?? 20);
const LEDGER_CONNECTIONS = Number(process.env.BENCH_LEDGER_CONNECTIONS ?? 4);
const PGBENCH_SECONDS = Number(process.env.BENCH_PGBENCH_SECONDS ?? 10);
const CHECKPOINT_RATE = Number(process.env.BENCH_CHECKPOINT_RATE ?? 20);
const CHECKPOINT_SECONDS = Number(process.env.BENCH_CHECKPOINT_SECONDS ?? 30);
const LOG_ENTRIES = Number(process.env.BENCH_LOG_ENTRIES ?? 1_000_000);
const LOG_ENTRY_BYTES = Number(process.env.BENCH_LOG_ENTRY_BYTES ?? 2400);
const PROOFS = Number(process.env.BENCH_PROOFS ?? 1000);
const PROOF_ROUNDS = Number(process.env.BENCH_PROOF_ROUNDS ?? 3);
const FEED_ENTRIES = Number(process.env.BENCH_FEED_ENTRIES ?? 200_000);
const FEED_ENTRY_BYTES = Number(process.env.BENCH_FEED_ENTRY_BYTES ?? 2400);
const COMPARE_PLATFORMS = Number(process.env.BENCH_COMPARE_PLATFORMS ?? 10_000);
const COMPARE_MONTHS = Number(process.env.BENCH_COMPARE_MONTHS ?? 100);
const SEARCH_PLATFORMS = Number(process.env.BENCH_SEARCH_PLATFORMS ?? 10_000);
const SEARCH_DATABASE = 'registry_bench_search';
const SEARCH_QUERY =
  'query($search: String!){ search(query:$search, first:20){ totalCount pageInfo { hasNextPage } nodes { kind id score matchedField matchedText node { __typename ' +
  '... on Platform { id legalName registryStatus } ... on Rule { id code } ... on Flag { id ruleCode severity status } } } } }';
const COMPARE_INDICATORS = ['OVERDUE_RATE_BPS', 'OUTSTANDING_PRINCIPAL_MINOR', 'TOP10_BORROWER_SHARE_BPS', 'OUTSTANDING_PRINCIPAL_GROWTH_BPS'];
const COMPARE_QUERY =
  'query($period: String!, $indicator: Indicator!){ periodFigures(period:$period, indicator:$indicator, first:20){ stats { count p10 median p90 } figures { nodes { value platform { id legalName } } } } }';
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').map((prefix) => prefix.trim()).filter(Boolean);

/** Whether BENCH_ONLY selects a query or section. */
const selected = (name: string) => !ONLY.length || ONLY.some((prefix) => name.startsWith(prefix));

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
  /** Fixed requests whose answers must be the same from both servers. */
  checks: string[];
}

/** One measured run, with the server child's CPU time per request (user + system). */
type Run = Measurement & { cpuMsPerRequest: number };

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)];

async function main(): Promise<void> {
  const db = await openBenchDatabase();
  console.log(`Database: ${db.kind}${db.kind === 'embedded PGlite' ? ' (no PostgreSQL server reachable: one connection, figures are indicative only)' : ''}`);
  const summary: string[] = [];
  try {
    await migrateBenchDatabase(db);
    if (selected('platform(id)') || selected('platforms(first:50)')) summary.push(...(await benchHttp(db)));
    if (selected('evaluation') || selected('reevaluation')) summary.push(...(await benchRules(db)));
    if (selected('ledger') || selected('checkpoint')) summary.push(...(await benchLedger(db)));
    if (selected('proofs') || selected('replay')) summary.push(...(await benchLog(db)));
    if (selected('feed')) summary.push(...(await benchFeed(db)));
    if (selected('search')) summary.push(...(await benchSearch(db)));
    if (ONLY.some((prefix) => 'compare'.startsWith(prefix) || prefix.startsWith('compare'))) summary.push(...(await benchCompare(db)));
  } finally {
    if (db.host) await stopChild(db.host);
  }
  console.log(`\nSummary (${db.kind}):`);
  for (const line of summary) console.log(`  ${line}`);
}

/** The HTTP section: the selected public reads, registry against the raw baseline. */
async function benchHttp(db: BenchDatabase): Promise<string[]> {
  const { ids, cursors } = await prepareData(db.url);
  console.log(`Benchmarking over ${ids.length} platforms: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s (after ${WARMUP_SECONDS} s warm-up) per query and server`);
  const allScenarios: Scenario[] = [
    {
      name: 'platform(id)',
      goal: 0.4,
      body: () => JSON.stringify({ query: PLATFORM_QUERY, variables: { id: pick(ids) } }),
      checks: [JSON.stringify({ query: PLATFORM_QUERY, variables: { id: ids[0] } })],
    },
    {
      name: 'platforms(first:50)',
      goal: 0.35,
      body: () => JSON.stringify({ query: PAGE_QUERY, variables: { after: pick(cursors) } }),
      checks: [JSON.stringify({ query: PAGE_QUERY, variables: { after: cursors[1] } })],
    },
  ];
  return compareServers(allScenarios.filter((s) => selected(s.name)), db);
}

/**
 * The comparison section (opt-in: BENCH_ONLY=compare, its seeding takes minutes): seeds COMPARE_PLATFORMS
 * platforms with COMPARE_MONTHS filings each through the bulk write path, then runs `periodFigures` for a
 * random month and indicator against the raw baseline sending the same statement.
 */
async function benchCompare(db: BenchDatabase): Promise<string[]> {
  const orm = await connectOrm(db.url, db.poolSize === 1);
  const started = Date.now();
  const world = await seedCompareWorld(orm, COMPARE_PLATFORMS, COMPARE_MONTHS).finally(() => orm.close());
  console.log(`\nCompare world ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${world.platforms} platforms, ${world.filings} filings over ${world.periods[0]}..${world.periods.at(-1)}`);
  const variables = () => ({ period: pick(world.periods), indicator: pick(COMPARE_INDICATORS) });
  const scenario: Scenario = {
    name: 'compare: periodFigures',
    goal: 0.5,
    body: () => JSON.stringify({ query: COMPARE_QUERY, variables: variables() }),
    checks: [JSON.stringify({ query: COMPARE_QUERY, variables: { period: world.periods[0], indicator: COMPARE_INDICATORS[0] } })],
  };
  return compareServers([scenario], db);
}

/**
 * The search section: seeds SEARCH_PLATFORMS platforms with flags in a database of its own, then runs
 * `search(first: 20)` with each hit's entity for a query drawn from a fixed list, against the raw baseline
 * sending the same statements.
 */
async function benchSearch(db: BenchDatabase): Promise<string[]> {
  const searchDb = await openSectionDatabase(db, SEARCH_DATABASE);
  const orm = await connectOrm(searchDb.url, searchDb.poolSize === 1);
  const started = Date.now();
  const world = await seedSearchWorld(orm, SEARCH_PLATFORMS).finally(() => orm.close());
  const queries = searchQueries(world);
  console.log(`\nSearch world ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${world.platforms} platforms, ${world.rules} rules, ${world.flags} flags; queries ${queries.join(' | ')}`);
  const scenario: Scenario = {
    name: 'search(first:20)',
    goal: 0.5,
    body: () => JSON.stringify({ query: SEARCH_QUERY, variables: { search: pick(queries) } }),
    checks: queries.map((search) => JSON.stringify({ query: SEARCH_QUERY, variables: { search } })),
  };
  return compareServers([scenario], searchDb);
}

/** Interleaved rounds of each scenario on the registry and the raw baseline; prints the table and returns summary lines. */
async function compareServers(scenarios: Scenario[], db: BenchDatabase): Promise<string[]> {
  const results = new Map<string, Run[]>();
  const answers = new Map<Target, unknown[]>();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const target of TARGETS) {
      const runs = await measureServer(target, round, scenarios, db, (checked) => answers.set(target, checked));
      runs.forEach((run, i) => results.set(`${scenarios[i].name}/${target}`, [...(results.get(`${scenarios[i].name}/${target}`) ?? []), run]));
    }
    if (round === 1) checkSameAnswers(answers, scenarios);
  }
  printHttpTable(scenarios, results, db.kind);
  return scenarios.map((s) => {
    const rps = (t: Target) => median((results.get(`${s.name}/${t}`) ?? []).map((m) => m.rps));
    const ratio = rps('registry') / rps('raw');
    return `${s.name}: registry ${ratio.toFixed(2)}x of raw (target >= ${s.goal.toFixed(2)}x) ${verdict(ratio >= s.goal)}`;
  });
}

/**
 * The rule sections, on one ORM in this process: seeds (or finds) the rulebook association with
 * REEVAL_FILINGS filings, then measures evaluation throughput and re-evaluation after a publication.
 */
async function benchRules(db: BenchDatabase): Promise<string[]> {
  const orm = await connectOrm(db.url, db.poolSize === 1);
  const summary: string[] = [];
  try {
    const started = Date.now();
    const world = await seedRulebookWorld(orm, REEVAL_FILINGS);
    console.log(`\nRulebook association ready in ${((Date.now() - started) / 1000).toFixed(1)} s: the seed rulebook, ${world.filings} filings over ${world.periods[0]}..${world.periods[world.periods.length - 1]}`);
    if (selected('evaluation')) {
      console.log(`Evaluation: ${EVAL_FILINGS} stored filings, ${EVAL_ROUNDS} interleaved rounds of ${EVAL_MS} ms per variant`);
      const result = await measureEvaluation(orm, world, EVAL_FILINGS, EVAL_ROUNDS, EVAL_MS);
      printEvaluation(result, EVAL_MS);
      summary.push(`evaluation: registry ${result.ratio.toFixed(2)}x of the bare engine (target >= ${EVALUATION_GOAL.toFixed(2)}x) ${verdict(result.ratio >= EVALUATION_GOAL)}`);
    }
    if (selected('reevaluation')) {
      console.log(`\nRe-evaluation: publishing a stricter POOL-001 and running the job over ${world.filings} filings...`);
      const result = await measureReevaluation(orm, world);
      printReevaluation(result, db.kind);
      const projected = result.filings === 100_000 ? '' : `, ${projectedSeconds(result).toFixed(1)} s per 100,000`;
      summary.push(`reevaluation: ${result.filings} filings in ${result.seconds.toFixed(1)} s${projected} (target < ${REEVALUATION_GOAL_SECONDS} s per 100,000) ${verdict(meetsGoal(result))}`);
    }
  } finally {
    await orm.close();
  }
  return summary;
}

/** The issue 7 write sections: the ledger's cost to submitFiling, and checkpoint latency under steady writes. */
async function benchLedger(db: BenchDatabase): Promise<string[]> {
  const summary: string[] = [];
  const signerKey = formatSignerKey(generateNoteKey('bench.localhost/finreg-registry'));
  const started = Date.now();
  const stream = await seedFilers(db, LEDGER_PLATFORMS);
  console.log(`\nLedger: ${LEDGER_PLATFORMS} approved platforms with filers ready in ${((Date.now() - started) / 1000).toFixed(1)} s (the seed rulebook; each request files a new month)`);
  if (selected('ledger')) {
    const settings = { rounds: ROUNDS, seconds: LEDGER_SECONDS, warmupSeconds: WARMUP_SECONDS, connections: LEDGER_CONNECTIONS, pgbenchSeconds: PGBENCH_SECONDS, signerKey };
    const result = await measureLedger(db, stream, settings);
    printLedger(result, settings, db.kind);
    const pg = result.ofPgbench === null ? '' : `; ${result.ofPgbench.toFixed(3)}x of pgbench tpcb-like`;
    summary.push(`ledger: costs submitFiling ${(result.cost * 100).toFixed(1)}% (target <= ${LEDGER_COST_GOAL * 100}%) ${verdict(result.cost <= LEDGER_COST_GOAL)}${pg}`);
  }
  if (selected('checkpoint')) {
    console.log(`\nCheckpoint latency: ${CHECKPOINT_RATE} submitFiling/s for ${CHECKPOINT_SECONDS} s, integrator every 500 ms...`);
    const settings = { rate: CHECKPOINT_RATE, seconds: CHECKPOINT_SECONDS, signerKey, pollMs: 10, warmupSeconds: Math.max(WARMUP_SECONDS, 5) };
    const result = await measureCheckpointLatency(db, stream, settings);
    printCheckpointLatency(result, settings);
    const { fromAnswer: answer, fromSent: sent } = result;
    summary.push(
      `checkpoint: p50 ${answer.p50.toFixed(0)}..${sent.p50.toFixed(0)} ms, p99 ${answer.p99.toFixed(0)}..${sent.p99.toFixed(0)} ms from answer..sending ` +
        `(target p99 <= ${CHECKPOINT_P99_GOAL_MS} ms) ${verdict(sent.p99 <= CHECKPOINT_P99_GOAL_MS)}`,
    );
  }
  return summary;
}

/** The issue 7 log-size sections, on a log of LOG_ENTRIES entries in a database of its own. */
async function benchLog(db: BenchDatabase): Promise<string[]> {
  const summary: string[] = [];
  const key = generateNoteKey('bench.localhost/finreg-registry');
  const logDb = await openLogDatabase(db);
  console.log(`\nLog: seeding ${LOG_ENTRIES.toLocaleString('en')} entries of about ${LOG_ENTRY_BYTES} bytes and integrating them...`);
  const seeded = await seedLog(logDb, key, LOG_ENTRIES, LOG_ENTRY_BYTES);
  console.log(`  ${seeded.size.toLocaleString('en')} entries (${seeded.entryBytes} bytes each on average): seeded in ${seeded.seedSeconds.toFixed(1)} s, integrated in ${seeded.integrateSeconds.toFixed(1)} s`);
  const size = seeded.size.toLocaleString('en');
  if (selected('proofs')) {
    const result = await measureProofs(logDb, PROOF_ROUNDS, PROOFS);
    printProofs(result, PROOF_ROUNDS, PROOFS);
    for (const kind of ['inclusion', 'consistency'] as const) {
      const p99 = median(result[kind].map((r) => r.p99));
      summary.push(`proofs: ${kind} p99 ${p99.toFixed(2)} ms at ${size} entries (target <= ${PROOF_P99_GOAL_MS} ms) ${verdict(p99 <= PROOF_P99_GOAL_MS)}`);
    }
  }
  if (selected('replay')) {
    console.log('\nverify replay...');
    const result = await measureReplay(logDb, key);
    printReplay(result);
    const perMillion = (result.seconds * 1_000_000) / result.entries;
    summary.push(`replay: ${result.entries.toLocaleString('en')} entries in ${result.seconds.toFixed(1)} s (target <= ${REPLAY_GOAL_SECONDS} s per 1,000,000) ${verdict(perMillion <= REPLAY_GOAL_SECONDS)}`);
  }
  return summary;
}

/** The issue 9 section: the change feed's read rate and the filings export's row rate. */
async function benchFeed(db: BenchDatabase): Promise<string[]> {
  const result = await measureFeed(db, FEED_ENTRIES, FEED_ENTRY_BYTES, ROUNDS);
  printFeed(result);
  const feed = median(result.feed);
  const exported = median(result.exportRows);
  return [
    `feed: changes(first: ${FEED_PAGES.full}) ${feed.toFixed(0)} entries/s, one client (target >= ${FEED_GOAL_PER_SECOND.toLocaleString('en')}) ${verdict(feed >= FEED_GOAL_PER_SECOND)}; ` +
      `by pages of ${FEED_PAGES.small} ${median(result.smallPages).toFixed(0)}`,
    `feed: filings.ndjson ${exported.toFixed(0)} rows/s (target >= ${EXPORT_GOAL_PER_SECOND.toLocaleString('en')}) ${verdict(exported >= EXPORT_GOAL_PER_SECOND)}`,
  ];
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
    if (round === 1) onChecked(await Promise.all(scenarios.flatMap((s) => s.checks.map((check) => postOnce(port, check)))));
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
  const cursors = [null, ...rows.filter((_, i) => i % 50 === 49 && i < rows.length - 1).map((r) => platformNameCursor(PlatformOrder.NAME_ASC, r.legal_name, r.id))];
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
  const names = scenarios.flatMap((s) => s.checks.map(() => s.name));
  names.forEach((name, i) => {
    if (!isDeepStrictEqual(registry[i], raw[i])) {
      throw new Error(`registry and raw answer ${name} differently:\n${JSON.stringify(registry[i]).slice(0, 500)}\n${JSON.stringify(raw[i]).slice(0, 500)}`);
    }
  });
  console.log(`  registry and raw baseline return the same JSON for every query (${names.length} checked)`);
}

function printHttpTable(scenarios: Scenario[], results: Map<string, Run[]>, database: string): void {
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
        isRegistry ? verdict(ratio >= s.goal) : '',
        runs.map((m) => m.rps.toFixed(0)).join(' / '),
        String(runs.reduce((sum, m) => sum + m.failures, 0)),
      ]);
    }
  }
  printTable(`Medians of ${ROUNDS} interleaved rounds (${database}, ${CONNECTIONS} connections, ${SECONDS} s each):`, rows, new Set([2, 3, 4, 5]));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
