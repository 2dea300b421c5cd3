import { EntityManager } from '@mikro-orm/postgresql';
import { CalendarDay, CalendarDayKind } from './calendar-day.entity';
import { PRC_CALENDAR_SEED, prcCalendar } from './prc-calendar';
import { WorkingDayCalendar } from './working-days';

const seedHolidays = Object.values(PRC_CALENDAR_SEED.years).flatMap((y) => y.holidays);
const seedWorkdays = Object.values(PRC_CALENDAR_SEED.years).flatMap((y) => y.workdays);
const seedYears = Object.keys(PRC_CALENDAR_SEED.years).map(Number);

/**
 * An association's working-day calendar: the PRC seed with the association's own entries on top.
 * Associations without entries share the seed calendar.
 */
export async function calendarFor(em: EntityManager, associationId: string): Promise<WorkingDayCalendar> {
  const entries = await em.find(CalendarDay, { association: associationId });
  if (!entries.length) return prcCalendar;
  // a SEED entry hands its date back to the seed: it overrides nothing
  const overridden = new Set(entries.filter((e) => e.kind !== CalendarDayKind.SEED).map((e) => e.date));
  const ofKind = (kind: CalendarDayKind) => entries.filter((e) => e.kind === kind).map((e) => e.date);
  return new WorkingDayCalendar({
    holidays: [...seedHolidays.filter((d) => !overridden.has(d)), ...ofKind(CalendarDayKind.HOLIDAY)],
    workdays: [...seedWorkdays.filter((d) => !overridden.has(d)), ...ofKind(CalendarDayKind.WORKDAY)],
    years: [...seedYears, ...entries.map((e) => Number(e.date.slice(0, 4)))],
  });
}
