import { Matches, ValidateBy } from 'class-validator';

/**
 * Years the registry accepts in periods and calendar dates: 2000 to 2099. Online lending in China
 * began in 2007; due dates of the last period (2099-12) still fall in years the calendar computes.
 */
export const SUPPORTED_YEARS = { first: 2000, last: 2099 } as const;

/** A reporting month, YYYY-MM, in the supported years (2000-01 to 2099-12): the one period check. */
export const PERIOD_PATTERN = /^20\d{2}-(0[1-9]|1[0-2])$/;

const PERIOD_MESSAGE = `must be a month as YYYY-MM from ${SUPPORTED_YEARS.first}-01 to ${SUPPORTED_YEARS.last}-12`;

function isPeriod(value: unknown): value is string {
  return typeof value === 'string' && PERIOD_PATTERN.test(value);
}

/** Why `value` is not a period the registry accepts, or null (for arguments checked by hand). */
export function periodProblem(value: string): string | null {
  return isPeriod(value) ? null : PERIOD_MESSAGE;
}

/** class-validator check for a YYYY-MM month field. */
export function IsPeriod(): PropertyDecorator {
  return Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE });
}

/** Whether `value` is a real calendar date YYYY-MM-DD (no 2031-02-30) in the supported years. */
function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !isPeriod(value.slice(0, 7))) return false;
  const [year, month, day] = value.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

/** class-validator check for a YYYY-MM-DD date field. */
export function IsCalendarDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isCalendarDate',
    validator: { validate: isCalendarDate, defaultMessage: () => `must be a real date as YYYY-MM-DD from ${SUPPORTED_YEARS.first} to ${SUPPORTED_YEARS.last}` },
  });
}
