import { EventEmitter } from 'node:events';
import { EntityManager, EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';

const local = new EventEmitter().setMaxListeners(0);
/** Transactions (their root) that appended public entries and have not committed yet. */
const appending = new WeakSet<object>();

/** Notes that the write on `em` appended public entries: its commit wakes this process's followers of the log. */
export function noteAppended(em: EntityManager): void {
  const transaction = em.getTransactionContext<object>();
  if (transaction) appending.add(rootOf(transaction));
  else local.emit('grew');
}

/** Runs `listener` after each commit in this process that appended public entries; returns the unsubscribe. */
export function onLocalAppend(listener: () => void): () => void {
  local.on('grew', listener);
  return () => local.off('grew', listener);
}

/**
 * The in-process path of the log's notifications (the embedded database cannot LISTEN on a second
 * connection): after a root transaction that appended public entries commits, its followers wake.
 */
export class LogAppendNotifier implements EventSubscriber {
  afterTransactionCommit({ transaction }: TransactionEventArgs): void {
    if (transaction && appending.delete(transaction)) local.emit('grew');
  }
}

/** The outermost transaction of a savepoint (MikroORM links a nested transaction to its parent by a symbol). */
function rootOf(transaction: object): object {
  const parent = Object.getOwnPropertySymbols(transaction).find((symbol) => symbol.description === 'parentTransaction');
  const next = parent && (transaction as Record<symbol, object | undefined>)[parent];
  return next ? rootOf(next) : transaction;
}
