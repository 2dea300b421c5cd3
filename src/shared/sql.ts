import { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs raw SQL (with `?` placeholders) on `em`'s current transaction when there is one, else on the
 * pool. Calling `em.getConnection().execute` directly would take a second connection inside a
 * transaction, which deadlocks on the embedded database's single connection.
 */
export function sql<T = Record<string, unknown>>(em: EntityManager, query: string, params: unknown[] = []): Promise<T[]> {
  return em.getConnection().execute(query, params, 'all', em.getTransactionContext()) as Promise<T[]>;
}

/**
 * Like `sql`, but sends the values as query parameters instead of inlining them into the SQL text (faster
 * for large values, and exact for binary ones); an array binds as a PostgreSQL array, e.g. `= any(?)`.
 */
export async function boundSql<T = Record<string, unknown>>(em: EntityManager, query: string, bindings: unknown[]): Promise<T[]> {
  const connection = em.getConnection();
  const raw = connection.getKnex().raw(query, bindings as never[]);
  const ctx = em.getTransactionContext();
  // through the connection's executeQuery, so the statement is logged (and counted by SQL budgets) like the ORM's own
  const logged = connection as unknown as { executeQuery<R>(query: string, cb: () => Promise<R>): Promise<R> };
  const result = await logged.executeQuery(query, async () => (await (ctx ? raw.transacting(ctx) : raw)) as { rows: T[] });
  return result.rows;
}
