import { BigIntType, BlobType, Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * One entity version as the ledger recorded it: what (stable type name, id, version, action), who
 * (organisation and role; the member only in the private part), when, why, and the entry itself as exact
 * canonical bytes (RFC 8785 JSON) with their SHA-256. Public entries carry a log index, assigned in commit
 * order without gaps; they are the leaves of the transparency log. Rows are never updated or deleted
 * (database triggers refuse it).
 */
@Entity({ tableName: 'ledger_entry' })
@Unique({ properties: ['entityType', 'entityId', 'version'] })
@Index({ properties: ['entityId'] })
@Index({ properties: ['entityType', 'entityId', 'logIndex'] })
@Index({ name: 'ledger_entry_type_log_index', properties: ['entityType', 'logIndex'] }) // one type in log order: exports, filtered feeds
export class LedgerEntry {
  /** Insertion id, for the database only: it is not commit order (see `logIndex`). */
  @PrimaryKey({ type: new BigIntType('bigint'), autoincrement: true })
  id!: bigint;

  /** Position in the transparency log (0-based); null for private entries. */
  @Property({ type: new BigIntType('bigint'), nullable: true, unique: true })
  logIndex!: bigint | null;

  /** Stable type name, e.g. `platform`, `filing`, `flag`. */
  @Property({ type: 'text' })
  entityType!: string;

  @Property({ type: 'text' })
  entityId!: string;

  @Property({ type: 'integer' })
  version!: number;

  /** Verb-like name of the change, e.g. `filing.submitted`. */
  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'timestamptz' })
  at!: Date;

  /** Whether the entry is in the public log (credentials and staff lists are not). */
  @Property({ type: 'boolean' })
  public!: boolean;

  /** Organisation the actor acted for (association or platform id), or `public` / `system`; also in the entry. */
  @Property({ type: 'text' })
  actorOrganisation!: string;

  /** Member who made the change (private: staff names stay out of the public entry); null for the public and jobs. */
  @Property({ type: 'text', nullable: true })
  actorMemberId!: string | null;

  /** The entry's canonical JSON bytes: the envelope (type, id, version, action, at, actor, reason) and the record. */
  @Property({ type: new BlobType() })
  entry!: Buffer;

  /** SHA-256 of `entry`. */
  @Property({ type: new BlobType() })
  entrySha256!: Buffer;
}
