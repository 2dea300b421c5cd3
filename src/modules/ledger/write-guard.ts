import { EntityManager, EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import { recordDefinitionOf } from './records';

/** Entities each entity manager's write has recorded (a write's `em` is its transaction's fork). */
const recorded = new WeakMap<object, WeakSet<object>>();

/** Notes that the write on `em` recorded `entity`, so flushing it is allowed. */
export function markRecorded(em: EntityManager, entity: object): void {
  let set = recorded.get(em);
  if (!set) recorded.set(em, (set = new WeakSet()));
  set.add(entity);
}

/** Thrown when a flush would change registry state without a ledger entry. */
export class UnrecordedWriteError extends Error {}

/**
 * Refuses any flush that creates, changes or deletes an entity of the ledger (one with a record
 * definition) unless the write path recorded it: no rename, status change or delete slips past the
 * ledger through the unit of work. Bulk paths write their rows with SQL and their entries themselves.
 */
export class WriteGuard implements EventSubscriber {
  onFlush({ em, uow }: FlushEventArgs): void {
    const seen = recorded.get(em);
    for (const change of uow.getChangeSets()) {
      if (!recordDefinitionOf(change.entity)) continue;
      if (change.type === 'delete' || !seen?.has(change.entity)) {
        throw new UnrecordedWriteError(
          `${change.type} of ${change.name} ${String(change.entity.id ?? '')} without a ledger entry: registry state changes only through Write.record`,
        );
      }
    }
  }
}
