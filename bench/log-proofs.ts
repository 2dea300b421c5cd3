import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { runVerify } from '../src/cli/verify';
import type { Context } from '../src/context';
import { connectOrm } from '../src/database/orm';
import { integrateLog } from '../src/modules/ledger/integrator';
import { LogResolver } from '../src/modules/ledger/log.resolver';
import { integratedSize } from '../src/modules/ledger/log-store';
import { formatVerifierKey, NoteSigningKey } from '../src/modules/ledger/note-keys';
import { startChild, stopChild } from './child-process';
import { BenchDatabase, openSectionDatabase } from './database';
import { median, printTable, verdict } from './table';

// The issue 7 log-size sections: inclusion and consistency proofs (`proofs`) and `verify replay` (`replay`)
// over a log of BENCH_LOG_ENTRIES entries (1,000,000), seeded in bulk in a database of their own.

/** Proof p99 target (issue 7), in milliseconds of server time. */
export const PROOF_P99_GOAL_MS = 10;
/** `verify replay` target for 1,000,000 entries (issue 7), in seconds. */
export const REPLAY_GOAL_SECONDS = 60;

const LOG_DATABASE = 'registry_bench_log';
/** Entries per seeding statement, and per integration (the integrator's own batch is 10,000). */
const SEED_CHUNK = 100_000;
const INTEGRATION_BATCH = 100_000;

/**
 * The database of the log sections: a fresh `registry_bench_log` beside `registry_bench` on the local
 * server (migrated), else the bench database itself (DATABASE_URL or PGlite), whose log the seed extends.
 */
export function openLogDatabase(db: BenchDatabase): Promise<BenchDatabase> {
  return openSectionDatabase(db, LOG_DATABASE);
}

/** How the log was built. */
export interface SeededLog {
  size: number;
  seedSeconds: number;
  integrateSeconds: number;
  entryBytes: number;
}

/**
 * Appends public entries until the log holds `entries`, in bulk SQL (ledger_entry's triggers refuse
 * updates and deletes, not inserts; log indexes are taken from log_state as appendEntries does), then runs
 * the real integrator (integrateLog, in batches of 100,000) until every entry is in a signed checkpoint.
 * Each entry is the RFC 8785 canonical JSON of an entry envelope (of `type`, `bench` unless given), its
 * record padded so the entry is about `entryBytes` long.
 */
export async function seedLog(db: BenchDatabase, key: NoteSigningKey, entries: number, entryBytes: number, type = 'bench'): Promise<SeededLog> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  const seedStarted = performance.now();
  try {
    for (;;) {
      const [{ next }] = (await client.query('select next::text as next from log_state where id = 1')).rows;
      const missing = entries - Number(next);
      if (missing <= 0) break;
      const n = Math.min(SEED_CHUNK, missing);
      // envelope keys in RFC 8785 order; the padding (hex) and numbers need no escaping
      const json = `'{"action":"seeded","actor":{"organisation":"system","role":null},"at":"2026-01-01T00:00:00.000Z","id":"bch_' || i || '","reason":null,"record":{"n":"' || i || '","padding":"' || left(repeat(md5(i::text), $3::int), $4::int) || '"},"type":"' || $5::text || '","version":1}'`;
      await client.query('begin');
      const [{ first }] = (await client.query('update log_state set next = next + $1 where id = 1 returning (next - $1)::text as first', [n])).rows;
      await client.query(
        `insert into ledger_entry (log_index, entity_type, entity_id, version, action, at, public, actor_organisation, actor_member_id, entry, entry_sha256)
         select i, $5::text, 'bch_' || i, 1, 'seeded', '2026-01-01T00:00:00Z', true, 'system', null, e, sha256(e)
         from (select i, convert_to(${json}, 'UTF8') as e from generate_series($1::bigint, $2::bigint) i) s`,
        [first, String(BigInt(first) + BigInt(n) - 1n), Math.ceil(entryBytes / 32) + 1, Math.max(1, entryBytes - 200), type],
      );
      await client.query('insert into log_write (first_index, tx) values ($1, 0)', [first]); // where this write starts, as appendEntries notes it
      await client.query('commit');
      process.stdout.write(`\r  seeded ${Number(first) + n} entries`);
    }
    process.stdout.write('\n');
  } finally {
    await client.end();
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const orm = await connectOrm(db.url, db.poolSize === 1);
  const integrateStarted = performance.now();
  try {
    for (;;) {
      const done = await integrateLog(orm, key, INTEGRATION_BATCH);
      if (!done) throw new Error('another integrator holds the log lock');
      process.stdout.write(`\r  integrated ${done.size} entries`);
      if (done.added < INTEGRATION_BATCH) break;
    }
    process.stdout.write('\n');
    const size = await integratedSize(orm.em.fork());
    const [{ avg }] = await orm.em.fork().getConnection().execute('select avg(length(entry))::int as avg from (select entry from ledger_entry where log_index is not null limit 1000) e');
    return { size, seedSeconds, integrateSeconds: (performance.now() - integrateStarted) / 1000, entryBytes: Number(avg) };
  } finally {
    await orm.close();
  }
}

