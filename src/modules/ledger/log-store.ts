import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { boundSql } from '../../shared/sql';
import { StoredSubtree } from './compact-range';
import { LogCheckpoint } from './log-checkpoint.entity';
import { SubtreeHashes } from './subtrees';

// Reads and writes of the log's own tables (log_subtree, log_checkpoint), on `em`'s transaction if any.

/** The latest signed checkpoint, or null before the first integration. */
export function latestCheckpoint(em: EntityManager): Promise<LogCheckpoint | null> {
  return em.findOne(LogCheckpoint, { size: { $gte: 0n } }, { orderBy: { size: 'desc' } });
}

/** Number of leaves the latest checkpoint covers (0 before the first). */
export async function integratedSize(em: EntityManager): Promise<number> {
  const latest = await latestCheckpoint(em);
  return latest ? Number(latest.size) : 0;
}

/**
 * Stored complete-subtree hashes; all reads issued in one tick (a proof's, a frontier's) go to the
 * database as one query. Asking for a subtree that is not stored fails.
 */
export function storedSubtrees(em: EntityManager): SubtreeHashes {
  const loader = new DataLoader<string, Buffer>(async (keys) => {
    const ids = keys.map((key) => key.split('/'));
    const rows = await boundSql<{ level: number; index: string; hash: Buffer }>(
      em,
      'select s.level, s."index"::text as "index", s.hash from log_subtree s join unnest(?::smallint[], ?::bigint[]) k(level, idx) on s.level = k.level and s."index" = k.idx',
      [ids.map(([level]) => Number(level)), ids.map(([, index]) => index)],
    );
    const found = new Map(rows.map((row) => [`${row.level}/${row.index}`, row.hash]));
    return keys.map((key) => found.get(key) ?? new Error(`log subtree ${key} is not stored`));
  });
  return { get: (level, index) => loader.load(`${level}/${index}`) };
}

/** The hashes at Merkle `level` of subtrees `first` .. `first + count - 1`, in order (a tile's body). */
export async function subtreeRun(em: EntityManager, level: number, first: number, count: number): Promise<Buffer[]> {
  const rows = await boundSql<{ hash: Buffer }>(
    em,
    'select hash from log_subtree where level = ? and "index" >= ? and "index" < ? order by "index"',
    [level, String(first), String(first + count)],
  );
  if (rows.length !== count) throw new Error(`log subtrees ${level}/${first}+${count}: ${rows.length} stored`);
  return rows.map((row) => row.hash);
}

/** The canonical bytes of public entries `first` .. `first + count - 1`, in log order. */
export async function entryRun(em: EntityManager, first: number, count: number): Promise<Buffer[]> {
  const rows = await boundSql<{ log_index: string; entry: Buffer }>(
    em,
    'select log_index::text, entry from ledger_entry e where e.log_index >= ? and e.log_index < ? order by e.log_index',
    [String(first), String(first + count)],
  );
  const run = contiguous(rows, first);
  if (run.length !== count) throw new Error(`log entries ${first}+${count}: ${run.length} stored`);
  return run.map((row) => row.entry);
}

/** The rows that continue without a gap from log index `first` (a gap cannot happen; this stops at one). */
export function contiguous<T extends { log_index: string }>(rows: readonly T[], first: number): T[] {
  const end = rows.findIndex((row, i) => Number(row.log_index) !== first + i);
  return end === -1 ? [...rows] : rows.slice(0, end);
}

/** Appends newly completed subtrees (one statement). */
export async function storeSubtrees(em: EntityManager, subtrees: readonly StoredSubtree[]): Promise<void> {
  if (!subtrees.length) return;
  await boundSql(em, 'insert into log_subtree (level, "index", hash) select * from unnest(?::smallint[], ?::bigint[], ?::bytea[])', [
    subtrees.map((s) => s.level),
    subtrees.map((s) => String(s.index)),
    subtrees.map((s) => s.hash),
  ]);
}
