import { IndicatorDefinition, indicatorOf, INDICATORS } from './indicators';

// The SQL that keeps `filing_figure` (one row per platform and period: the live filing's figures as typed
// numbers) up to date, generated from the indicator definitions. A statement trigger on `filing` runs it in
// the transaction of every statement that inserts filings, whatever path wrote them (submission,
// amendment, import, bulk SQL); the migration that creates the table runs it over the filings already stored.


const RAW = INDICATORS.flatMap((i) => (i.source.kind === 'raw' ? [i.source] : []));

/**
 * The sections of a filing's content as typed records, each parsed once (`jsonb_to_record`): reading the
 * fields one by one (`content->'ops'->>...`) would take the whole document apart again for each of them.
 */
const SECTIONS = (['ops', 'custody'] as const)
  .map((section) => {
    const fields = RAW.filter((r) => r.section === section).map((r) => `"${r.field}" numeric`);
    return `cross join lateral jsonb_to_record(f.content->'${section}') as ${section}(${fields.join(', ')})`;
  })
  .join(' ');

/** The SQL expression of a raw figure (over the parsed sections), by its camelCase field name. */
function rawSql(field: string): string {
  const definition = indicatorOf(field);
  if (definition.source.kind !== 'raw') throw new Error(`${field} is not a raw indicator`);
  return `${definition.source.section}."${field}"`;
}

/** The SQL expression of an indicator computed from one filing (growth is computed between rows, see below). */
function filingSql(definition: IndicatorDefinition): string | null {
  const source = definition.source;
  switch (source.kind) {
    case 'raw':
      return rawSql(source.field);
    case 'share':
      return `floor(${rawSql(source.part)} * 10000 / nullif(${rawSql(source.whole)}, 0))`;
    case 'difference':
      return `${rawSql(source.minuend)} - ${rawSql(source.subtrahend)}`;
    case 'growth':
      return null;
  }
}

const FILING_INDICATORS = INDICATORS.filter((i) => i.source.kind !== 'growth');
const GROWTH_INDICATORS = INDICATORS.filter((i) => i.source.kind === 'growth');

/** The period after `column` (a YYYY-MM text), in SQL. */
export const nextPeriodSql = (column: string) => `to_char((${column} || '-01')::date + interval '1 month', 'YYYY-MM')`;

/** The period before `column`, in SQL: compared with `prev.period` as is, so the primary key finds the row. */
const previousPeriodSql = (column: string) => `to_char((${column} || '-01')::date - interval '1 month', 'YYYY-MM')`;

/**
 * Upserts the figures of the latest filing version per platform and period found in `source` (the `filing`
 * table or a transition table of it); a version older than the stored one changes nothing.
 */
export function upsertFiguresSql(source: string): string {
  const columns = FILING_INDICATORS.map((i) => i.column);
  return `insert into filing_figure as ff (platform_id, period, filing_id, amendment, ${columns.join(', ')})
  select distinct on (f.platform_id, f.period) f.platform_id, f.period, f.id, f.amendment, ${FILING_INDICATORS.map(filingSql).join(', ')}
  from ${source} f ${SECTIONS} order by f.platform_id, f.period, f.amendment desc
  on conflict (platform_id, period) do update set filing_id = excluded.filing_id, amendment = excluded.amendment,
    ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}
  where excluded.amendment > ff.amendment`;
}

/**
 * Recomputes the month-on-month growth figures of the rows whose (platform_id, period) `keys` (a relation)
 * names: a filed month changes its own growth and that of the month after it.
 */
export function growthSql(keys: string): string {
  const sets = GROWTH_INDICATORS.map((i) => {
    const of = indicatorOf((i.source as { of: string }).of).column;
    return `${i.column} = floor((cur.${of} - prev.${of}) * 10000 / nullif(prev.${of}, 0))`;
  });
  return `update filing_figure cur set ${sets.join(', ')}
  from (${keys}) k left join filing_figure prev on prev.platform_id = k.platform_id and prev.period = ${previousPeriodSql('k.period')}
  where cur.platform_id = k.platform_id and cur.period = k.period`;
}

/** The body of the trigger function on `filing` inserts (statement level, transition table `new_filing`). */
export function figureTriggerSql(): string {
  const keys = `select platform_id, period from new_filing union select platform_id, ${nextPeriodSql('period')} from new_filing`;
  return `begin
  ${upsertFiguresSql('new_filing')};
  ${growthSql(keys)};
  return null;
end`;
}

/** The columns of `filing_figure` that hold figures, in definition order. */
export const FIGURE_COLUMNS = INDICATORS.map((i) => i.column);
