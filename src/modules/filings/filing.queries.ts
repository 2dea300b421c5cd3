import { EntityManager } from '@mikro-orm/postgresql';
import { CursorCodec, Page } from '../../shared/pagination';
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
  first: number;
  after?: string | null;
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
  if (query.after) {
    const [period, amendment] = FILING_CURSOR.decode(query.after);
    qb.andWhere('(f.period, f.amendment) < (?, ?)', [period, amendment]);
  }
  const rows = await qb.orderBy({ period: 'desc', amendment: 'desc' }).limit(query.first + 1).getResultList();
  return {
    rows: rows.slice(0, query.first),
    hasNextPage: rows.length > query.first,
    cursorOf: (f) => FILING_CURSOR.encode([f.period, f.amendment]),
    count: () => filtered().getCount(),
  };
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
  const keyset = query.after ? [...FILING_CURSOR.decode(query.after)] : null;
  const rows = await boundSql<{ entry: Buffer }>(
    em,
    `with recorded as ${latest.sql} select f.entry from recorded f where ${where}${keyset ? " and (f.r->>'period', (f.r->>'amendment')::int) < (?, ?)" : ''}
     order by f.r->>'period' desc, (f.r->>'amendment')::int desc limit ?`,
    [...latest.params, ...params, ...(keyset ?? []), query.first + 1],
  );
  const filings = rows.map((row) => reviveEntry<Filing>(row.entry, bound));
  return {
    rows: filings.slice(0, query.first),
    hasNextPage: filings.length > query.first,
    cursorOf: (f) => FILING_CURSOR.encode([f.period, f.amendment]),
    count: async () => {
      const [{ n }] = await boundSql<{ n: string }>(em, `with recorded as ${latest.sql} select count(*)::text as n from recorded f where ${where}`, [...latest.params, ...params]);
      return Number(n);
    },
  };
}
