import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { boundSql } from '../../shared/sql';
import { boundKey, latestRecords, LogBound } from '../ledger';
import { QualificationState } from '../platforms/platform.enums';
import { qualificationsAsOf } from '../platforms/platform-as-of.queries';
import { qualificationStateSql } from '../platforms/qualification-state.sql';
import { CASE_FACTOR } from '../platforms/risk-score';
import { MISSING_FILING_RULE } from '../filings/submit-filing';
import { PlatformRisk } from './platform-risk.types';
import { RiskRows, summarize } from './platform-risk';

/** A platform's risk summary as the ledger recorded its flags, qualifications and filings at a bound. */
export interface RiskAsOfKey {
  platformId: string;
  bound: LogBound;
}

/**
 * Flags of `platformIds` as recorded at `bound`, with the flag table's column names (a public version is
 * never held for review, so every one counts).
 */
function flagsAsOf(bound: LogBound, platformIds: readonly string[]) {
  const latest = latestRecords('flag', bound, { sql: 'select id from flag where platform_id = any(?)', params: [platformIds] });
  return {
    sql: `(select id, r->>'platform' as platform_id, r->>'status' as status, coalesce(r->>'caseState', 'OPEN') as case_state, r->>'severity' as severity,
      r->>'category' as category, r->>'ruleCode' as rule_code, r->>'period' as period, r->>'filing' as filing_id from ${latest.sql} l)`,
    params: latest.params,
  };
}

/** Filings of `platformIds` as recorded at `bound`, with the filing table's column names the summary reads. */
function filingsAsOf(bound: LogBound, platformIds: readonly string[]) {
  const latest = latestRecords('filing', bound, { sql: 'select id from filing where platform_id = any(?)', params: [platformIds] });
  return {
    sql: `(select id, r->>'platform' as platform_id, r->>'supersedes' as supersedes_id, (r->>'submittedAt')::timestamptz as submitted_at,
      (r->>'dueAt')::timestamptz as due_at from ${latest.sql} l)`,
    params: latest.params,
  };
}

/** The four statements of `riskLoader`, over the records of `platformIds` as of `bound`, its instant for qualification states. */
async function riskRowsAsOf(em: EntityManager, platformIds: readonly string[], bound: LogBound): Promise<RiskRows> {
  const flags = flagsAsOf(bound, platformIds);
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
  const table = qualificationsAsOf(bound, platformIds);
  const expired = qualificationStateSql(QualificationState.EXPIRED, 'qa');
  const expiring = qualificationStateSql(QualificationState.EXPIRING, 'qa');
  const at = (n: number) => Array(n).fill(bound.instant);
  const qualifications = await boundSql<RiskRows['qualifications'][number]>(
    em,
    `with qa as ${table.sql} select q.id, q.platform_id, q.type, (${expired.sql}) as expired from qa q where (${expired.sql}) or (${expiring.sql})`,
    [...table.params, ...at(expired.params), ...at(expired.params), ...at(expiring.params)],
  );
  const filings = filingsAsOf(bound, platformIds);
  const late = await boundSql<RiskRows['late'][number]>(
    em,
    `with fa as ${filings.sql} select f.platform_id, count(*)::text as n from fa f where f.submitted_at > f.due_at
       and not exists (select 1 from fa s where s.supersedes_id = f.id) group by 1`,
    filings.params,
  );
  return { counts, scored, qualifications, late };
}

/**
 * Risk summaries as of bounds: the same items and score as `riskLoader`, from the flags (with their case
 * states), qualifications (their states at the bound's instant) and filings as recorded then. Four
 * statements per batch and distinct bound.
 */
export function riskAsOfLoader(em: EntityManager) {
  return new DataLoader<RiskAsOfKey, PlatformRisk, string>(
    async (keys) => {
      const found = new Map<string, PlatformRisk>();
      for (const key of new Map(keys.map((k) => [boundKey(k.bound), k])).values()) {
        const platformIds = [...new Set(keys.filter((k) => boundKey(k.bound) === boundKey(key.bound)).map((k) => k.platformId))];
        const risks = summarize(platformIds, await riskRowsAsOf(em, platformIds, key.bound));
        platformIds.forEach((id, i) => found.set(riskKeyOf({ platformId: id, bound: key.bound }), risks[i]));
      }
      return keys.map((k) => found.get(riskKeyOf(k))!);
    },
    { cacheKeyFn: riskKeyOf },
  );
}

function riskKeyOf(key: RiskAsOfKey): string {
  return `${key.platformId}/${boundKey(key.bound)}`;
}
