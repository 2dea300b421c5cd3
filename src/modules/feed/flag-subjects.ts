import { EntityManager } from '@mikro-orm/postgresql';
import { boundSql } from '../../shared/sql';
import type { EventSubject } from './registry-events';

/**
 * The platform, severity and category of each flag, from its first public record in the ledger (a flag never
 * changes them), added to `known` for the ids it does not hold yet: what a case step's event is filtered by.
 */
export async function loadFlagSubjects(em: EntityManager, flagIds: readonly string[], known: Map<string, EventSubject>): Promise<void> {
  const missing = [...new Set(flagIds)].filter((id) => !known.has(id));
  if (!missing.length) return;
  const rows = await boundSql<{ flag: string; platform: string; severity: string; category: string }>(
    em,
    `select distinct on (entity_id) entity_id as flag, e.record #>> '{platform}' as platform, e.record #>> '{severity}' as severity, e.record #>> '{category}' as category
      from (select entity_id, log_index, convert_from(entry, 'UTF8')::jsonb -> 'record' as record from ledger_entry
        where entity_type = 'flag' and entity_id = any(?) and log_index is not null) e
      order by entity_id, log_index`,
    [missing],
  );
  for (const row of rows) known.set(row.flag, { platform: row.platform, severity: row.severity, category: row.category });
}
