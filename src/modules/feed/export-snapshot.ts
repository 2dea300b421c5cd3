import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from 'pg';
import QueryStream from 'pg-query-stream';
import type { ExportRow } from './export-formats';
import type { ExportSet } from './export-sets';

/** Rows fetched from the cursor per round trip. */
const BATCH_SIZE = 2000;

/**
 * The latest public version of every record of one type as of log size `size` (entries below it), among
 * those whose latest version has a log index of `since` or more, in log order. So the rows of an export
 * from `since` are exactly the tail of the full export from that index on: a broken download resumes
 * with `since` = its last row's index + 1, and `since` = an earlier export's size gives what changed.
 */
const ROWS = `select e.log_index::text as log_index, convert_from(e.entry, 'UTF8') as entry
  from ledger_entry e
  where e.entity_type = $1 and e.log_index >= $2 and e.log_index < $3
    and not exists (
      select 1 from ledger_entry later
      where later.entity_type = e.entity_type and later.entity_id = e.entity_id and later.version > e.version and later.log_index < $3)
  order by e.log_index`;

/** Reads the rows of a set from the snapshot. */
export type ReadRows = (set: ExportSet, size: bigint, since: bigint) => AsyncIterable<ExportRow>;

/**
 * Runs `work` on one REPEATABLE READ READ ONLY transaction of its own connection from the ORM's pool,
 * streaming rows with pg-query-stream (a server-side cursor, BATCH_SIZE rows at a time), so no export
 * holds more than a batch in memory, whatever its size.
 */
export async function withSnapshot<T>(orm: MikroORM, work: (read: ReadRows) => Promise<T>): Promise<T> {
  const knex = orm.em.getConnection().getKnex().client;
  const connection = (await knex.acquireConnection()) as Client & { __knex__disposed?: unknown };
  try {
    await connection.query('begin isolation level repeatable read read only');
    const result = await work((set, size, since) => connection.query(new QueryStream(ROWS, [set.entityType, String(since), String(size)], { batchSize: BATCH_SIZE })));
    await connection.query('commit');
    return result;
  } catch (error) {
    // a stream cut short (the client went away) may leave the connection unusable: then the pool drops it
    await connection.query('rollback').catch((broken: unknown) => (connection.__knex__disposed = broken));
    throw error;
  } finally {
    await knex.releaseConnection(connection);
  }
}
