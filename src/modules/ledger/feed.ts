import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../shared/sql';
import { decodeEntry, EntryEnvelope } from './records';

/** One public entry of the feed: its log index and its canonical JSON text, decoded on first use. */
export class FeedEntry {
  private decoded: EntryEnvelope | undefined;

  constructor(
    readonly logIndex: bigint,
    readonly text: string,
  ) {}

  /** The envelope and record, parsed from the text once. */
  get envelope(): EntryEnvelope {
    return (this.decoded ??= decodeEntry(this.text));
  }
}

/**
 * Most bytes of entry text one read returns (4 MiB): a read stops before the entry that would pass it, and
 * always holds at least one. Entries are small (a filing's is about 2.4 kB), so pages are cut by count;
 * this bounds a page of large records (a request body may hold 100 kB).
 */
export const FEED_READ_BYTES = 4 * 1024 * 1024;

/** A page of the feed and the log's size as the same statement saw it. */
export interface FeedPage {
  entries: FeedEntry[];
  /** Public entries in the log (the next log index), at the page's snapshot. */
  logSize: bigint;
  /** Whether FEED_READ_BYTES cut the read short: more entries follow the last one, whatever the limit was. */
  cut: boolean;
}

/** How much one read returns: at most `limit` entries and `maxBytes` of their text, of these entity types only when given. */
export interface FeedRead {
  limit: number;
  types?: readonly string[] | null;
  maxBytes?: number;
}

/**
 * Public entries after log index `after` (from the start when null), in log order, as much as `read`
 * allows. One statement: its snapshot sees every entry below the log size it reads, since log indexes are
 * taken in commit order (see appendEntries), so a reader that goes on from its last index never skips one.
 */
export async function readFeed(em: EntityManager, after: bigint | null, read: FeedRead): Promise<FeedPage> {
  return readEntries(em, 'e.log_index > ?', String(after ?? -1n), 'asc', read);
}

/**
 * Public entries before log index `before` (before the log's end when null), nearest first, as much as
 * `read` allows: the feed read backwards, in one statement as readFeed.
 */
export async function readFeedBackwards(em: EntityManager, before: bigint | null, read: FeedRead): Promise<FeedPage> {
  return before === null ? readEntries(em, 'true', null, 'desc', read) : readEntries(em, 'e.log_index < ?', String(before), 'desc', read);
}

async function readEntries(em: EntityManager, bound: string, value: string | null, order: 'asc' | 'desc', { limit, types, maxBytes = FEED_READ_BYTES }: FeedRead): Promise<FeedPage> {
  const typed = types ? 'and e.entity_type in (?)' : '';
  // the entry as text: half the bytes of bytea's hex on the wire, and no hex to decode; octet_length reads
  // a stored entry's size without fetching it, so entries past the byte budget are never read
  const rows = await sql<{ size: string; log_index: string | null; entry: string | null; fetched: string | null }>(
    em,
    `select s.next::text as size, e.log_index::text as log_index, convert_from(e.entry, 'UTF8') as entry, e.fetched::text as fetched
      from log_state s
      left join lateral (
        select log_index, entry, fetched from (
          select log_index, entry, count(*) over () as fetched, row_number() over running as n, sum(octet_length(entry)) over running as bytes
          from (select log_index, entry from ledger_entry e where ${bound} and e.log_index is not null ${typed} order by e.log_index ${order} limit ?) page
          window running as (order by log_index ${order} rows unbounded preceding)
        ) sized where n = 1 or bytes <= ? order by log_index ${order}
      ) e on true
      where s.id = 1`,
    [...(value === null ? [] : [value]), ...(types ? [types] : []), limit, maxBytes],
  );
  const entries = rows.filter((row) => row.log_index !== null).map((row) => new FeedEntry(BigInt(row.log_index!), row.entry!));
  return { entries, logSize: BigInt(rows[0]?.size ?? 0), cut: entries.length < Number(rows[0]?.fetched ?? 0) };
}
