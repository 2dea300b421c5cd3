import { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { decodeCursor, encodeCursor, Page } from '../../shared/pagination';
import { Platform } from './platform.entity';
import { platformFromRow } from './platform.rows';
import { PlatformFilter, PlatformOrder } from './platform.filters';
import { qualificationStateSql } from './qualification-state.sql';

const ORDERS: Record<PlatformOrder, { column: 'legal_name' | 'created_at'; dir: 'asc' | 'desc' }> = {
  [PlatformOrder.NAME_ASC]: { column: 'legal_name', dir: 'asc' },
  [PlatformOrder.NAME_DESC]: { column: 'legal_name', dir: 'desc' },
  [PlatformOrder.REGISTERED_ASC]: { column: 'created_at', dir: 'asc' },
  [PlatformOrder.REGISTERED_DESC]: { column: 'created_at', dir: 'desc' },
};

/** Arguments of one page of platforms. */
export interface PlatformPageQuery {
  filter?: PlatformFilter | null;
  order: PlatformOrder;
  first: number;
  after?: string | null;
  now: Date;
}

/**
 * One keyset page of platforms: `(sort column, id)` after the cursor, one statement for the page and
 * one more for `totalCount` only when it is asked for.
 */
export async function findPlatformPage(em: EntityManager, query: PlatformPageQuery): Promise<Page<Platform>> {
  const { column, dir } = ORDERS[query.order];
  const filtered = () => applyFilter(em.createQueryBuilder(Platform, 'p'), query.filter, query.now);
  const qb = filtered();
  if (query.after) {
    const [value, id] = decodeCursor(query.after, 2) as [string, string];
    const sortValue = column === 'created_at' ? new Date(value) : value;
    qb.andWhere(`(p.${column}, p.id) ${dir === 'asc' ? '>' : '<'} (?, ?)`, [sortValue, id]);
  }
  qb.orderBy({ [column === 'legal_name' ? 'legalName' : 'createdAt']: dir, id: dir }).limit(query.first + 1);
  const rows = (await qb.execute<Record<string, unknown>[]>('all', false)).map(platformFromRow);
  return {
    rows: rows.slice(0, query.first),
    hasNextPage: rows.length > query.first,
    cursorOf: (p) => encodeCursor([column === 'legal_name' ? p.legalName : p.createdAt.toISOString(), p.id]),
    count: () => filtered().getCount(),
  };
}

function applyFilter(qb: QueryBuilder<Platform>, filter: PlatformFilter | null | undefined, now: Date) {
  if (!filter) return qb;
  if (filter.registryStatus?.length) qb.andWhere({ registryStatus: { $in: filter.registryStatus } });
  if (filter.registrationAuthority) qb.andWhere({ regulatorRegistration: { authority: filter.registrationAuthority } });
  if (filter.custodyBankName) qb.andWhere({ custodyBankName: filter.custodyBankName });
  if (filter.qualification) {
    const { sql, params } = qualificationStateSql(filter.qualification.state);
    const typed = filter.qualification.type ? ' and q.type = ?' : '';
    const values = [...Array(params).fill(now), ...(filter.qualification.type ? [filter.qualification.type] : [])];
    qb.andWhere(`exists (select 1 from qualification q where q.platform_id = p.id and ${sql}${typed})`, values);
  }
  return qb;
}
