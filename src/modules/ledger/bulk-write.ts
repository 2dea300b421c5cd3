import { EntityManager, EntityMetadata, EntityProperty, Reference, ReferenceKind } from '@mikro-orm/postgresql';
import { boundSql } from '../../shared/sql';
import { Actor, appendEntries, PendingEntry, pendingEntry, RecordOptions, Versioned } from './entries';

/** Rows per INSERT statement (each statement carries its rows as one JSON parameter). */
const ROWS_PER_STATEMENT = 5000;

type Class<T> = abstract new (...args: never[]) => T;

/**
 * Write.record for jobs that write thousands of rows in one transaction: the same version bump and the
 * same ledger entry, but the rows collected and sent by `flush` as multi-row INSERTs on the transaction of
 * `em` instead of going one entity at a time through the unit of work. Rows are plain objects shaped like
 * their entity class (relations as `{ id }`): entity instances cost more to create than to write.
 *
 * `inserted` rows are inserted by `flush`; `updated` ones the caller has already updated itself (one
 * set-based statement, see `execute`, bumping the version by one) in the same transaction.
 */
export class BulkWrite {
  private readonly inserts = new Map<Class<object>, object[]>();
  private readonly entries: PendingEntry[] = [];

  constructor(
    readonly em: EntityManager,
    readonly actor: Actor,
    readonly at: Date,
  ) {}

  /** A new row of `entityClass`: version 1 (or the next), inserted by `flush`, with its change recorded. */
  inserted<T extends Versioned & object>(entityClass: Class<T>, row: T, action: string, options: RecordOptions = {}): T {
    const group = this.inserts.get(entityClass) ?? [];
    group.push(row);
    this.inserts.set(entityClass, group);
    row.version = (row.version ?? 0) + 1;
    return this.record(entityClass, row, action, options);
  }

  /** A row of `entityClass` as the caller's UPDATE left it (version already bumped by one): its change recorded. */
  updated<T extends Versioned & object>(entityClass: Class<T>, row: T, action: string, options: RecordOptions = {}): T {
    return this.record(entityClass, row, action, options);
  }

  /** Inserts the new rows, then appends the ledger entries (public ones last, taking log indexes). */
  async flush(): Promise<void> {
    for (const [entityClass, rows] of this.inserts) await this.insertRows(entityClass, rows);
    this.inserts.clear();
    await appendEntries(this.em, this.entries.splice(0));
  }

  /** Runs SQL with `?` placeholders on the transaction of `em`, the values sent as parameters (see `boundSql`). */
  execute<T = Record<string, unknown>>(query: string, bindings: unknown[]): Promise<T[]> {
    return boundSql<T>(this.em, query, bindings);
  }

  private record<T extends Versioned & object>(entityClass: Class<T>, row: T, action: string, options: RecordOptions): T {
    this.entries.push(pendingEntry(row, action, this.actor, this.at, options, entityClass));
    return row;
  }

  /**
   * Inserts entities of one class with `insert into t (columns) select columns from json_populate_recordset`,
   * the rows mapped to columns from the ORM's metadata: scalars, enums and JSON as they are, relations as
   * their primary keys; an autoincrement primary key is left to its sequence.
   */
  private async insertRows(entityClass: Class<object>, entities: object[]): Promise<void> {
    if (!entities.length) return;
    const meta = this.em.getMetadata().get(entityClass.name);
    const columns = insertableColumns(meta);
    const names = columns.map(([, column]) => `"${column}"`).join(', ');
    const query = `insert into "${meta.tableName}" (${names}) select ${names} from json_populate_recordset(null::"${meta.tableName}", ?::json)`;
    for (let start = 0; start < entities.length; start += ROWS_PER_STATEMENT) {
      const rows = entities.slice(start, start + ROWS_PER_STATEMENT).map((entity) => {
        const row: Record<string, unknown> = {};
        for (const [prop, column] of columns) row[column] = columnValue(prop, (entity as Record<string, unknown>)[prop.name]);
        return row;
      });
      await this.execute(query, [JSON.stringify(rows, (_key, value) => (typeof value === 'bigint' ? value.toString() : value))]);
    }
  }
}

const columnsByEntity = new Map<string, [EntityProperty, string][]>();

/** The (property, column) pairs an INSERT writes for an entity class. */
function insertableColumns(meta: EntityMetadata): [EntityProperty, string][] {
  let columns = columnsByEntity.get(meta.className);
  if (!columns) {
    columns = [];
    for (const prop of meta.props) {
      if (prop.persist === false || (prop.primary && prop.autoincrement)) continue;
      if (prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)) {
        if (prop.fieldNames.length !== 1) throw new Error(`BulkWrite: ${meta.className}.${prop.name} maps to ${prop.fieldNames.length} columns`);
        columns.push([prop, prop.fieldNames[0]]);
      } else if (prop.kind !== ReferenceKind.ONE_TO_MANY && prop.kind !== ReferenceKind.MANY_TO_MANY && prop.kind !== ReferenceKind.ONE_TO_ONE) {
        throw new Error(`BulkWrite: ${meta.className}.${prop.name} (${prop.kind}) cannot be bulk inserted`);
      }
    }
    columnsByEntity.set(meta.className, columns);
  }
  return columns;
}

/** A property's value as its column takes it from JSON: a related entity (or `{ id }`) as its primary key. */
function columnValue(prop: EntityProperty, value: unknown): unknown {
  if (value === undefined) return null;
  if (prop.kind !== ReferenceKind.SCALAR && value !== null) return (Reference.unwrapReference(value as object) as Record<string, unknown>)[prop.targetMeta!.primaryKeys[0]];
  return value;
}
