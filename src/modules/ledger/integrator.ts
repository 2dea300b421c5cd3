import { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { boundSql } from '../../shared/sql';
import { signCheckpoint } from './checkpoint';
import { appendLeaves, readFrontier } from './compact-range';
import { LogCheckpoint } from './log-checkpoint.entity';
import { contiguous, latestCheckpoint, storedSubtrees, storeSubtrees } from './log-store';
import { leafHash } from './merkle';
import { NoteSigningKey } from './note-keys';

/** Most entries one integration appends (one short transaction; a backlog takes several in a row). */
export const INTEGRATION_BATCH = 10_000;

/** Key of the transaction-level advisory lock that makes one process at a time the integrator. */
const INTEGRATOR_LOCK = 7_340_208_190_521_001n;

/** What one integration did: the tree size its new (or unchanged latest) checkpoint covers and the entries it added. */
export interface Integration {
  size: number;
  added: number;
}

/**
 * Integrates public ledger entries not yet in the tree (up to `batch`, in log order) and signs a
 * checkpoint for the new size, all in one transaction under an advisory lock: each checkpoint extends
 * the last one stored, so the log never signs two inconsistent ones. The first integration signs the
 * empty tree. Returns null when another integrator holds the lock (it covers the same entries).
 */
export function integrateLog(orm: MikroORM, key: NoteSigningKey, batch = INTEGRATION_BATCH): Promise<Integration | null> {
  return orm.em.fork().transactional(async (em) => {
    const [{ locked }] = await boundSql<{ locked: boolean }>(em, 'select pg_try_advisory_xact_lock(?::bigint) as locked', [String(INTEGRATOR_LOCK)]);
    if (!locked) return null;
    const latest = await latestCheckpoint(em);
    const size = latest ? Number(latest.size) : 0;
    const rows = await boundSql<{ log_index: string; entry: Buffer }>(
      em,
      'select log_index::text, entry from ledger_entry e where e.log_index >= ? order by e.log_index limit ?',
      [String(size), batch],
    );
    const leaves = contiguous(rows, size).map((row) => leafHash(row.entry));
    if (latest && !leaves.length) return { size, added: 0 };
    const tree = appendLeaves(size, await readFrontier(storedSubtrees(em), size), leaves);
    await storeSubtrees(em, tree.completed);
    const note = signCheckpoint({ origin: key.name, size: tree.size, root: tree.root }, key);
    em.create(LogCheckpoint, { size: BigInt(tree.size), root: tree.root, note, signedAt: new Date() });
    return { size: tree.size, added: leaves.length };
  });
}

/** A running background integrator. */
export interface LogIntegrator {
  /** Stops the loop; resolves once an integration in flight has finished. */
  stop(): Promise<void>;
}

/**
 * Integrates every `intervalMs` (at once again while a full batch came in, so a backlog drains);
 * failures are logged and retried on the next tick.
 */
export function startLogIntegrator(orm: MikroORM, key: NoteSigningKey, intervalMs: number, log: Logger): LogIntegrator {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async (): Promise<void> => {
    try {
      let done: Integration | null;
      do done = await integrateLog(orm, key);
      while (!stopped && done?.added === INTEGRATION_BATCH);
    } catch (error) {
      log.error({ err: error }, 'transparency log integration failed; retrying');
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), intervalMs);
  };
  let running = tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
