import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../shared/sql';
import { calendarFor } from '../calendar/association-calendar';
import { WorkingDayCalendar } from '../calendar/working-days';
import type { BatchContext } from './facts-as-of';

interface ParameterRow {
  name: string;
  period: string;
  value: string;
  publishedMs: number;
}

/**
 * `ctx.params` by association, period and instant from one load of the associations' parameter values: for
 * each name, among the versions published by the instant, the latest version for the latest period at or
 * before the period. Results are shared between instants that saw the same publications.
 */
export async function parameterHistory(em: EntityManager, associationIds: string[]): Promise<BatchContext['params']> {
  const rows: { association_id: string; name: string; period: string; value: string; published_at: Date }[] = associationIds.length
    ? await sql(
        em,
        `select association_id, name, period, value, published_at from parameter_value where association_id in (?)
          order by association_id, name, period desc, number desc`,
        [associationIds],
      )
    : [];
  const byAssociation = new Map<string, ParameterRow[]>();
  for (const row of rows) {
    const list = byAssociation.get(row.association_id) ?? [];
    list.push({ name: row.name, period: row.period, value: row.value, publishedMs: new Date(row.published_at).getTime() });
    byAssociation.set(row.association_id, list);
  }
  const instants = new Map([...byAssociation].map(([id, list]) => [id, list.map((r) => r.publishedMs).sort((a, b) => a - b)]));
  const resolved = new Map<string, Record<string, bigint>>();
  return (associationId, period, recordedBy) => {
    const limit = recordedBy.getTime();
    const key = `${associationId} ${period} ${countAtMost(instants.get(associationId) ?? [], limit)}`;
    let params = resolved.get(key);
    if (!params) {
      params = {};
      const named = new Set<string>();
      for (const row of byAssociation.get(associationId) ?? []) {
        if (row.period > period || row.publishedMs > limit || named.has(row.name)) continue;
        named.add(row.name);
        params[row.name] = BigInt(row.value);
      }
      resolved.set(key, params);
    }
    return params;
  };
}

/** The working-day calendar of each association (calendarFor), each period's due instant computed once. */
export async function calendarsOf(em: EntityManager, associationIds: string[]): Promise<Map<string, WorkingDayCalendar>> {
  const calendars = new Map<string, WorkingDayCalendar>();
  // one after another: inside a transaction they share one connection
  for (const id of associationIds) calendars.set(id, withCachedDueDates(await calendarFor(em, id)));
  return calendars;
}

/** How many of the sorted `values` are at most `limit`. */
function countAtMost(values: number[], limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid] <= limit) low = mid + 1;
    else high = mid;
  }
  return low;
}

const cachedCalendars = new WeakMap<WorkingDayCalendar, WorkingDayCalendar>();

/**
 * A calendar that computes each period's due instant once: per process for the shared PRC seed calendar
 * (calendarFor returns the same object for every association without entries), per batch otherwise.
 */
function withCachedDueDates(calendar: WorkingDayCalendar): WorkingDayCalendar {
  let cached = cachedCalendars.get(calendar);
  if (!cached) {
    const dueAt = new Map<string, Date>();
    cached = Object.create(calendar, {
      filingDueAt: {
        value(period: string): Date {
          let due = dueAt.get(period);
          if (!due) {
            due = calendar.filingDueAt(period);
            dueAt.set(period, due);
          }
          return due;
        },
      },
    }) as WorkingDayCalendar;
    cachedCalendars.set(calendar, cached);
  }
  return cached;
}
