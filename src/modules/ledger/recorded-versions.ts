import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../shared/sql';
import { decodeEntry, recordDefinitionOfType } from './records';

/** One recorded version of an entity: its instant and the entity as its record rebuilds it (the type's `revive`). */
export interface RecordedVersion<T> {
  at: Date;
  entity: T;
}

/** Every recorded version of the given entities of one type, oldest first per entity, by entity id: one statement. */
export async function recordedVersions<T>(em: EntityManager, type: string, ids: string[]): Promise<Map<string, RecordedVersion<T>[]>> {
  const versions = new Map<string, RecordedVersion<T>[]>();
  if (!ids.length) return versions;
  const revive = recordDefinitionOfType(type)?.revive;
  if (!revive) throw new Error(`${type} records cannot be read back (no revive in its x.record.ts)`);
  const rows: { entity_id: string; at: string; entry: Buffer }[] = await sql(
    em,
    'select entity_id, at, entry from ledger_entry where entity_type = ? and entity_id in (?) order by entity_id, version',
    [type, ids],
  );
  for (const row of rows) {
    const entry = decodeEntry(Buffer.from(row.entry));
    const list = versions.get(row.entity_id) ?? [];
    list.push({ at: new Date(row.at), entity: revive(entry.record, entry) as T });
    versions.set(row.entity_id, list);
  }
  return versions;
}
