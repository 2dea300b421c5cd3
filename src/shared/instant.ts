/**
 * Instants the registry accepts: 1900-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z. Earlier or later
 * years (year 0, five-digit years) have no RFC 3339 form and PostgreSQL or the calendar refuse them.
 */
export const INSTANT_RANGE = { from: new Date('1900-01-01T00:00:00.000Z'), to: new Date('9999-12-31T23:59:59.999Z') } as const;

/** Why `value` is not an instant the registry accepts, or null. */
export function instantProblem(value: Date): string | null {
  const ms = value.getTime();
  if (Number.isNaN(ms)) return 'must be a valid date-time';
  if (ms < INSTANT_RANGE.from.getTime() || ms > INSTANT_RANGE.to.getTime()) return 'must be between 1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z';
  return null;
}
