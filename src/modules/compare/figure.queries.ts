import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../errors';
import { CursorCodec, keysetRead, Page, pageOf, pageWindow } from '../../shared/pagination';
import { sql } from '../../shared/sql';
import { FigureOrder, FigurePoint, FigureSeries, FigureStats, PeerGroup, PeriodFiguresArgs, PlatformFigure } from './figure.types';
import { Indicator, INDICATOR_BY_NAME } from './indicators';

/** Longest range of months `Platform.figures` serves. */
export const MAX_SERIES_MONTHS = 120;

const INTEGER = /^-?\d{1,40}$/;
const toBig = (value: string | null): bigint | null => (value === null ? null : BigInt(value));

/** A period's comparison: the peers' distribution and one keyset page of platforms. */
export interface PeriodComparison {
  stats: FigureStats;
  page: Page<PlatformFigure>;
}

/** A row of the comparison statement: the stats on every row, and one platform of the page (or nulls when the page is empty). */
export interface PeriodFigureRow {
  n: string;
  ps: string[] | null;
  platform_id: string | null;
  value_text: string | null;
  filing_id: string | null;
}

/** The comparison statement (`?` placeholders) and its bindings: what comparePeriod sends, and the bench's raw baseline too. */
export function periodFiguresSql(args: PeriodFiguresArgs) {
  const column = INDICATOR_BY_NAME.get(args.indicator)!.column;
  const codec = new CursorCodec('periodFigures', `${args.orderBy}:${args.indicator}:${args.period}:${args.associationId ?? ''}`, ['text', 'text'] as const);
  const desc = args.orderBy === FigureOrder.VALUE_DESC;
  const bindings: unknown[] = [args.period];
  let peers = `select ff.platform_id, ff.${column} as value, ff.filing_id from filing_figure ff`;
  if (args.associationId) {
    peers += ' join platform p on p.id = ff.platform_id and p.association_id = ?';
    bindings.unshift(args.associationId);
  }
  peers += ` where ff.period = ? and ff.${column} is not null`;
  const window = pageWindow(args);
  const read = keysetRead(desc ? 'desc' : 'asc', window);
  let after = '';
  if (window.cursor) {
    const [value, platformId] = codec.decode(window.cursor, window.cursorArgument);
    if (!INTEGER.test(value)) throw badInput(window.cursorArgument, 'holds values this list never issued');
    after = `where (value, platform_id) ${read.compare} (?::numeric, ?)`;
    bindings.push(value, platformId);
  }
  bindings.push(window.size + 1);
  const dir = read.order;
  const query = `with peers as (${peers}),
      stats as (select count(*) as n, percentile_disc(array[0.1, 0.25, 0.5, 0.75, 0.9]) within group (order by value) as ps from peers)
    select s.n, s.ps::text[] as ps, page.* from stats s
      left join lateral (select platform_id, value::text as value_text, filing_id from peers ${after} order by peers.value ${dir}, platform_id ${dir} limit ?) page on true`;
  return { codec, window, query, bindings };
}

/**
 * Every platform's figure for one period and indicator, in one statement: the peers (platforms with a value,
 * optionally of one association) read through the period index, their count and nearest-rank percentiles,
 * and the page after the cursor in value order (ties by platform id).
 */
export async function comparePeriod(em: EntityManager, args: PeriodFiguresArgs): Promise<PeriodComparison> {
  const { codec, window, query, bindings } = periodFiguresSql(args);
  const rows = await sql<PeriodFigureRow>(em, query, bindings);
  const [first] = rows;
  const ps = first.ps ?? [null, null, null, null, null];
  const figures = rows.filter((r) => r.platform_id !== null).map((r) => ({ platformId: r.platform_id!, value: BigInt(r.value_text!), filingId: r.filing_id! }));
  const count = Number(first.n);
  return {
    stats: { count, p10: toBig(ps[0]), p25: toBig(ps[1]), median: toBig(ps[2]), p75: toBig(ps[3]), p90: toBig(ps[4]) },
    page: pageOf(figures, window, (f) => codec.encode([f.value.toString(), f.platformId]), async () => count),
  };
}

