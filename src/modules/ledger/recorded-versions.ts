import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../shared/sql';
import type { RecordObject } from './records';

/** One recorded version of an entity: its number, instant and record, as its ledger entry holds them. */
export interface RecordedVersion {
  id: string;
  version: number;
  at: Date;
  record: RecordObject;
}

/** Every recorded version of the given entities of one type, oldest first per entity: one statement. */
export async function recordedVersions(em: EntityManager, entityType: string, entityIds: string[]): Promise<RecordedVersion[]> {
  if (!entityIds.length) return [];
  const rows: { entity_id: string; version: number; at: Date; entry: Buffer }[] = await sql(
    em,
    'select entity_id, version, at, entry from ledger_entry where entity_type = ? and entity_id in (?) order by entity_id, version',
    [entityType, entityIds],
  );
  return rows.map((row) => ({
    id: row.entity_id,
    version: row.version,
    at: new Date(row.at),
    record: (JSON.parse(Buffer.from(row.entry).toString('utf8')) as { record: RecordObject }).record,
  }));
}
