import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError } from '../../errors';
import { boundSql } from '../../shared/sql';
import { noteAppended } from './log-events';
import { encodeEntry, recordDefinitionOf } from './records';

/** Who a write is attributed to: the member (private), the organisation and role (public), or `public` / `system`. */
export interface Actor {
  memberId: string | null;
  /** Organisation id the member acts for, or `public` / `system`. */
  label: string;
  /** The role the member acted in; null for the public and jobs. */
  role?: string | null;
}

/** An entity whose changes are recorded: stable id plus a version bumped on every recorded write. */
export interface Versioned {
  id: string;
  version: number;
}

/** Options for one recorded change. */
export interface RecordOptions {
  reason?: string | null;
}

/** One entity version ready for the ledger: its row values, the entry's bytes computed once. */
export interface PendingEntry {
  entityType: string;
  entityId: string;
  version: number;
  action: string;
  at: Date;
  public: boolean;
  actorOrganisation: string;
  actorMemberId: string | null;
  entry: Buffer;
  entrySha256: Buffer;
}

/**
 * The entry for `entity` just brought to its new version: its explicit record in an envelope, as exact bytes.
 * `entityClass` names the class of a plain row shaped like its entity (bulk writes).
 */
export function pendingEntry(
  entity: Versioned & object,
  action: string,
  actor: Actor,
  at: Date,
  options: RecordOptions,
  entityClass: Function = entity.constructor,
): PendingEntry {
  const definition = recordDefinitionOf(entity, entityClass);
  if (!definition) throw new Error(`${entityClass.name} has no ledger record (defineRecord in its x.record.ts)`);
  const { bytes, sha256 } = encodeEntry({
    type: definition.type,
    id: entity.id,
    version: entity.version,
    action,
    at: at.toISOString(),
    actor: { organisation: actor.label, role: actor.role ?? null },
    reason: options.reason ?? null,
    record: definition.project(entity),
  });
  return {
    entityType: definition.type,
    entityId: entity.id,
    version: entity.version,
    action,
    at,
    public: definition.isPublic(entity),
    actorOrganisation: actor.label,
    actorMemberId: actor.memberId,
    entry: bytes,
    entrySha256: sha256,
  };
}

const COLUMNS = ['log_index', 'entity_type', 'entity_id', 'version', 'action', 'at', 'public', 'actor_organisation', 'actor_member_id', 'entry', 'entry_sha256'];
/** Types of the unnested columns: the row's values, then where its bytes start (1-based) and their length. */
const TYPES = ['bigint', 'text', 'text', 'int', 'text', 'timestamptz', 'boolean', 'text', 'text', 'int', 'int'];

/**
 * Takes `n` log indexes from the counter row and, unless this transaction already appended (it then holds
 * the counter, so the latest log_write row is its own), marks where its entries start: one statement.
 */
const TAKE_INDEXES = `with taken as (update log_state set next = next + ? where id = 1 returning next - ? as first),
  marked as (insert into log_write (first_index, tx) select first, pg_current_xact_id()::text::bigint from taken
    where not exists (select 1 from log_write w where w.first_index = (select max(first_index) from log_write) and w.tx = pg_current_xact_id()::text::bigint))
  select first from taken`;

/**
 * Appends entries on `em`'s transaction: private ones first, then the public ones with log indexes taken
 * from the counter row. Taking them is the last thing a write does, so concurrent writers serialise only
 * on their commit tail and indexes follow commit order with no gaps (a rollback undoes the counter too),
 * and one transaction's entries are contiguous, starting where its log_write row says.
 * A version already in the ledger violates its unique key: the write loses, whole.
 */
export async function appendEntries(em: EntityManager, entries: PendingEntry[]): Promise<void> {
  const privateEntries = entries.filter((e) => !e.public);
  const publicEntries = entries.filter((e) => e.public);
  if (privateEntries.length) await insert(em, privateEntries, null);
  if (!publicEntries.length) return;
  const n = publicEntries.length;
  const [{ first }] = await boundSql<{ first: string }>(em, TAKE_INDEXES, [n, n]);
  await insert(em, publicEntries, BigInt(first));
  noteAppended(em);
}

/**
 * Inserts entries with one statement. The entries' bytes and hashes go as two binary parameters, each
 * row taking its slice of them: as bytea[] text they would travel hex-encoded, twice their size, to be
 * decoded again (for a re-evaluation batch of 2,000 entries about 3.5 MB of text per statement).
 */
async function insert(em: EntityManager, entries: PendingEntry[], firstIndex: bigint | null): Promise<void> {
  const starts: number[] = [];
  let start = 1;
  for (const e of entries) {
    starts.push(start);
    start += e.entry.length;
  }
  const columns = [
    entries.map((_, i) => (firstIndex === null ? null : String(firstIndex + BigInt(i)))),
    entries.map((e) => e.entityType),
    entries.map((e) => e.entityId),
    entries.map((e) => e.version),
    entries.map((e) => e.action),
    entries.map((e) => e.at),
    entries.map((e) => e.public),
    entries.map((e) => e.actorOrganisation),
    entries.map((e) => e.actorMemberId),
    starts,
    entries.map((e) => e.entry.length),
  ];
  const unnest = TYPES.map((type) => `?::${type}[]`).join(', ');
  const bytes = Buffer.concat(entries.map((e) => e.entry));
  const hashes = Buffer.concat(entries.map((e) => e.entrySha256));
  try {
    await boundSql(
      em,
      `insert into ledger_entry (${COLUMNS.join(', ')})
        select l, t, i, v, a, at, p, o, m, substring(?::bytea from s for n), substring(?::bytea from ((r - 1) * 32 + 1)::int for 32)
        from unnest(${unnest}) with ordinality as u(l, t, i, v, a, at, p, o, m, s, n, r) order by r`,
      [bytes, hashes, ...columns],
    );
  } catch (error) {
    throw versionTaken(error, entries) ?? error;
  }
}

/** The clear conflict for a version another write recorded first (two racing status changes: one wins). */
function versionTaken(error: unknown, entries: PendingEntry[]): ConflictError | null {
  const { code, constraint, detail } = error as { code?: string; constraint?: string; detail?: string };
  if (code !== '23505' || constraint !== 'ledger_entry_entity_type_entity_id_version_unique') return null;
  const taken = entries.find((e) => detail?.includes(`(${e.entityType}, ${e.entityId}, ${e.version})`)) ?? entries[0];
  return new ConflictError(
    `${taken.entityType} ${taken.entityId} was changed by another request at the same moment; reload it and try again.`,
    'VERSION_CONFLICT',
    { entityType: taken.entityType, entityId: taken.entityId, version: taken.version },
  );
}
