import { sql } from '../../shared/sql';
import { EntityManager } from '@mikro-orm/postgresql';

/**
 * `ctx.params` for a period: for each parameter name, the latest version published for the latest
 * period at or before `period`.
 */
export async function parametersFor(em: EntityManager, associationId: string, period: string): Promise<Record<string, bigint>> {
  const rows: { name: string; value: string }[] = await sql(em, 
    `select distinct on (name) name, value from parameter_value
      where association_id = ? and period <= ?
      order by name, period desc, number desc`,
    [associationId, period],
  );
  return Object.fromEntries(rows.map((row) => [row.name, BigInt(row.value)]));
}
