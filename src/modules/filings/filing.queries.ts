import { EntityManager } from '@mikro-orm/postgresql';
import { CursorCodec, keysetRead, Page, pageOf, PageWindow } from '../../shared/pagination';
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
