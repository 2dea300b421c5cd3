import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { boundSql } from '../../shared/sql';
import { QualificationState } from '../platforms/platform.enums';
import { qualificationStateSql } from '../platforms/qualification-state.sql';
import { EXPIRING_WITHIN_DAYS } from '../platforms/qualification.rules';
import { CASE_FACTOR, flagPoints, QUALIFICATION_POINTS } from '../platforms/risk-score';
import { MISSING_FILING_RULE } from '../filings/submit-filing';
import { itemKey, PlatformRisk, RiskPoint } from './platform-risk.types';
import { publishedFlagSql } from './flag.visibility';

/** A relation (a parenthesised select) with its parameters. */
type Sql = { sql: string; params: unknown[] };

/**
 * What a risk summary reads, each relation with its table's column names (as text): the tables now, or the
 * records as of a bound (platform-risk-as-of.ts); qualification states are taken at `instant`.
 */
export interface RiskSources {
  flags: Sql;
  qualifications: Sql;
  filings: Sql;
  instant: Date;
}

/**
 * Risk summaries of many platforms at once, as of `now`: four statements per batch (riskRows), whatever the
 * number of platforms. The score is the sum of the items' points, the same formula `riskScoreSql` computes for
 * ordering and filtering. Flags held for review do not count (for anyone) until a reviewer confirms them.
 */
export function riskLoader(em: EntityManager, now: Date) {
  return new DataLoader<string, PlatformRisk>(async (ids) => {
    const of = (table: string, columns: string, condition = 'true') => ({ sql: `(select ${columns} from ${table} where platform_id = any(?) and ${condition})`, params: [ids] });
    const rows = await riskRows(em, {
      flags: of('flag g', 'id, platform_id, status::text as status, case_state::text as case_state, severity::text as severity, category::text as category, rule_code, period, filing_id', publishedFlagSql('g')),
      qualifications: of('qualification', 'id, platform_id, type::text as type, status::text as status, valid_from, valid_to, supersedes_id'),
      filings: of('filing', 'id, platform_id, supersedes_id, submitted_at, due_at'),
      instant: now,
    });
    return summarize(ids, rows);
  });
}

/**
 * The four statements of a risk summary over `sources`: flag counts, scored flags, expired or expiring
 * qualifications, live filings submitted late.
 */
export async function riskRows(em: EntityManager, { flags, qualifications, filings, instant }: RiskSources): Promise<RiskRows> {
  const counts = await boundSql<RiskRows['counts'][number]>(
    em,
    `with g as ${flags.sql} select platform_id, status, case_state, severity, category, count(*)::text as n,
       count(distinct period) filter (where rule_code = ? and filing_id is null)::text as missing
     from g group by 1, 2, 3, 4, 5 order by 2, 3, 4, 5`,
    [...flags.params, MISSING_FILING_RULE],
  );
  const scored = await boundSql<RiskRows['scored'][number]>(
    em,
    `with g as ${flags.sql} select id, platform_id, status, case_state, severity, rule_code, period from g where status = 'OPEN' and case_state = any(?::text[])`,
    [...flags.params, Object.keys(CASE_FACTOR)],
  );
  const expired = qualificationStateSql(QualificationState.EXPIRED, 'qa');
  const expiring = qualificationStateSql(QualificationState.EXPIRING, 'qa');
  const at = (n: number) => Array(n).fill(instant);
  const expiredOrExpiring = await boundSql<RiskRows['qualifications'][number]>(
    em,
    `with qa as ${qualifications.sql} select q.id, q.platform_id, q.type, (${expired.sql}) as expired from qa q where (${expired.sql}) or (${expiring.sql})`,
    [...qualifications.params, ...at(expired.params), ...at(expired.params), ...at(expiring.params)],
  );
  const late = await boundSql<RiskRows['late'][number]>(
    em,
    `with fa as ${filings.sql} select f.platform_id, count(*)::text as n from fa f where f.submitted_at > f.due_at
       and not exists (select 1 from fa s where s.supersedes_id = f.id) group by 1`,
    filings.params,
  );
  return { counts, scored, qualifications: expiredOrExpiring, late };
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
