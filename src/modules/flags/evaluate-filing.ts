import { sql } from '../../shared/sql';
import { EntityManager } from '@mikro-orm/postgresql';
import { duePeriods } from '../calendar/working-days';
import { calendarFor } from '../calendar/association-calendar';
import { Filing } from '../filings/filing.entity';
import { filingFacts, platformFacts } from '../filings/filing-facts';
import { Platform } from '../platforms/platform.entity';
import { Qualification } from '../platforms/qualification.entity';
import { evaluateRules, Finding } from '../rules/engine';
import { parametersFor } from '../rules/parameters';
import { toEvaluate, versionsInForce } from '../rules/rules-in-force';
import { RuleVersion } from '../rules/rule-version.entity';

/** How a filing is evaluated: as of when, and optionally the due periods and parameters to assume. */
export interface EvaluationOptions {
  asOf: Date;
  /** Periods whose filing is due; by default those due at `asOf` since the platform joined the registry. */
  duePeriods?: string[];
  /** `ctx.params`; by default the association's published parameters for the period. */
  params?: Record<string, bigint>;
  /** Rule versions to evaluate; by default those in force at the period end. */
  versions?: RuleVersion[];
}

/** The outcome of evaluating one filing version: the versions used and one finding per version. */
export interface FilingEvaluation {
  versions: RuleVersion[];
  findings: Finding[];
}

/**
 * Gathers what the rules read (platform with qualifications and submitted periods, the filing, the
 * live filing of the preceding month, ctx) and runs the pure engine. Reads only; persists nothing.
 */
export async function evaluateFiling(em: EntityManager, filing: Filing, options: EvaluationOptions): Promise<FilingEvaluation> {
  const platform = await em.findOneOrFail(Platform, filing.platform.id);
  const associationId = platform.association.id;
  // one after another: inside a transaction they share one connection
  const qualifications = await em.find(Qualification, { platform }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const submitted = await livePeriods(em, platform.id, options.asOf);
  const prev = await liveFiling(em, platform.id, previousPeriod(filing.period));
  const versions = options.versions ?? (await versionsInForce(em, associationId, filing.periodEnd));
  const params = options.params ?? (await parametersFor(em, associationId, filing.period));
  const submittedPeriods = [...new Set([...submitted, filing.period])].sort();
  const since = chinaPeriodOf(platform.createdAt);
  const ctx = {
    asOf: options.asOf.toISOString(),
    duePeriods: options.duePeriods ?? duePeriods(options.asOf, since, await calendarFor(em, associationId)),
    params,
  };
  const input = { platform: platformFacts(platform, qualifications, submittedPeriods), filing: filingFacts(filing), prev: prev ? filingFacts(prev) : null, ctx };
  return { versions, findings: evaluateRules(toEvaluate(versions), input, new Date()) };
}

/** The live (not superseded) version of a platform's filing for `period`, or null. */
export async function liveFiling(em: EntityManager, platformId: string, period: string): Promise<Filing | null> {
  return em.findOne(Filing, { platform: platformId, period }, { orderBy: { amendment: 'desc' } });
}

async function livePeriods(em: EntityManager, platformId: string, asOf: Date): Promise<string[]> {
  const rows: { period: string }[] = await sql(em, 'select distinct period from filing where platform_id = ? and submitted_at <= ?', [platformId, asOf]);
  return rows.map((row) => row.period);
}

/** The period (YYYY-MM, China time, as periods are) containing an instant, e.g. when a platform joined the registry. */
export function chinaPeriodOf(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** The month before a YYYY-MM period. */
export function previousPeriod(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}
