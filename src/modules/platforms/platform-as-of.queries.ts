import { EntityManager } from '@mikro-orm/postgresql';
import { boundSql } from '../../shared/sql';
import { keysetRead, Page, pageOf } from '../../shared/pagination';
import { AsOfUnavailableError, latestRecords, LogBound, reviveEntry } from '../ledger';
import { Platform } from './platform.entity';
import { ORDERS, PlatformPageQuery } from './platform.queries';
import { PlatformFilter, PlatformOrder } from './platform.filters';
import { qualificationStateSql } from './qualification-state.sql';

type Sql = { sql: string; params: unknown[] };

/**
 * Qualifications as recorded at `bound` (of the platforms `platformIds`, or all), with the qualification
 * table's column names (for qualificationStateSql).
 */
export function qualificationsAsOf(bound: LogBound, platformIds?: readonly string[]): Sql {
  const candidates = platformIds ? { sql: 'select id from qualification where platform_id = any(?)', params: [platformIds] } : undefined;
  const latest = latestRecords('qualification', bound, candidates);
  return {
    sql: `(select id, r->>'platform' as platform_id, r->>'type' as type, r->>'status' as status, (r->>'validFrom')::timestamptz as valid_from,
      (r->>'validTo')::timestamptz as valid_to, r->>'supersedes' as supersedes_id from ${latest.sql} l)`,
    params: latest.params,
  };
}

/**
 * The platform list's filter over recorded platform versions `p` (`p.r` the record), qualification states
 * as of the bound's instant; `with` defines the qualifications as recorded (`qa`) when the filter needs them.
 */
function recordFilter(filter: PlatformFilter | null | undefined, bound: LogBound): Sql & { with: Sql } {
  const parts: Sql[] = [{ sql: 'true', params: [] }];
  const withQa: Sql = { sql: '', params: [] };
  if (filter?.registryStatus?.length) parts.push({ sql: "p.r->>'registryStatus' = any(?::text[])", params: [filter.registryStatus] });
  if (filter?.registrationAuthority) parts.push({ sql: "p.r->'regulatorRegistration'->>'authority' = ?", params: [filter.registrationAuthority] });
  if (filter?.custodyBankName) parts.push({ sql: "p.r->>'custodyBankName' = ?", params: [filter.custodyBankName] });
  if (filter?.qualification) {
    const table = qualificationsAsOf(bound);
    const { sql, params } = qualificationStateSql(filter.qualification.state, 'qa');
    const typed = filter.qualification.type ? ' and q.type = ?' : '';
    Object.assign(withQa, { sql: `with qa as ${table.sql} `, params: table.params });
    parts.push({
      sql: `exists (select 1 from qa q where q.platform_id = p.id and ${sql}${typed})`,
      params: [...Array(params).fill(bound.instant), ...(filter.qualification.type ? [filter.qualification.type] : [])],
    });
  }
  return { with: withQa, sql: parts.map((p) => p.sql).join(' and '), params: parts.flatMap((p) => p.params) };
}

/**
 * One keyset page of platforms as the ledger recorded them at `bound`: the latest public version of each
 * platform inside the bound, filtered and ordered on its record exactly as the current list is on its
 * columns (same cursors). One statement for the page, one more for `totalCount` when asked for.
 */
export async function findPlatformPageAsOf(em: EntityManager, query: PlatformPageQuery, bound: LogBound): Promise<Page<Platform>> {
  // the risk score is computed as of the request (qualifications expire with time): not a recorded fact
  const why = 'the risk score is computed as of the request';
  if (query.order === PlatformOrder.RISK_SCORE) throw new AsOfUnavailableError('platforms(orderBy: RISK_SCORE)', why);
  if (query.filter?.minRiskScore !== null && query.filter?.minRiskScore !== undefined) throw new AsOfUnavailableError('platforms(filter: { minRiskScore })', why);
  const order = ORDERS[query.order];
  const key = order.column === 'legal_name' ? "p.r->>'legalName'" : "(p.r->>'createdAt')::timestamptz";
  const latest = latestRecords('platform', bound);
  const filter = recordFilter(query.filter, bound);
  const keyset: Sql = { sql: '', params: [] };
  const { window } = query;
  const read = keysetRead(order.dir, window);
  if (window.cursor) {
    const [value, id] = order.cursor.decode(window.cursor, window.cursorArgument);
    Object.assign(keyset, { sql: ` and (${key}, p.id) ${read.compare} (?, ?)`, params: [value, id] });
  }
  const rows = await boundSql<{ entry: Buffer }>(
    em,
    `${filter.with.sql}select p.entry from ${latest.sql} p where ${filter.sql}${keyset.sql} order by ${key} ${read.order}, p.id ${read.order} limit ?`,
    [...filter.with.params, ...latest.params, ...filter.params, ...keyset.params, window.size + 1],
  );
  const platforms = rows.map((row) => reviveEntry<Platform>(row.entry, bound));
  const cursorOf = (p: Platform) => (order.column === 'legal_name' ? order.cursor.encode([p.legalName, p.id]) : order.cursor.encode([p.createdAt, p.id]));
  return pageOf(platforms, window, cursorOf, async () => {
      const [{ n }] = await boundSql<{ n: string }>(em, `${filter.with.sql}select count(*)::text as n from ${latest.sql} p where ${filter.sql}`, [
        ...filter.with.params,
        ...latest.params,
        ...filter.params,
      ]);
      return Number(n);
  });
}