/** A platform's series asked for: its id and the arguments of `figures`. */
export interface SeriesKey {
  platformId: string;
  /** The platform's association (its peers with PeerGroup.ASSOCIATION). */
  associationId: string;
  peers: PeerGroup;
  indicators: Indicator[];
  fromPeriod: string;
  toPeriod: string;
}

/** The months from `from` to `to`, oldest first. */
export function monthsBetween(from: string, to: string): string[] {
  const index = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
  const months: string[] = [];
  for (let i = index(from); i <= index(to); i++) months.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return months;
}

/** Refuses a range that is reversed or longer than MAX_SERIES_MONTHS. */
export function checkSeriesRange(from: string, to: string): void {
  if (to < from) throw badInput('toPeriod', 'must not be before fromPeriod');
  if (monthsBetween(from, to).length > MAX_SERIES_MONTHS) throw badInput('toPeriod', `must be at most ${MAX_SERIES_MONTHS} months after fromPeriod`);
}

const groupOf = (k: SeriesKey) => `${k.indicators.join(',')} ${k.fromPeriod} ${k.toPeriod} ${k.peers}`;
const seriesKeyOf = (k: SeriesKey) => `${k.platformId} ${groupOf(k)}`;

/**
 * Series of many platforms at once (a page of platforms asking for the same figures): per distinct set of
 * arguments, one statement for the platforms' rows and one for the peer medians of each month.
 */
export function seriesLoader(em: EntityManager) {
  return new DataLoader<SeriesKey, FigureSeries[], string>(
    async (keys) => {
      const groups = new Map<string, SeriesKey[]>();
      for (const key of keys) {
        groups.set(groupOf(key), [...(groups.get(groupOf(key)) ?? []), key]);
      }
      const built = new Map<string, FigureSeries[]>();
      for (const group of groups.values()) {
        const { indicators, fromPeriod, toPeriod, peers: peerGroup } = group[0];
        const byAssociation = peerGroup === PeerGroup.ASSOCIATION;
        const associations = [...new Set(group.map((k) => k.associationId))];
        const columns = [...new Set(indicators)].map((name) => INDICATOR_BY_NAME.get(name)!);
        const own = await sql<Record<string, string | null>>(
          em,
          `select platform_id, period, ${columns.map((c) => `${c.column}::text`).join(', ')} from filing_figure where platform_id in (${group.map(() => '?').join(', ')}) and period between ? and ?`,
          [...group.map((k) => k.platformId), fromPeriod, toPeriod],
        );
        const stats = columns.map((c) => `count(${c.column}) as n_${c.column}, percentile_disc(0.5) within group (order by ${c.column})::text as m_${c.column}`);
        const peers = await sql<Record<string, string | null>>(
          em,
          byAssociation
            ? `select p.association_id as peers, ff.period, ${stats.join(', ')} from filing_figure ff join platform p on p.id = ff.platform_id
              where p.association_id in (${associations.map(() => '?').join(', ')}) and ff.period between ? and ? group by p.association_id, ff.period`
            : `select '' as peers, period, ${stats.join(', ')} from filing_figure where period between ? and ? group by period`,
          [...(byAssociation ? associations : []), fromPeriod, toPeriod],
        );
        const ownBy = new Map(own.map((r) => [`${r.platform_id} ${r.period}`, r]));
        const peersBy = new Map(peers.map((r) => [`${r.peers} ${r.period}`, r]));
        const months = monthsBetween(fromPeriod, toPeriod);
        for (const key of group) {
          built.set(
            seriesKeyOf(key),
            key.indicators.map((name) => {
              const { column, unit } = INDICATOR_BY_NAME.get(name)!;
              const points: FigurePoint[] = months.map((period) => {
                const peer = peersBy.get(`${byAssociation ? key.associationId : ''} ${period}`);
                return {
                  period,
                  value: toBig(ownBy.get(`${key.platformId} ${period}`)?.[column] ?? null),
                  peerMedian: toBig(peer?.[`m_${column}`] ?? null),
                  peerCount: Number(peer?.[`n_${column}`] ?? 0),
                };
              });
              return { indicator: name, unit, points };
            }),
          );
        }
      }
      return keys.map((key) => built.get(seriesKeyOf(key))!);
    },
    { cacheKeyFn: seriesKeyOf },
  );
}
