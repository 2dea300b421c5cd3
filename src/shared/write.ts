import { EntityManager, wrap } from '@mikro-orm/postgresql';
import { Change } from '../modules/changes/change.entity';

/** Who a write is attributed to in the change log. */
export interface Actor {
  memberId: string | null;
  /** Organisation id the member acts for, or `public` / `system`. */
  label: string;
}

/** An entity whose changes are recorded: stable id plus a version bumped on every recorded write. */
export interface Versioned {
  id: string;
  version: number;
}

/** Options for one recorded change. */
export interface RecordOptions {
  reason?: string | null;
  /** Defaults to true; credentials and staff changes pass false. */
  public?: boolean;
}

/**
 * The single write path: every write that changes registry state goes through `record`, which bumps
 * the entity's version and appends a `Change` (what, new version, who, when, why, snapshot) in the
 * same transaction as the write itself.
 */
export class Write {
  constructor(
    readonly em: EntityManager,
    readonly actor: Actor,
    readonly at: Date,
  ) {}

  /** Persists `entity` as its next version and logs the change. */
  record<T extends Versioned & object>(entity: T, action: string, options: RecordOptions = {}): T {
    entity.version = (entity.version ?? 0) + 1;
    this.em.persist(entity);
    this.em.persist(this.em.create(Change, changeOf(entity, action, this.actor, this.at, options)));
    return entity;
  }
}

/** Runs `work` in one database transaction with a `Write` bound to it; all or nothing. */
export async function runWrite<T>(em: EntityManager, actor: Actor, work: (write: Write) => Promise<T>): Promise<T> {
  return em.transactional((tx) => work(new Write(tx, actor, new Date())));
}

/** The change-log row for `entity` just brought to its new version (shared with the bulk write path). */
export function changeOf(entity: Versioned & object, action: string, actor: Actor, at: Date, options: RecordOptions) {
  return {
    entityType: entity.constructor.name,
    entityId: entity.id,
    version: entity.version,
    action,
    actorMemberId: actor.memberId,
    actorLabel: actor.label,
    at,
    reason: options.reason ?? null,
    public: options.public ?? true,
    snapshot: snapshotOf(entity),
  };
}

function snapshotOf(entity: object): Record<string, unknown> {
  const plain = wrap(entity).toObject();
  return JSON.parse(JSON.stringify(plain, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)));
}
