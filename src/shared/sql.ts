import { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs raw SQL (with `?` placeholders) on `em`'s current transaction when there is one, else on the
 * pool. Calling `em.getConnection().execute` directly would take a second connection inside a
 * transaction, which deadlocks on the embedded database's single connection.
 */
export function sql<T = Record<string, unknown>>(em: EntityManager, query: string, params: unknown[] = []): Promise<T[]> {
  return em.getConnection().execute(query, params, 'all', em.getTransactionContext()) as Promise<T[]>;
}
