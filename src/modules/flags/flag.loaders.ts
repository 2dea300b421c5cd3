import { boundSql, sql } from '../../shared/sql';
import { boundKey, latestRecords, LogBound } from '../ledger';
import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader, childrenLoader } from '../../shared/loader-helpers';
import { Filing } from '../filings/filing.entity';
import { evaluationInstant, factsDocument, loadBatchContext, ruleInputs } from '../evaluation';
import { EvaluationError } from './evaluation-error.entity';
import { Flag } from './flag.entity';
import { riskLoader } from './platform-risk';
import { riskAsOfLoader } from './platform-risk-as-of';
import { publishedFlagSql } from './flag.visibility';

/** Open flags of a platform counted by severity. */
export interface FlagCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
}

/** The public facts document of a filing as of an instant (see Filing.facts). */
export interface FiledFacts {
  asOf: Date;
  sha256: string;
  document: object;
}

/** A filing's facts asked for: as of `asOf`, or its own evaluation instant when null. */
export interface FactsKey {
  filing: Filing;
  asOf: Date | null;
}

/**
 * The facts documents asked for in one request, built set-based: one batch context (a few queries) per
 * distinct instant asked for, whatever the number of filings.
 */
function factsLoader(em: EntityManager) {
  return new DataLoader<FactsKey, FiledFacts, string>(
    async (keys) => {
      const built = new Map<string, FiledFacts>();
      const byInstant = new Map<string, Filing[]>();
      for (const { filing, asOf } of keys) {
        const instant = asOf?.toISOString() ?? '';
        byInstant.set(instant, [...(byInstant.get(instant) ?? []), filing]);
      }
      for (const [instant, filings] of byInstant) {
        const context = await loadBatchContext(em, filings, instant ? { asOf: new Date(instant) } : {});
        for (const [id, input] of ruleInputs(context, filings)) {
          const { document, sha256 } = factsDocument(input);
          built.set(`${id} ${instant}`, { asOf: evaluationInstant(context, context.filings.get(id)!), sha256, document });
        }
      }
      return keys.map((key) => built.get(factsKeyOf(key))!);
    },
    { cacheKeyFn: factsKeyOf },
  );
}

const factsKeyOf = ({ filing, asOf }: FactsKey) => `${filing.id} ${asOf?.toISOString() ?? ''}`;

/** Counts of published OPEN flags by platform from rows `(platform_id, severity, n)`, zero where none, in key order. */
function countsBySeverity(platformIds: readonly string[], rows: { platform_id: string; severity: string; n: string }[]): FlagCounts[] {
  const counts = new Map(platformIds.map((id) => [id, { critical: 0, high: 0, medium: 0, low: 0 }]));
  for (const row of rows) counts.get(row.platform_id)![row.severity.toLowerCase() as keyof FlagCounts] = Number(row.n);
  return platformIds.map((id) => counts.get(id)!);
}

/** A platform's open flags counted as the ledger recorded them at a bound. */
export interface FlagCountsAsOfKey {
  platformId: string;
  bound: LogBound;
}

/** Open flag counts as of bounds: one statement per batch and distinct bound (flags' latest public versions inside it, OPEN then). */
function openFlagCountsAsOf(em: EntityManager) {
  return new DataLoader<FlagCountsAsOfKey, FlagCounts, string>(
    async (keys) => {
      const counted = new Map<string, FlagCounts>();
      for (const key of new Map(keys.map((k) => [boundKey(k.bound), k])).values()) {
        const platformIds = keys.filter((k) => boundKey(k.bound) === boundKey(key.bound)).map((k) => k.platformId);
        const latest = latestRecords('flag', key.bound, { sql: 'select id from flag where platform_id = any(?)', params: [platformIds] });
        const rows = await boundSql<{ platform_id: string; severity: string; n: string }>(
          em,
          `select g.r->>'platform' as platform_id, g.r->>'severity' as severity, count(*)::text as n from ${latest.sql} g where g.r->>'status' = 'OPEN' group by 1, 2`,
          latest.params,
        );
        countsBySeverity(platformIds, rows).forEach((counts, i) => counted.set(`${platformIds[i]}/${boundKey(key.bound)}`, counts));
      }
      return keys.map((k) => counted.get(`${k.platformId}/${boundKey(k.bound)}`)!);
    },
    { cacheKeyFn: (k) => `${k.platformId}/${boundKey(k.bound)}` },
  );
}

/** Per-request loaders of flags. */
export function createFlagLoaders(em: EntityManager) {
  return {
    flag: byIdLoader(em, Flag),
    flagsOfFiling: childrenLoader(em, Flag, 'filing', { ruleCode: 'asc', id: 'asc' }),
    evaluationErrorsOfFiling: childrenLoader(em, EvaluationError, 'filing', { ruleCode: 'asc', id: 'asc' }),
    factsOfFiling: factsLoader(em),
    platformRisk: riskLoader(em, new Date()),
    platformRiskAsOf: riskAsOfLoader(em),
    openFlagCounts: new DataLoader<string, FlagCounts>(async (platformIds) => {
      const rows: { platform_id: string; severity: string; n: string }[] = await sql(em, 
        `select platform_id, severity, count(*) as n from flag g where status = 'OPEN' and ${publishedFlagSql('g')} and platform_id in (${platformIds.map(() => '?').join(',')}) group by platform_id, severity`,
        [...platformIds],
      );
      return countsBySeverity(platformIds, rows);
    }),
    openFlagCountsAsOf: openFlagCountsAsOf(em),
  };
}
