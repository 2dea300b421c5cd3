import { EntityManager } from '@mikro-orm/postgresql';
import { CursorCodec, Page } from '../../shared/pagination';
import { boundSql } from '../../shared/sql';
import { latestRecords, LogBound, reviveEntry } from '../ledger';
import { Flag } from './flag.entity';
import { FlagFilter } from './flag.filters';

/** Cursors of the flags list: newest raised first. */
const FLAG_CURSOR = new CursorCodec('flags', 'RAISED_DESC', ['instant', 'text'] as const);

/** One keyset page of flags matching `filter`, newest first. */
export async function findFlagPage(em: EntityManager, filter: FlagFilter | null | undefined, first: number, after?: string | null): Promise<Page<Flag>> {
  const filtered = () => {
    const qb = em.createQueryBuilder(Flag, 'g');
    if (!filter) return qb;
    if (filter.platformId) qb.andWhere({ platform: filter.platformId });
    if (filter.filingId) qb.andWhere({ filing: filter.filingId });
    if (filter.ruleCode) qb.andWhere({ ruleCode: filter.ruleCode });
    if (filter.severity?.length) qb.andWhere({ severity: { $in: filter.severity } });
    if (filter.category?.length) qb.andWhere({ category: { $in: filter.category } });
    if (filter.status?.length) qb.andWhere({ status: { $in: filter.status } });
    if (filter.periodFrom) qb.andWhere({ period: { $gte: filter.periodFrom } });
    if (filter.periodTo) qb.andWhere({ period: { $lte: filter.periodTo } });
    return qb;
  };
  const qb = filtered();
  if (after) {
    const [raisedAt, id] = FLAG_CURSOR.decode(after);
    qb.andWhere('(g.raised_at, g.id) < (?, ?)', [raisedAt, id]);
  }
  const rows = await qb.orderBy({ raisedAt: 'desc', id: 'desc' }).limit(first + 1).getResultList();
  return {
    rows: rows.slice(0, first),
    hasNextPage: rows.length > first,
    cursorOf: (flag) => FLAG_CURSOR.encode([flag.raisedAt, flag.id]),
    count: () => filtered().getCount(),
  };
}

/** The flags list's filter over recorded flag versions `g` (`g.r` the record), as SQL and parameters. */
function recordFilter(filter: FlagFilter | null | undefined): { sql: string; params: unknown[] } {
  const parts: [string, unknown][] = [];
  if (filter?.platformId) parts.push(["g.r->>'platform' = ?", filter.platformId]);
  if (filter?.filingId) parts.push(["g.r->>'filing' = ?", filter.filingId]);
  if (filter?.ruleCode) parts.push(["g.r->>'ruleCode' = ?", filter.ruleCode]);
  if (filter?.severity?.length) parts.push(["g.r->>'severity' = any(?::text[])", filter.severity]);
  if (filter?.category?.length) parts.push(["g.r->>'category' = any(?::text[])", filter.category]);
  if (filter?.status?.length) parts.push(["g.r->>'status' = any(?::text[])", filter.status]);
  if (filter?.periodFrom) parts.push(["g.r->>'period' >= ?", filter.periodFrom]);
  if (filter?.periodTo) parts.push(["g.r->>'period' <= ?", filter.periodTo]);
  return { sql: ['true', ...parts.map(([sql]) => sql)].join(' and '), params: parts.map(([, value]) => value) };
}

/**
 * One keyset page of flags as the ledger recorded them at `bound` (status as it was then), filtered and
 * ordered like the current list, with the same cursors. One statement for the page, one for `totalCount`.
 */
export async function findFlagPageAsOf(em: EntityManager, bound: LogBound, filter: FlagFilter | null | undefined, first: number, after?: string | null): Promise<Page<Flag>> {
  const candidates = filter?.platformId
    ? { sql: 'select id from flag where platform_id = ?', params: [filter.platformId] }
    : filter?.filingId
      ? { sql: 'select id from flag where filing_id = ?', params: [filter.filingId] }
      : undefined;
  const latest = latestRecords('flag', bound, candidates);
  const where = recordFilter(filter);
  const keyset = after ? [...FLAG_CURSOR.decode(after)] : null;
  const rows = await boundSql<{ entry: Buffer }>(
    em,
    `with recorded as ${latest.sql} select g.entry from recorded g where ${where.sql}${keyset ? " and ((g.r->>'raisedAt')::timestamptz, g.id) < (?, ?)" : ''}
     order by (g.r->>'raisedAt')::timestamptz desc, g.id desc limit ?`,
    [...latest.params, ...where.params, ...(keyset ?? []), first + 1],
  );
  const flags = rows.map((row) => reviveEntry<Flag>(row.entry, bound));
  return {
    rows: flags.slice(0, first),
    hasNextPage: flags.length > first,
    cursorOf: (flag) => FLAG_CURSOR.encode([flag.raisedAt, flag.id]),
    count: async () => {
      const [{ n }] = await boundSql<{ n: string }>(em, `with recorded as ${latest.sql} select count(*)::text as n from recorded g where ${where.sql}`, [...latest.params, ...where.params]);
      return Number(n);
    },
  };
}
