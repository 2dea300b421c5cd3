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

/** A page of the feed and the log's size as the same statement saw it. */
export interface FeedPage {
  entries: FeedEntry[];
  /** Public entries in the log (the next log index), at the page's snapshot. */
  logSize: bigint;
}

/**
 * Public entries after log index `after` (from the start when null), in log order, at most `limit`,
 * optionally of the given entity types only. One statement: its snapshot sees every entry below the log
 * size it reads, since log indexes are taken in commit order (see appendEntries), so a reader that goes
 * on from its last index never skips one.
 */
export async function readFeed(em: EntityManager, after: bigint | null, limit: number, types: readonly string[] | null = null): Promise<FeedPage> {
  return readEntries(em, 'e.log_index > ?', String(after ?? -1n), 'asc', limit, types);
}

/**
 * Public entries before log index `before` (before the log's end when null), nearest first, at most
 * `limit`: the feed read backwards, in one statement as readFeed.
 */
export async function readFeedBackwards(em: EntityManager, before: bigint | null, limit: number): Promise<FeedPage> {
  return before === null ? readEntries(em, 'true', null, 'desc', limit, null) : readEntries(em, 'e.log_index < ?', String(before), 'desc', limit, null);
}

async function readEntries(em: EntityManager, bound: string, value: string | null, order: 'asc' | 'desc', limit: number, types: readonly string[] | null): Promise<FeedPage> {
  const typed = types ? 'and e.entity_type in (?)' : '';
  // the entry as text: half the bytes of bytea's hex on the wire, and no hex to decode
  const rows = await sql<{ size: string; log_index: string | null; entry: string | null }>(
    em,
    `select s.next::text as size, e.log_index::text as log_index, convert_from(e.entry, 'UTF8') as entry
      from log_state s
      left join lateral (select log_index, entry from ledger_entry e where ${bound} and e.log_index is not null ${typed} order by e.log_index ${order} limit ?) e on true
      where s.id = 1`,
    [...(value === null ? [] : [value]), ...(types ? [types] : []), limit],
  );
  const entries = rows.filter((row) => row.log_index !== null).map((row) => new FeedEntry(BigInt(row.log_index!), row.entry!));
  return { entries, logSize: BigInt(rows[0]?.size ?? 0) };
}
