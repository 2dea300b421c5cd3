import { EntityManager } from '@mikro-orm/postgresql';
import { CursorCodec, Page } from '../../shared/pagination';
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
