import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../errors';
import { canonicalJson, isRecord } from '../../shared/canonical-json';
import { CursorCodec, PageWindow } from '../../shared/pagination';
import { boundSql } from '../../shared/sql';
import { boundKey, LogBound } from './as-of';
import { FieldChange, HistoryEntryView } from './history.types';
import { decodeEntry, RecordValue } from './records';

/** Whose history: records of one stable type (one record, or a chain such as a filing and its amendments). */
export interface HistorySubject {
  type: string;
  ids: string[];
}

/** One page of a history asked for: the subject, the page, and the bound of a record read as of a past point. */
export interface HistoryKey extends HistorySubject {
  /** The page: size, direction and cursor (forwards after it, backwards before it). */
  window: PageWindow;
  bound: LogBound | undefined;
}

/** A page of history entries, oldest first, with the number of entries in the whole history. */
export interface HistoryPage {
  rows: HistoryEntryView[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  total: number;
}

/** Cursors of history pages: the log index of the last entry seen. */
export const HISTORY_CURSOR = new CursorCodec('history', 'LOG_ASC', ['text'] as const);

function cursorIndex(window: PageWindow): string | null {
  if (!window.cursor) return null;
  const [index] = HISTORY_CURSOR.decode(window.cursor, window.cursorArgument);
  if (!/^\d{1,19}$/.test(index)) throw badInput(window.cursorArgument, 'is not a cursor this list issued');
  return index;
}

/**
 * History pages of many records at once: one statement per batch, whatever the number of records and
 * pages. Each entry comes with the one before it in its history (lag), so the diff of the first entry
 * of a page needs no second read, and with where the next write starts (log_write), its log size after.
 */
export function historyLoader(em: EntityManager) {
  return new DataLoader<HistoryKey, HistoryPage, string>(
    async (keys) => {
      const groups = keys.map((key, g) => ({ g, cursor: cursorIndex(key.window), bwd: key.window.backward, lim: key.window.size, at: key.bound?.at ?? null, size: key.bound?.size?.toString() ?? null }));
      const members = keys.flatMap((key, g) => key.ids.map((id) => ({ g, t: key.type, i: id })));
      const rows = await boundSql<{ g: number; total: string | null; entry: Buffer | null; previous: Buffer | null; log_index: string | null; size_after: string | null }>(
        em,
        `with g as (select * from unnest(?::int[], ?::bigint[], ?::boolean[], ?::int[], ?::timestamptz[], ?::bigint[]) as g(g, cursor, bwd, lim, at_bound, size_bound)),
         m as (select * from unnest(?::int[], ?::text[], ?::text[]) as m(g, t, i)),
         e as (
           select m.g, e.log_index, e.entry, lag(e.entry) over (partition by m.g order by e.log_index) as previous
           from m join g on g.g = m.g join ledger_entry e on e.entity_type = m.t and e.entity_id = m.i
           where e.log_index is not null and (g.at_bound is null or e.at <= g.at_bound) and (g.size_bound is null or e.log_index < g.size_bound)
         ),
         p as (
           select e.*, row_number() over (partition by e.g order by case when g.bwd then -e.log_index else e.log_index end) as n
           from e join g on g.g = e.g
           where g.cursor is null or (not g.bwd and e.log_index > g.cursor) or (g.bwd and e.log_index < g.cursor)
         )
         select g.g, (select count(*) from e where e.g = g.g)::text as total, p.entry, p.previous, p.log_index::text as log_index,
           coalesce((select min(w.first_index) from log_write w where w.first_index > p.log_index), (select next from log_state where id = 1))::text as size_after
         from g left join p on p.g = g.g and p.n <= g.lim + 1
         order by g.g, p.log_index`,
        [
          groups.map((x) => x.g),
          groups.map((x) => x.cursor),
          groups.map((x) => x.bwd),
          groups.map((x) => x.lim),
          groups.map((x) => x.at),
          groups.map((x) => x.size),
          members.map((x) => x.g),
          members.map((x) => x.t),
          members.map((x) => x.i),
        ],
      );
      const pages: HistoryPage[] = keys.map(() => ({ rows: [], hasNextPage: false, hasPreviousPage: false, total: 0 }));
      for (const row of rows) {
        const page = pages[row.g];
        page.total = Number(row.total);
        if (row.entry && row.log_index) page.rows.push(historyEntry(BigInt(row.log_index), BigInt(row.size_after!), row.entry, row.previous));
      }
      return pages.map((page, g) => {
        // rows come oldest first; reading backwards, the extra row is the oldest
        const { size, backward, cursor } = keys[g].window;
        const more = page.rows.length > size;
        const rows = backward ? page.rows.slice(Math.max(0, page.rows.length - size)) : page.rows.slice(0, size);
        return { ...page, rows, hasNextPage: backward ? cursor !== null : more, hasPreviousPage: backward ? more : cursor !== null };
      });
    },
    {
      cacheKeyFn: (key) =>
        JSON.stringify([key.type, key.ids, key.window.size, key.window.backward, key.window.cursor, key.bound ? boundKey(key.bound) : null]),
    },
  );
}

/** A history entry from its canonical bytes and those of the entry before it (null for the first). */
function historyEntry(logIndex: bigint, logSizeAfter: bigint, bytes: Buffer, previous: Buffer | null): HistoryEntryView {
  const entry = decodeEntry(bytes);
  return {
    logIndex,
    logSizeAfter,
    entityType: entry.type,
    entityId: entry.id,
    version: entry.version,
    action: entry.action,
    at: new Date(entry.at),
    actor: { organisation: entry.actor.organisation, role: entry.actor.role },
    reason: entry.reason,
    changes: previous ? recordChanges(decodeEntry(previous).record, entry.record) : [],
    record: entry.record,
  };
}

/**
 * The fields that differ between two versions of a record: objects are compared field by field (dotted
 * paths), anything else (strings, numbers, lists) as a whole by its canonical JSON.
 */
export function recordChanges(before: RecordValue | undefined, after: RecordValue | undefined, path = ''): FieldChange[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => recordChanges(before[key] as RecordValue, after[key] as RecordValue, path ? `${path}.${key}` : key));
  }
  if (canonicalJson(before ?? null) === canonicalJson(after ?? null)) return [];
  return [{ path, before: before ?? null, after: after ?? null }];
}
