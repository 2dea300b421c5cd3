import { QualificationState } from './platform.enums';
import { qualificationStateSql } from './qualification-state.sql';
import { publishedFlagSql } from '../flags/flag.visibility';

// The risk score, defined once: the points below are what `Platform.risk` itemises (each point names the
// flag or qualification it comes from) and what `platforms(orderBy: RISK_SCORE)` and `minRiskScore` compute
// in SQL (riskScoreSql). The README ("Compare") documents the formula.

/** Points of a flag by severity, before its status factor. */
export const SEVERITY_POINTS: Record<string, number> = { CRITICAL: 20, HIGH: 10, MEDIUM: 4, LOW: 1 };

/**
 * How much a standing (status OPEN) flag counts by the state of its case: a confirmed breach twice, an open
 * or answered one once; a state not listed scores nothing (DISMISSED, REMEDIATED, CLOSED), and so does a
 * flag no longer standing (RESOLVED, SUPERSEDED). A new case state slots in here with its factor.
 */
export const CASE_FACTOR: Record<string, number> = { OPEN: 1, RESPONDED: 1, CONFIRMED: 2 };

/** Points of a live qualification by its state at the time asked (EXPIRING: within EXPIRING_WITHIN_DAYS). */
export const QUALIFICATION_POINTS: Partial<Record<QualificationState, number>> = { [QualificationState.EXPIRED]: 10, [QualificationState.EXPIRING]: 3 };

/** Points of one flag. */
export const flagPoints = (status: string, caseState: string, severity: string): number =>
  status === 'OPEN' ? (CASE_FACTOR[caseState] ?? 0) * (SEVERITY_POINTS[severity] ?? 0) : 0;

/** A timestamp literal for `now` (generated from a Date, never from input). */
const at = (now: Date) => `'${now.toISOString()}'::timestamptz`;

/**
 * The risk score of the platform `alias`.id as of `now`, as one SQL expression: its scored published flags (read
 * through the flag (platform_id, period) index) plus its expired and expiring qualifications.
 */
export function riskScoreSql(alias: string, now: Date): string {
  const states = Object.keys(CASE_FACTOR).map((s) => `'${s}'`).join(', ');
  const flagCase = Object.entries(CASE_FACTOR)
    .flatMap(([state, factor]) => Object.entries(SEVERITY_POINTS).map(([severity, points]) => `when f.case_state = '${state}' and f.severity = '${severity}' then ${factor * points}`))
    .join(' ');
  const qualificationCase = Object.entries(QUALIFICATION_POINTS)
    .map(([state, points]) => `when ${qualificationStateSql(state as QualificationState).sql.replaceAll('?', at(now))} then ${points}`)
    .join(' ');
  return `((select coalesce(sum(case ${flagCase} else 0 end), 0) from flag f where f.platform_id = ${alias}.id and f.status = 'OPEN' and ${publishedFlagSql('f')} and f.case_state in (${states}))
    + (select coalesce(sum(case ${qualificationCase} else 0 end), 0) from qualification q where q.platform_id = ${alias}.id))::int`;
}
