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
        bindings.push(arrayLiteral(values[Number(n) - 1]));
        return '?';
      });
      const rows = await em.getConnection().execute(sql, bindings, 'all', em.getTransactionContext());
      return { rows: Array.isArray(rows) ? rows : [] };
    },
  };
}

/**
 * A JS array as a PostgreSQL array literal (`{"a","b"}`). The ORM inlines parameters into the SQL and
 * would write an array as a comma list, so pg-boss's `$2::uuid[]` (complete, fail, cancel...) got a bare
 * id and failed with "malformed array literal". Other values pass unchanged.
 */
function arrayLiteral(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const item = (v: unknown) => (v === null || v === undefined ? 'NULL' : `"${String(v).replace(/[\\"]/g, '\\$&')}"`);
  return `{${value.map(item).join(',')}}`;
}
