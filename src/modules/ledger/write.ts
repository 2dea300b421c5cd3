import { EntityManager } from '@mikro-orm/postgresql';
import { Actor, appendEntries, PendingEntry, pendingEntry, RecordOptions, Versioned } from './entries';
import { markRecorded } from './write-guard';

/**
 * The single write path: every change to registry state goes through `record`, which bumps the entity's
 * version and prepares its ledger entry; `commit` flushes the entities and appends the entries as the
 * last statements of the same transaction. A flush that changes an entity `record` did not see fails
 * (see write-guard.ts). Call `record` after the entity's last change in the write.
 */
export class Write {
  private readonly pending: PendingEntry[] = [];

  constructor(
    readonly em: EntityManager,
    readonly actor: Actor,
    readonly at: Date,
  ) {}

  /** Persists `entity` as its next version and prepares its ledger entry. */
  record<T extends Versioned & object>(entity: T, action: string, options: RecordOptions = {}): T {
    entity.version = (entity.version ?? 0) + 1;
    this.em.persist(entity);
    markRecorded(this.em, entity);
    this.pending.push(pendingEntry(entity, action, this.actor, this.at, options));
    return entity;
  }

  /** Flushes the recorded entities, then appends their entries (public ones last, taking log indexes). */
  async commit(): Promise<void> {
    await this.em.flush();
    await appendEntries(this.em, this.pending.splice(0));
  }
}

/** Runs `work` in one database transaction with a `Write` bound to it; all or nothing. */
export async function runWrite<T>(em: EntityManager, actor: Actor, work: (write: Write) => Promise<T>): Promise<T> {
  return em.transactional(async (tx) => {
    const write = new Write(tx, actor, new Date());
    const result = await work(write);
    await write.commit();
    return result;
  });
}
