import { Matches } from 'class-validator';

/** A reporting month, YYYY-MM. */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** class-validator check for a YYYY-MM month field. */
export function IsPeriod(): PropertyDecorator {
  return Matches(PERIOD_PATTERN, { message: 'must be a month as YYYY-MM' });
}
