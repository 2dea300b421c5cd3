import { EntityManager } from '@mikro-orm/postgresql';
import { boundSql } from '../../shared/sql';

/**
 * The association each platform registered with, from its first public record in the ledger (a platform
 * never changes association), added to `known` for the ids it does not hold yet.
 */
export async function loadPlatformAssociations(em: EntityManager, platformIds: readonly string[], known: Map<string, string>): Promise<void> {
  const missing = [...new Set(platformIds)].filter((id) => !known.has(id));
  if (!missing.length) return;
  const rows = await boundSql<{ platform: string; association: string }>(
    em,
    `select distinct on (entity_id) entity_id as platform, convert_from(entry, 'UTF8')::jsonb #>> '{record,association}' as association
      from ledger_entry where entity_type = 'platform' and entity_id = any(?) and log_index is not null order by entity_id, log_index`,
    [missing],
  );
  for (const row of rows) known.set(row.platform, row.association);
}
