import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Where one transaction's public entries start in the log: its first log index. The entries a transaction
 * appends are contiguous (it holds the log counter from its first append to its commit), so these rows are
 * the log sizes that never split a transaction, and `atLogSize` rounds down to one (see resolveBound).
 * appendEntries adds the row in its own statement; rows are never updated or deleted (triggers).
 */
@Entity({ tableName: 'log_write' })
export class LogWrite {
  /** The transaction's first log index: a log size this small holds none of its entries, one larger all of them. */
  @PrimaryKey({ type: new BigIntType('bigint'), autoincrement: false })
  firstIndex!: bigint;

  /** The transaction's id (`pg_current_xact_id()`), so a second append in the same transaction adds no row; 0 for rows the migration derived. */
  @Property({ type: new BigIntType('bigint') })
  tx!: bigint;
}
