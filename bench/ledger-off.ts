import { Write } from '../src/modules/ledger/write';
import { markRecorded } from '../src/modules/ledger/write-guard';
import type { Versioned } from '../src/modules/ledger/entries';

/**
 * Bench only (never imported by src/): switches the ledger off in this process, for the `ledger` section's
 * baseline. `Write.record` still bumps the version, persists the entity and tells the write guard, but no
 * entry is encoded, and `Write.commit` only flushes: no ledger_entry rows, no log index taken. The server
 * child that calls this also runs no log integrator, so the baseline is the same server without the ledger
 * and the log. The write path submitFiling takes is `Write` only (no BulkWrite).
 */
export function switchLedgerOffForBench(): void {
  Write.prototype.record = function record<T extends Versioned & object>(this: Write, entity: T): T {
    entity.version = (entity.version ?? 0) + 1;
    this.em.persist(entity);
    markRecorded(this.em, entity);
    return entity;
  };
  Write.prototype.commit = async function commit(this: Write): Promise<void> {
    await this.em.flush();
  };
}
