/**
 * Calendar-date and period helpers for China time (UTC+08:00, no DST).
 * Dates are handled as 'YYYY-MM-DD' strings and computed with UTC arithmetic only, so results never depend on
 * the machine's time zone.
 */

/** A China calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;

/** A monthly filing period, 'YYYY-MM'. */
export type Period = string;

/** China's fixed UTC offset in RFC 3339 form. */
export const CHINA_OFFSET = '+08:00';

const DAY_MS = 86_400_000;
const DATE_RE = /^([1-9]\d{3})-(\d{2})-(\d{2})$/;
const PERIOD_RE = /^([1-9]\d{3})-(0[1-9]|1[0-2])$/;

/** Parses a 'YYYY-MM-DD' date to its UTC-midnight epoch milliseconds; throws RangeError on a malformed or impossible date. */
export function dateToUtcMs(date: IsoDate): number {
  const m = DATE_RE.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (Number.isNaN(ms) || utcMsToDate(ms) !== date) {
    throw new RangeError(`Invalid date ${JSON.stringify(date)}: expected a real calendar date as YYYY-MM-DD`);
  }
  return ms;
}

/** Formats UTC-midnight epoch milliseconds as 'YYYY-MM-DD'. */
export function utcMsToDate(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date `days` calendar days after `date` (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return utcMsToDate(dateToUtcMs(date) + days * DAY_MS);
}

/** Day of the week of a date: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(dateToUtcMs(date)).getUTCDay();
}

/** Parses a 'YYYY-MM' period (month 01-12); throws RangeError otherwise. */
export function parsePeriod(period: Period): { year: number; month: number } {
  const m = typeof period === 'string' ? PERIOD_RE.exec(period) : null;
  if (!m) throw new RangeError(`Invalid period ${JSON.stringify(period)}: expected YYYY-MM with month 01-12`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** First calendar date of a period. */
export function firstDayOfPeriod(period: Period): IsoDate {
  parsePeriod(period);
  return `${period}-01`;
}

/** Last calendar date of a period (28-31, leap years included). */
export function lastDayOfPeriod(period: Period): IsoDate {
  const { year, month } = parsePeriod(period);
  return utcMsToDate(Date.UTC(year, month, 1) - DAY_MS);
}

/** The period following `period` ('2019-12' → '2020-01'). */
export function nextPeriod(period: Period): Period {
  const { year, month } = parsePeriod(period);
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** The instant of a China wall-clock time on a date, e.g. chinaInstant('2019-05-31', '23:59:59'). */
export function chinaInstant(date: IsoDate, time: string): Date {
  dateToUtcMs(date);
  return new Date(`${date}T${time}${CHINA_OFFSET}`);
}

/** The China calendar date ('YYYY-MM-DD', +08:00) of an instant. */
export function chinaDateOf(instant: Date): IsoDate {
  return utcMsToDate(instant.getTime() + 8 * 3_600_000);
}
