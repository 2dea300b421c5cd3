import { BigIntType, BlobType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The hash of one complete subtree of the transparency log: 2^level leaves starting at leaf
 * `index * 2^level`. The integrator stores every subtree an append completes (level 0 holds the leaf
 * hashes), so a proof or a tile is a few indexed reads. Rows are never updated or deleted (triggers).
 */
@Entity({ tableName: 'log_subtree' })
export class LogSubtree {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  level!: number;

  @PrimaryKey({ type: new BigIntType('bigint'), autoincrement: false })
  index!: bigint;

  /** RFC 6962 hash of the subtree (32 bytes). */
  @Property({ type: new BlobType() })
  hash!: Buffer;
}
