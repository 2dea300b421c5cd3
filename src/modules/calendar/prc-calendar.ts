import seed from '../../../seeds/calendar/prc-2016-2026.json';
import { WorkingDayCalendar } from './working-days';

/** Shape of seeds/calendar/prc-2016-2026.json; dates are keyed by their own calendar year. */
export interface PrcCalendarSeed {
  source: string;
  convention: string;
  years: Record<string, { holidays: string[]; workdays: string[]; notices: string[]; notes?: string }>;
}

/** The seed data: PRC State Council holiday arrangements, 2016-2026. */
export const PRC_CALENDAR_SEED: PrcCalendarSeed = seed;

/** First and last year the PRC seed covers; other years fall back to plain Mon-Fri (check `covers(year)`). */
export const PRC_CALENDAR_YEARS = { first: 2016, last: 2026 } as const;

/** Builds a WorkingDayCalendar from the PRC seed; `covers(year)` is true exactly for 2016-2026. */
export function createPrcCalendar(data: PrcCalendarSeed = PRC_CALENDAR_SEED): WorkingDayCalendar {
  const entries = Object.entries(data.years);
  return new WorkingDayCalendar({
    holidays: entries.flatMap(([, y]) => y.holidays),
    workdays: entries.flatMap(([, y]) => y.workdays),
    years: entries.map(([year]) => Number(year)),
  });
}

/** The shared PRC calendar (immutable, built once at load). */
export const prcCalendar: WorkingDayCalendar = createPrcCalendar();