/** Server time of the proof resolvers, per round. */
export interface ProofResult {
  size: number;
  inclusion: { p50: number; p99: number }[];
  consistency: { p50: number; p99: number }[];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * Times the GraphQL resolvers `logInclusionProof(logIndex, treeSize)` and `logConsistencyProof(fromSize,
 * toSize)` as the server runs them (the tree-size check and the subtree reads of each, on a fresh
 * request-scoped entity manager), one call at a time, `proofs` random ones per kind and round, the two kinds
 * interleaved by round. treeSize/toSize is the latest checkpoint's size, what a client holding it asks.
 */
export async function measureProofs(db: BenchDatabase, rounds: number, proofs: number): Promise<ProofResult> {
  const orm = await connectOrm(db.url, db.poolSize === 1);
  const resolver = new LogResolver();
  const context = () => ({ em: orm.em.fork() }) as unknown as Context;
  try {
    const size = await integratedSize(orm.em.fork());
    const result: ProofResult = { size, inclusion: [], consistency: [] };
    const time = async (call: () => Promise<string[]>) => {
      const times: number[] = [];
      for (let i = 0; i < proofs; i++) {
        const started = performance.now();
        const proof = await call();
        times.push(performance.now() - started);
        if (!proof.length && size > 1) throw new Error('empty proof');
      }
      times.sort((a, b) => a - b);
      return { p50: percentile(times, 50), p99: percentile(times, 99) };
    };
    const random = (below: number) => Math.floor(Math.random() * below);
    // warm-up: connections, JIT
    await time(() => resolver.logInclusionProof(BigInt(random(size)), BigInt(size), context()));
    for (let round = 1; round <= rounds; round++) {
      const inclusion = await time(() => resolver.logInclusionProof(BigInt(random(size)), BigInt(size), context()));
      const consistency = await time(() => resolver.logConsistencyProof(BigInt(1 + random(size - 1)), BigInt(size), context()));
      result.inclusion.push(inclusion);
      result.consistency.push(consistency);
      console.log(
        `  round ${round} inclusion p50 ${inclusion.p50.toFixed(2)} ms p99 ${inclusion.p99.toFixed(2)} ms; consistency p50 ${consistency.p50.toFixed(2)} ms p99 ${consistency.p99.toFixed(2)} ms`,
      );
    }
    return result;
  } finally {
    await orm.close();
  }
}

export function printProofs(result: ProofResult, rounds: number, proofs: number): void {
  const rows = [['proof', 'p50 ms', 'p99 ms', 'target', '', 'p99 per round']];
  for (const kind of ['inclusion', 'consistency'] as const) {
    const p99 = median(result[kind].map((r) => r.p99));
    rows.push([
      kind,
      median(result[kind].map((r) => r.p50)).toFixed(2),
      p99.toFixed(2),
      `p99 <= ${PROOF_P99_GOAL_MS} ms`,
      verdict(p99 <= PROOF_P99_GOAL_MS),
      result[kind].map((r) => r.p99.toFixed(2)).join(' / '),
    ]);
  }
  printTable(`Proof server time at ${result.size.toLocaleString('en')} entries (medians of ${rounds} interleaved rounds of ${proofs} random proofs each, one at a time):`, rows, new Set([1, 2]));
}

/** What `verify replay` reported. */
export interface ReplayResult {
  entries: number;
  seconds: number;
  tiles: number;
}

/**
 * Starts the registry on the log's database in a child process and runs `verify replay` (runVerify, the
 * CLI's code) against its HTTP listener with the verifier key, timed end to end.
 */
export async function measureReplay(db: BenchDatabase, key: NoteSigningKey): Promise<ReplayResult> {
  const { child, message } = await startChild('registry', { BENCH_DB_URL: db.url, BENCH_POOL: String(db.poolSize) });
  try {
    const lines: string[] = [];
    const started = performance.now();
    const code = await runVerify(['replay', '--url', `http://127.0.0.1:${message as number}`, '--key', formatVerifierKey(key), '--json'], {
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
    });
    const seconds = (performance.now() - started) / 1000;
    const answer = JSON.parse(lines[0] ?? '{}');
    if (code !== 0) throw new Error(`verify replay failed (exit ${code}): ${lines.join('\n')}`);
    return { entries: answer.treeSize, seconds, tiles: answer.tiles };
  } finally {
    await stopChild(child);
  }
}

export function printReplay(result: ReplayResult): void {
  const perMillion = (result.seconds * 1_000_000) / result.entries;
  printTable(
    'verify replay against the registry listener:',
    [
      ['entries', 'tiles and bundles', 'seconds', 's per 1,000,000', 'target', ''],
      [result.entries.toLocaleString('en'), String(result.tiles), result.seconds.toFixed(1), perMillion.toFixed(1), `<= ${REPLAY_GOAL_SECONDS} s per 1,000,000`, verdict(perMillion <= REPLAY_GOAL_SECONDS)],
    ],
    new Set([0, 1, 2, 3]),
  );
}
