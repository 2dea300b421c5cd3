import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { boundKey, latestRecords, LogBound } from '../ledger';
import { qualificationsAsOf } from '../platforms/platform-as-of.queries';
import { PlatformRisk } from './platform-risk.types';
import { riskRows, summarize } from './platform-risk';

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
        const { bound } = key;
        const sources = { flags: flagsAsOf(bound, platformIds), qualifications: qualificationsAsOf(bound, platformIds), filings: filingsAsOf(bound, platformIds), instant: bound.instant };
        const risks = summarize(platformIds, await riskRows(em, sources));
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
