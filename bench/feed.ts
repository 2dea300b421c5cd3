import path from 'node:path';
import { Client } from 'pg';
import { FEED_MAX_PAGE } from '../src/modules/feed/changes.resolver';
import { generateNoteKey } from '../src/modules/ledger/note-keys';
import { startChild, stopChild } from './child-process';
import { BenchDatabase, openSectionDatabase } from './database';
import { seedLog } from './log-proofs';
import { printTable } from './table';

/** Targets of issue 9: the change feed read by one client, and all filings exported as NDJSON. */
export const FEED_GOAL_PER_SECOND = 20_000;
export const EXPORT_GOAL_PER_SECOND = 50_000;

/** Entries read once before the timed rounds. */
const WARMUP_ENTRIES = 20_000;
const FEED_DATABASE = 'registry_bench_feed';
/** The feed read in pages of `first`, every field of every entry. */
const changesQuery = (first: number) =>
  `query($after: String){ changes(first: ${first}, after: $after){ pageInfo { hasNextPage endCursor } nodes { logIndex entityType entityId version action at actor { organisation role } reason record } } }`;
/** Page sizes timed: the feed's largest (the target's), and other lists' largest for comparison. */
export const FEED_PAGES = { full: FEED_MAX_PAGE, small: 100 };

/** What the feed and export sections measured, per round. */
export interface FeedResult {
  entries: number;
  entryBytes: number;
  /** Entries/s reading with pages of FEED_PAGES.full, then of FEED_PAGES.small. */
  feed: number[];
  smallPages: number[];
  exportRows: number[];
  exportMegabytes: number[];
  manifestSeconds: number;
}

/**
 * Seeds `entries` public `filing` entries of about `entryBytes` (a database of its own on the local
 * server, else the bench database) with a signed checkpoint over them, starts the registry in a child
 * process, and per round: reads the whole feed page after page as one client, with pages of 1,000 then of 100
 * (entries/s), and downloads `/export/filings.ndjson` (rows/s, checked against the seeded count). Then it
 * times the manifest (every set, both formats, hashed).
 */
export async function measureFeed(db: BenchDatabase, entries: number, entryBytes: number, rounds: number): Promise<FeedResult> {
  const feedDb = await openSectionDatabase(db, FEED_DATABASE);
  console.log(`\nFeed and export: seeding ${entries.toLocaleString('en')} filing entries of about ${entryBytes} bytes...`);
  const seeded = await seedLog(feedDb, generateNoteKey('bench.localhost/finreg-registry'), entries, entryBytes, 'filing');
  const [filings] = await query(feedDb.url, `select count(*)::int as n from ledger_entry where entity_type = 'filing' and log_index < ${seeded.size}`);
  const profileDir = process.env.BENCH_CPU_PROF;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`, '--cpu-prof-name=feed.cpuprofile'] : [];
  const { child, message } = await startChild('registry', { BENCH_DB_URL: feedDb.url, BENCH_POOL: String(feedDb.poolSize) }, profile);
  const base = `http://127.0.0.1:${message as number}`;
  const result: FeedResult = { entries: seeded.size, entryBytes: seeded.entryBytes, feed: [], smallPages: [], exportRows: [], exportMegabytes: [], manifestSeconds: 0 };
  try {
    // warm-up, as every section has: the first pages also compile the server's code paths
    await readFeed(base, Math.min(seeded.size, WARMUP_ENTRIES), FEED_PAGES.full);
    for (let round = 1; round <= rounds; round++) {
      result.feed.push(await readFeed(base, seeded.size, FEED_PAGES.full));
      result.smallPages.push(await readFeed(base, seeded.size, FEED_PAGES.small));
      const exported = await download(`${base}/export/filings.ndjson?size=${seeded.size}`);
      if (exported.rows !== filings.n) throw new Error(`exported ${exported.rows} filings, the ledger holds ${filings.n}`);
      result.exportRows.push(exported.rows / exported.seconds);
      result.exportMegabytes.push(exported.bytes / 1e6 / exported.seconds);
      console.log(`  round ${round}: feed ${result.feed[round - 1].toFixed(0)} entries/s (${result.smallPages[round - 1].toFixed(0)} by 100), export ${result.exportRows[round - 1].toFixed(0)} rows/s`);
    }
    const started = performance.now();
    const response = await fetch(`${base}/export/manifest.json?size=${seeded.size}`);
    if (!response.ok) throw new Error(`manifest: ${response.status}`);
    result.manifestSeconds = (performance.now() - started) / 1000;
  } finally {
    await stopChild(child);
  }
  return result;
}

/** Prints the rounds' figures. */
export function printFeed(result: FeedResult): void {
  const rows = result.feed.map((feed, i) => [String(i + 1), feed.toFixed(0), result.smallPages[i].toFixed(0), result.exportRows[i].toFixed(0), result.exportMegabytes[i].toFixed(1)]);
  printTable(
    `Feed and export over ${result.entries.toLocaleString('en')} entries of ${result.entryBytes} bytes (manifest of every set: ${result.manifestSeconds.toFixed(1)} s)`,
    [['round', `changes(first: ${FEED_PAGES.full}) entries/s`, `changes(first: ${FEED_PAGES.small}) entries/s`, 'filings.ndjson rows/s', 'MB/s'], ...rows],
    new Set([1, 2, 3, 4]),
  );
}

/** Reads the feed from its start to `size` entries, `first` per request, as one client; entries per second. */
async function readFeed(base: string, size: number, first: number): Promise<number> {
  const query = changesQuery(first);
  const started = performance.now();
  let after: string | null = null;
  let read = 0;
  while (read < size) {
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { after } }) });
    const body = (await response.json()) as { data?: { changes: { pageInfo: { endCursor: string | null }; nodes: unknown[] } }; errors?: unknown };
    if (!body.data) throw new Error(`changes: ${JSON.stringify(body.errors)}`);
    read += body.data.changes.nodes.length;
    after = body.data.changes.pageInfo.endCursor;
  }
  return read / ((performance.now() - started) / 1000);
}

/** Downloads an NDJSON export, counting its lines and bytes. */
async function download(url: string): Promise<{ rows: number; bytes: number; seconds: number }> {
  const started = performance.now();
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url}: ${response.status}`);
  let rows = 0;
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
  }
  return { rows, bytes, seconds: (performance.now() - started) / 1000 };
}

async function query(url: string, sql: string): Promise<{ n: number }[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
