import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The log's single counter row: the next log index to hand out. Writers take their indexes with one
 * `UPDATE ... SET next = next + n RETURNING` as the last statement of their transaction, so indexes follow
 * commit order with no gaps (a rollback undoes the update).
 */
@Entity({ tableName: 'log_state' })
export class LogState {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id!: number;

  @Property({ type: new BigIntType('bigint') })
  next!: bigint;
}
