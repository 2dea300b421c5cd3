import { QualificationState } from './platform.enums';
import { qualificationStateSql } from './qualification-state.sql';

// The risk score, defined once: the points below are what `Platform.risk` itemises (each point names the
// flag or qualification it comes from) and what `platforms(orderBy: RISK_SCORE)` and `minRiskScore` compute
// in SQL (riskScoreSql). The README ("Compare") documents the formula.

/** Points of a flag by severity, before its status factor. */
export const SEVERITY_POINTS: Record<string, number> = { CRITICAL: 20, HIGH: 10, MEDIUM: 4, LOW: 1 };

/**
 * How much a flag in each status counts. A status not listed scores nothing (RESOLVED, SUPERSEDED): the
 * due-process statuses of issue 10 (e.g. RESPONDED, CONFIRMED) slot in here with their factor.
 */
export const STATUS_FACTOR: Record<string, number> = { OPEN: 1 };

/** Points of a live qualification by its state at the time asked (EXPIRING: within EXPIRING_WITHIN_DAYS). */
export const QUALIFICATION_POINTS: Partial<Record<QualificationState, number>> = { [QualificationState.EXPIRED]: 10, [QualificationState.EXPIRING]: 3 };

/** Points of one flag. */
export const flagPoints = (status: string, severity: string): number => (STATUS_FACTOR[status] ?? 0) * (SEVERITY_POINTS[severity] ?? 0);

/** A timestamp literal for `now` (generated from a Date, never from input). */
const at = (now: Date) => `'${now.toISOString()}'::timestamptz`;

/**
 * The risk score of the platform `alias`.id as of `now`, as one SQL expression: its scored flags (read
 * through the flag (platform_id, status, severity) index) plus its expired and expiring qualifications.
 */
export function riskScoreSql(alias: string, now: Date): string {
  const statuses = Object.keys(STATUS_FACTOR).map((s) => `'${s}'`).join(', ');
  const flagCase = Object.entries(STATUS_FACTOR)
    .flatMap(([status, factor]) => Object.entries(SEVERITY_POINTS).map(([severity, points]) => `when f.status = '${status}' and f.severity = '${severity}' then ${factor * points}`))
    .join(' ');
  const qualificationCase = Object.entries(QUALIFICATION_POINTS)
    .map(([state, points]) => `when ${qualificationStateSql(state as QualificationState).sql.replaceAll('?', at(now))} then ${points}`)
    .join(' ');
  return `((select coalesce(sum(case ${flagCase} else 0 end), 0) from flag f where f.platform_id = ${alias}.id and f.status in (${statuses}))
    + (select coalesce(sum(case ${qualificationCase} else 0 end), 0) from qualification q where q.platform_id = ${alias}.id))::int`;
}
