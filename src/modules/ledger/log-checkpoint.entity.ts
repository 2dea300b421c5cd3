import { BigIntType, BlobType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A signed checkpoint of the transparency log: the tree size, its root hash and the C2SP signed note
 * served at `/log/checkpoint`. One per size, each extending the one before it; rows are never updated or
 * deleted (triggers).
 */
@Entity({ tableName: 'log_checkpoint' })
export class LogCheckpoint {
  /** Number of leaves covered. */
  @PrimaryKey({ type: new BigIntType('bigint'), autoincrement: false })
  size!: bigint;

  /** RFC 6962 root hash at that size (32 bytes). */
  @Property({ type: new BlobType() })
  root!: Buffer;

  /** The signed note (tlog-checkpoint text, a blank line, the signature lines). */
  @Property({ type: 'text' })
  note!: string;

  @Property({ type: 'timestamptz' })
  signedAt!: Date;
}
