import { EntityManager } from '@mikro-orm/postgresql';
import { CursorCodec, keysetRead, Page, pageOf, PageWindow } from '../../shared/pagination';
import { Flag } from './flag.entity';
import { FlagFilter } from './flag.filters';

/** Cursors of the flags list: newest raised first. */
const FLAG_CURSOR = new CursorCodec('flags', 'RAISED_DESC', ['instant', 'text'] as const);

/** One keyset page of flags matching `filter`, newest first. */
export async function findFlagPage(em: EntityManager, filter: FlagFilter | null | undefined, window: PageWindow): Promise<Page<Flag>> {
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
  const { order, compare } = keysetRead('desc', window);
  if (window.cursor) qb.andWhere(`(g.raised_at, g.id) ${compare} (?, ?)`, FLAG_CURSOR.decode(window.cursor, window.cursorArgument));
  const rows = await qb.orderBy({ raisedAt: order, id: order }).limit(window.size + 1).getResultList();
  return pageOf(rows, window, (flag) => FLAG_CURSOR.encode([flag.raisedAt, flag.id]), () => filtered().getCount());
}
