import { EntityManager } from '@mikro-orm/postgresql';
import type PgBoss from 'pg-boss';

/**
 * Lets pg-boss run its SQL through the ORM's connection (or the current transaction of `em`), so jobs
 * are enqueued atomically with the write that causes them and the embedded database keeps one
 * connection. pg-boss writes `$n` placeholders; knex takes `?`, so they are rewritten in order.
 */
export function ormDb(em: EntityManager): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const bindings: unknown[] = [];
      const sql = text.replace(/\?/g, '\\?').replace(/\$(\d+)(?!\d)/g, (placeholder, n: string) => {
        if (!values.length) return placeholder;
        bindings.push(values[Number(n) - 1]);
        return '?';
      });
      const rows = await em.getConnection().execute(sql, bindings, 'all', em.getTransactionContext());
      return { rows: Array.isArray(rows) ? rows : [] };
    },
  };
}
