import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../shared/sql';
import { QualificationState } from '../platforms/platform.enums';
import { qualificationStateSql } from '../platforms/qualification-state.sql';
import { EXPIRING_WITHIN_DAYS } from '../platforms/qualification.rules';
import { CASE_FACTOR, flagPoints, QUALIFICATION_POINTS } from '../platforms/risk-score';
import { MISSING_FILING_RULE } from '../filings/submit-filing';
import { itemKey, PlatformRisk, RiskPoint } from './platform-risk.types';
import { publishedFlagSql } from './flag.visibility';

const list = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The SQL condition (alias q) for a qualification state as of `now`, with its bindings. */
function stateCondition(state: QualificationState, now: Date): [string, Date[]] {
  const { sql: condition, params } = qualificationStateSql(state);
  return [condition, Array(params).fill(now)];
}

/**
 * Risk summaries of many platforms at once, as of `now`: four statements per batch (flag counts, scored
 * flags, expired or expiring qualifications, late filings), whatever the number of platforms. The score is
 * the sum of the items' points, the same formula `riskScoreSql` computes for ordering and filtering. Flags held for
 * review do not count (for anyone) until a reviewer confirms them.
 */
export function riskLoader(em: EntityManager, now: Date) {
  return new DataLoader<string, PlatformRisk>(async (ids) => {
    const counts = await sql<{ platform_id: string; status: string; case_state: string; severity: string; category: string; n: string; missing: string }>(
      em,
      `select platform_id, status::text as status, case_state::text as case_state, severity::text as severity, category::text as category, count(*) as n,
         count(distinct period) filter (where rule_code = ? and filing_id is null) as missing
       from flag g where platform_id in (${list(ids.length)}) and ${publishedFlagSql('g')} group by 1, 2, 3, 4, 5 order by 2, 3, 4, 5`,
      [MISSING_FILING_RULE, ...ids],
    );
    const states = Object.keys(CASE_FACTOR);
    const scored = await sql<{ id: string; platform_id: string; status: string; case_state: string; severity: string; rule_code: string; period: string }>(
      em,
      `select id, platform_id, status::text as status, case_state::text as case_state, severity::text as severity, rule_code, period from flag g
       where platform_id in (${list(ids.length)}) and ${publishedFlagSql('g')} and status = 'OPEN' and case_state in (${list(states.length)})`,
      [...ids, ...states],
    );
    const [expired, expiredAt] = stateCondition(QualificationState.EXPIRED, now);
    const [expiring, expiringAt] = stateCondition(QualificationState.EXPIRING, now);
    const qualifications = await sql<{ id: string; platform_id: string; type: string; expired: boolean }>(
      em,
      `select q.id, q.platform_id, q.type, (${expired}) as expired from qualification q
       where q.platform_id in (${list(ids.length)}) and ((${expired}) or (${expiring}))`,
      [...expiredAt, ...ids, ...expiredAt, ...expiringAt],
    );
    const late = await sql<{ platform_id: string; n: string }>(
      em,
      `select f.platform_id, count(*) as n from filing f where f.platform_id in (${list(ids.length)}) and f.submitted_at > f.due_at
         and not exists (select 1 from filing s where s.supersedes_id = f.id) group by 1`,
      [...ids],
    );
    return summarize(ids, { counts, scored, qualifications, late });
  });
}

/** The rows a risk summary is made of, from the tables or from the records as of a point. */
export interface RiskRows {
  /** Flags by platform, status, case state, severity and category, with the periods missing a filing among them. */
  counts: { platform_id: string; status: string; case_state: string; severity: string; category: string; n: string; missing: string }[];
  /** Open flags whose case scores. */
  scored: { id: string; platform_id: string; status: string; case_state: string; severity: string; rule_code: string; period: string }[];
  /** Live qualifications expired or expiring. */
  qualifications: { id: string; platform_id: string; type: string; expired: boolean }[];
  /** Live filings submitted late, counted by platform. */
  late: { platform_id: string; n: string }[];
}

/** Risk summaries of `ids` from their rows: every item's points, and the score their sum. */
export function summarize(ids: readonly string[], { counts, scored, qualifications, late }: RiskRows): PlatformRisk[] {
  const risks = new Map<string, PlatformRisk>(
    ids.map((id) => [id, { score: 0, flags: [], qualificationsExpiring: 0, qualificationsExpired: 0, expiringWithinDays: EXPIRING_WITHIN_DAYS, filingsMissing: 0, filingsLate: 0, items: [] }]),
  );
  for (const row of counts) {
    const risk = risks.get(row.platform_id)!;
    risk.flags.push({ status: row.status, caseState: row.case_state, severity: row.severity, category: row.category, count: Number(row.n) });
    if (row.status === 'OPEN') risk.filingsMissing += Number(row.missing);
  }
  const add = (platformId: string, item: RiskPoint) => item.points > 0 && risks.get(platformId)!.items.push(item);
  for (const f of scored) {
    const reason = `${f.severity} flag ${f.rule_code}, ${f.period}, case ${f.case_state}`;
    add(f.platform_id, { points: flagPoints(f.status, f.case_state, f.severity), reason, itemType: 'flag', itemId: f.id });
  }
  for (const q of qualifications) {
    const state = q.expired ? QualificationState.EXPIRED : QualificationState.EXPIRING;
    const risk = risks.get(q.platform_id)!;
    if (q.expired) risk.qualificationsExpired++;
    else risk.qualificationsExpiring++;
    add(q.platform_id, { points: QUALIFICATION_POINTS[state] ?? 0, reason: `${state} qualification ${q.type}`, itemType: 'qualification', itemId: q.id });
  }
  for (const row of late) risks.get(row.platform_id)!.filingsLate = Number(row.n);
  for (const risk of risks.values()) {
    risk.items.sort((a, b) => b.points - a.points || (itemKey(a) < itemKey(b) ? -1 : 1));
    risk.score = risk.items.reduce((sum, item) => sum + item.points, 0);
  }
  return ids.map((id) => risks.get(id)!);
}
