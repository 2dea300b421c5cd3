import { EntityManager } from '@mikro-orm/postgresql';
import { CursorCodec, keysetRead, Page, pageOf, PageWindow } from '../../shared/pagination';
import { boundSql } from '../../shared/sql';
import { latestRecords, LogBound, reviveEntry } from '../ledger';
import { Filing } from './filing.entity';

/** Cursors of the filings list: newest period, then newest version, first. */
const FILING_CURSOR = new CursorCodec('filings', 'PERIOD_DESC', ['text', 'int'] as const);

/** Arguments of one page of a platform's filings. */
export interface FilingPageQuery {
  platformId: string;
  period?: string | null;
  includeSuperseded: boolean;
  window: PageWindow;
}

/** One keyset page of a platform's filings, newest period (then newest version) first. */
export async function findFilingPage(em: EntityManager, query: FilingPageQuery): Promise<Page<Filing>> {
  const filtered = () => {
    const qb = em.createQueryBuilder(Filing, 'f').where({ platform: query.platformId });
    if (query.period) qb.andWhere({ period: query.period });
    if (!query.includeSuperseded) qb.andWhere('not exists (select 1 from filing s where s.supersedes_id = f.id)');
    return qb;
  };
  const qb = filtered();
  const { window } = query;
  const { order, compare } = keysetRead('desc', window);
  if (window.cursor) qb.andWhere(`(f.period, f.amendment) ${compare} (?, ?)`, FILING_CURSOR.decode(window.cursor, window.cursorArgument));
  const rows = await qb.orderBy({ period: order, amendment: order }).limit(window.size + 1).getResultList();
  return pageOf(rows, window, (f) => FILING_CURSOR.encode([f.period, f.amendment]), () => filtered().getCount());
}

/**
 * One keyset page of a platform's filings as the ledger recorded them at `bound`: versions recorded by
 * then, "superseded" meaning an amendment recorded by then replaced it. Same order and cursors as the
 * current list; one statement for the page, one more for `totalCount` when asked for.
 */
export async function findFilingPageAsOf(em: EntityManager, query: FilingPageQuery, bound: LogBound): Promise<Page<Filing>> {
  const latest = latestRecords('filing', bound, { sql: 'select id from filing where platform_id = ?', params: [query.platformId] });
  const conditions = ['true'];
  const params: unknown[] = [];
  if (query.period) {
    conditions.push("f.r->>'period' = ?");
    params.push(query.period);
  }
  if (!query.includeSuperseded) conditions.push("not exists (select 1 from recorded s where s.r->>'supersedes' = f.id)");
  const where = conditions.join(' and ');
  const { window } = query;
  const { order, compare } = keysetRead('desc', window);
  const keyset = window.cursor ? [...FILING_CURSOR.decode(window.cursor, window.cursorArgument)] : null;
  const rows = await boundSql<{ entry: Buffer }>(
    em,
    `with recorded as ${latest.sql} select f.entry from recorded f where ${where}${keyset ? ` and (f.r->>'period', (f.r->>'amendment')::int) ${compare} (?, ?)` : ''}
     order by f.r->>'period' ${order}, (f.r->>'amendment')::int ${order} limit ?`,
    [...latest.params, ...params, ...(keyset ?? []), window.size + 1],
  );
  const filings = rows.map((row) => reviveEntry<Filing>(row.entry, bound));
  return pageOf(filings, window, (f) => FILING_CURSOR.encode([f.period, f.amendment]), async () => {
      const [{ n }] = await boundSql<{ n: string }>(em, `with recorded as ${latest.sql} select count(*)::text as n from recorded f where ${where}`, [...latest.params, ...params]);
      return Number(n);
  });
}
