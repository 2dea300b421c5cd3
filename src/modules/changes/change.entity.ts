import { OptionalProps, BigIntType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One recorded write: what changed (entity type, id, new version and a snapshot), who, when and why.
 * Rows are append-only; `seq` gives the global order the change feed and transparency log will follow.
 */
@Entity({ tableName: 'change' })
@Index({ properties: ['entityType', 'entityId', 'version'] })
export class Change {
  [OptionalProps]?: 'seq';

  @PrimaryKey({ type: new BigIntType('bigint'), autoincrement: true })
  seq!: bigint;

  @Property({ type: 'text' })
  entityType!: string;

  @Property({ type: 'text' })
  entityId!: string;

  @Property({ type: 'integer' })
  version!: number;

  /** Verb-like name of the change, e.g. `platform.registered`. */
  @Property({ type: 'text' })
  action!: string;

  /** Member who made the change; null for public self-service and system jobs. */
  @Property({ type: 'text', nullable: true })
  actorMemberId!: string | null;

  /** Organisation the actor acted for, or `public` / `system`. */
  @Property({ type: 'text' })
  actorLabel!: string;

  @Property({ type: 'timestamptz' })
  at!: Date;

  @Property({ type: 'text', nullable: true })
  reason!: string | null;

  /** Whether the change belongs to the public record (credentials and staff lists do not). */
  @Property({ type: 'boolean' })
  public!: boolean;

  /** The entity as it stands after the change. */
  @Property({ type: 'json' })
  snapshot!: Record<string, unknown>;
}
