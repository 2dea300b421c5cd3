import { EntityManager } from '@mikro-orm/postgresql';
import { CursorCodec, keysetRead, Page, pageOf, PageWindow } from '../../shared/pagination';
import { boundSql } from '../../shared/sql';
import { latestRecords, LogBound, reviveEntry } from '../ledger';
import { Flag } from './flag.entity';
import { FlagFilter } from './flag.filters';
import { visibleFlagSql } from './flag.visibility';
import type { Viewer } from '../accounts/viewer';

/** Cursors of the flags list: newest raised first. */
const FLAG_CURSOR = new CursorCodec('flags', 'RAISED_DESC', ['instant', 'text'] as const);

/** One keyset page of the flags matching `filter` that the viewer may see (see flag.visibility.ts), newest first. */
export async function findFlagPage(em: EntityManager, viewer: Viewer, filter: FlagFilter | null | undefined, window: PageWindow): Promise<Page<Flag>> {
  const visible = visibleFlagSql(viewer, 'g');
  const filtered = () => {
    const qb = em.createQueryBuilder(Flag, 'g').where(visible.sql, visible.params);
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
  const { order, compare } = keysetRead('desc', window);
  if (window.cursor) qb.andWhere(`(g.raised_at, g.id) ${compare} (?, ?)`, FLAG_CURSOR.decode(window.cursor, window.cursorArgument));
  const rows = await qb.orderBy({ raisedAt: order, id: order }).limit(window.size + 1).getResultList();
  return pageOf(rows, window, (flag) => FLAG_CURSOR.encode([flag.raisedAt, flag.id]), () => filtered().getCount());
}

/** Each filter condition: its value, the record field and table column it tests, and whether a flag ever changes it. */
function conditions(filter: FlagFilter | null | undefined) {
  const list = (values?: string[]) => (values?.length ? values : undefined);
  return [
    { value: filter?.platformId, field: 'platform', column: 'platform_id', test: '= ?', fixed: true },
    { value: filter?.filingId, field: 'filing', column: 'filing_id', test: '= ?', fixed: true },
    { value: filter?.ruleCode, field: 'ruleCode', column: 'rule_code', test: '= ?', fixed: true },
    { value: list(filter?.severity), field: 'severity', column: 'severity::text', test: '= any(?::text[])', fixed: true },
    { value: list(filter?.category), field: 'category', column: 'category::text', test: '= any(?::text[])', fixed: true },
    { value: filter?.periodFrom, field: 'period', column: 'period', test: '>= ?', fixed: true },
    { value: filter?.periodTo, field: 'period', column: 'period', test: '<= ?', fixed: true },
    { value: list(filter?.status), field: 'status', column: 'status::text', test: '= any(?::text[])', fixed: false },
  ].filter((c) => c.value !== undefined && c.value !== null);
}

/**
 * The flags list's filter over recorded flag versions `g` (`g.r` the record), and the candidates: flags
 * whose fixed fields (platform, filing, rule, severity, category, period) match, read from the flag table
 * through its indexes, so that only their entries are read (status, which changes, is tested on the record).
 */
function recordFilter(filter: FlagFilter | null | undefined) {
  const all = conditions(filter);
  const fixed = all.filter((c) => c.fixed);
  return {
    sql: ['true', ...all.map((c) => `g.r->>'${c.field}' ${c.test}`)].join(' and '),
    params: all.map((c) => c.value),
    candidates: fixed.length ? { sql: `select id from flag where ${fixed.map((c) => `${c.column} ${c.test}`).join(' and ')}`, params: fixed.map((c) => c.value) } : undefined,
  };
}

/**
 * One keyset page of flags as the ledger recorded them at `bound` (status as it was then), filtered and
 * ordered like the current list, with the same cursors. One statement for the page, one for `totalCount`.
 */
export async function findFlagPageAsOf(em: EntityManager, bound: LogBound, filter: FlagFilter | null | undefined, window: PageWindow): Promise<Page<Flag>> {
  const where = recordFilter(filter);
  const latest = latestRecords('flag', bound, where.candidates);
  const { order, compare } = keysetRead('desc', window);
  const keyset = window.cursor ? [...FLAG_CURSOR.decode(window.cursor, window.cursorArgument)] : null;
  const rows = await boundSql<{ entry: Buffer }>(
    em,
    `with recorded as ${latest.sql} select g.entry from recorded g where ${where.sql}${keyset ? ` and ((g.r->>'raisedAt')::timestamptz, g.id) ${compare} (?, ?)` : ''}
     order by (g.r->>'raisedAt')::timestamptz ${order}, g.id ${order} limit ?`,
    [...latest.params, ...where.params, ...(keyset ?? []), window.size + 1],
  );
  const flags = rows.map((row) => reviveEntry<Flag>(row.entry, bound));
  return pageOf(flags, window, (flag) => FLAG_CURSOR.encode([flag.raisedAt, flag.id]), async () => {
    const [{ n }] = await boundSql<{ n: string }>(em, `with recorded as ${latest.sql} select count(*)::text as n from recorded g where ${where.sql}`, [...latest.params, ...where.params]);
    return Number(n);
  });
}
