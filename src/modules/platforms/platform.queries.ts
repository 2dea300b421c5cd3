import { CursorCodec, keysetRead, Page, pageOf, PageWindow } from '../../shared/pagination';
import { EntityManager, QueryBuilder, raw } from '@mikro-orm/postgresql';
import { Platform } from './platform.entity';
import { platformFromRow } from './platform.rows';
import { PlatformFilter, PlatformOrder } from './platform.filters';
import { qualificationStateSql } from './qualification-state.sql';
import { riskScoreSql } from './risk-score';

const byName = (order: PlatformOrder) => new CursorCodec('platforms', order, ['text', 'text'] as const);
const byRegistration = (order: PlatformOrder) => new CursorCodec('platforms', order, ['instant', 'text'] as const);

/** Each order's sort column and direction, and its cursors (a cursor of one order is refused in another). */
export const ORDERS = {
  [PlatformOrder.NAME_ASC]: { column: 'legal_name', dir: 'asc', cursor: byName(PlatformOrder.NAME_ASC) },
  [PlatformOrder.NAME_DESC]: { column: 'legal_name', dir: 'desc', cursor: byName(PlatformOrder.NAME_DESC) },
  [PlatformOrder.REGISTERED_ASC]: { column: 'created_at', dir: 'asc', cursor: byRegistration(PlatformOrder.REGISTERED_ASC) },
  [PlatformOrder.REGISTERED_DESC]: { column: 'created_at', dir: 'desc', cursor: byRegistration(PlatformOrder.REGISTERED_DESC) },
} as const;
const byRisk = new CursorCodec('platforms', PlatformOrder.RISK_SCORE, ['int', 'text'] as const);

/** The cursor after a platform row in name order (the benchmark builds page cursors from rows). */
export function platformNameCursor(order: PlatformOrder.NAME_ASC | PlatformOrder.NAME_DESC, legalName: string, id: string): string {
  return ORDERS[order].cursor.encode([legalName, id]);
}

/** Arguments of one page of platforms. */
export interface PlatformPageQuery {
  filter?: PlatformFilter | null;
  order: PlatformOrder;
  window: PageWindow;
  now: Date;
}

/**
 * One keyset page of platforms: `(sort column, id)` after the cursor, one statement for the page and
 * one more for `totalCount` only when it is asked for.
 */
export async function findPlatformPage(em: EntityManager, query: PlatformPageQuery): Promise<Page<Platform>> {
  if (query.order === PlatformOrder.RISK_SCORE) return findRiskPage(em, query);
  const order = ORDERS[query.order];
  const { window } = query;
  const read = keysetRead(order.dir, window);
  const filtered = () => applyFilter(em.createQueryBuilder(Platform, 'p'), query.filter, query.now);
  const qb = filtered();
  if (window.cursor) {
    const [value, id] = order.cursor.decode(window.cursor, window.cursorArgument);
    qb.andWhere(`(p.${order.column}, p.id) ${read.compare} (?, ?)`, [value, id]);
  }
  qb.orderBy({ [order.column === 'legal_name' ? 'legalName' : 'createdAt']: read.order, id: read.order }).limit(window.size + 1);
  const rows = (await qb.execute<Record<string, unknown>[]>('all', false)).map(platformFromRow);
  const cursorOf = (p: Platform) => (order.column === 'legal_name' ? order.cursor.encode([p.legalName, p.id]) : order.cursor.encode([p.createdAt, p.id]));
  return pageOf(rows, window, cursorOf, () => filtered().getCount());
}

/** A page in risk score order (highest first, ties by id desc): the score computed in the statement, as of `now`. */
async function findRiskPage(em: EntityManager, query: PlatformPageQuery): Promise<Page<Platform>> {
  const score = riskScoreSql('p', query.now);
  const qb = applyFilter(em.createQueryBuilder(Platform, 'p'), query.filter, query.now).select(['p.*', raw(`${score} as risk_score`)]);
  const { window } = query;
  const read = keysetRead('desc', window);
  if (window.cursor) qb.andWhere(`(${score}, p.id) ${read.compare} (?, ?)`, byRisk.decode(window.cursor, window.cursorArgument));
  qb.orderBy({ [raw(score)]: read.order, id: read.order }).limit(window.size + 1);
  const rows = await qb.execute<Record<string, unknown>[]>('all', false);
  const scores = new Map<Platform, number>();
  const platforms = rows.map((row) => {
    const platform = platformFromRow(row);
    scores.set(platform, Number(row.risk_score));
    return platform;
  });
  return pageOf(platforms, window, (p) => byRisk.encode([scores.get(p)!, p.id]), () => applyFilter(em.createQueryBuilder(Platform, 'p'), query.filter, query.now).getCount());
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
  if (filter.minRiskScore !== null && filter.minRiskScore !== undefined) qb.andWhere(`${riskScoreSql('p', now)} >= ?`, [filter.minRiskScore]);
  return qb;
}
