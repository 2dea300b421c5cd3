import { duePeriods, WorkingDayCalendar } from '../calendar/working-days';
import { Filing } from '../filings/filing.entity';
import { filingFacts, platformFacts } from './filing-facts';
import { Platform } from '../platforms/platform.entity';
import { Qualification } from '../platforms/qualification.entity';
import { PlatformProfile } from '../platforms/platform.profile';
import type { FilingFacts, PlatformFacts, RuleInput } from './facts';
import type { InputReads } from './batch-evaluation';
import type { RuleVariable } from './cel-env';

/** One stored version of a platform's filing: enough to tell which version was live at an instant. */
export interface Submission {
  id: string;
  period: string;
  amendment: number;
  /** `submittedAt` in microseconds since the epoch, as stored (exact against asOf). */
  atMicros: number;
}

/** How the facts of a batch are pinned: one instant for all, and optionally the ctx to assume. */
export interface FactsOptions {
  /** The instant every filing is taken at; by default each filing's own `submittedAt` (re-evaluation). */
  asOf?: Date;
  /** `ctx.duePeriods` to assume (an import's ctx); by default those due at asOf since the platform joined. */
  duePeriods?: string[];
  /** `ctx.params` to assume (an import's ctx); by default the association's, as published by then. */
  params?: Record<string, bigint>;
  /**
   * What the rules to evaluate can observe (inputReadBy): the facts hold only the variables they mention,
   * batch-evaluation.ts loads only what those need, and reads the filings it loads as `prev` with only
   * the content they read. Everything by default.
   */
  reads?: InputReads;
}

/**
 * Everything the rules read about a batch of filings, loaded set-based (batch-evaluation.ts) with the
 * instants each record was made at, so that facts can be taken as of any instant without reading again.
 *
 * "As recorded then" comes from the entity tables, not the ledger: every field the facts read is
 * immutable in place (database triggers refuse UPDATE on qualification, filing and parameter_value rows,
 * and on every platform column but registry_status and the profile). A revocation, renewal or
 * correction of a qualification is a new row superseding the old one, and an amendment a new filing
 * version; each row carries the instant it was recorded (createdAt, submittedAt, publishedAt, equal to its
 * ledger entry's). So the rows an instant saw are those recorded by then, and the ledger's versions of
 * them would say the same at the cost of decoding them. A platform's profile (custody bank, websites, apps,
 * related parties, regulator registration) is the exception: its owners update it in place, so for a
 * platform whose profile was ever updated, the profile as of an instant comes from its ledger versions.
 */
export interface BatchContext {
  options: FactsOptions;
  /** The batch's own filings by id (stored versions, or a dry run's unsaved draft). */
  filings: ReadonlyMap<string, Filing>;
  platforms: ReadonlyMap<string, Platform>;
  /** The profile of each version of the platforms whose profile was updated, oldest first (others hold their row's). */
  profiles: ReadonlyMap<string, ProfileVersion[]>;
  /** Qualifications by platform id, in order of recording (createdAt, then id). */
  qualifications: ReadonlyMap<string, Qualification[]>;
  /** Every stored filing version of each platform. */
  submissions: ReadonlyMap<string, Submission[]>;
  /** By id, the filings some batch filing reads as `prev` that the batch does not hold itself. */
  previous: ReadonlyMap<string, Filing>;
  /** `ctx.params` of an association for a period, as published by `recordedBy`. */
  params(associationId: string, period: string, recordedBy: Date): Record<string, bigint>;
  /**
   * The working-day calendar of each association as it stands: its entries are set in place, and due
   * periods follow the current calendar, so they depend on the platform and asOf alone.
   */
  calendars: ReadonlyMap<string, WorkingDayCalendar>;
}

/** A platform's profile as one of its versions recorded it, at that version's instant. */
export interface ProfileVersion {
  at: Date;
  profile: PlatformProfile;
}

/** Facts already built during one pass over a batch, shared between its filings (a platform's state, a filing that is another's prev). */
export class FactsMemo {
  readonly filings = new Map<string, FilingFacts>();
  readonly platforms = new Map<string, PlatformFacts>();
}

/**
 * The one builder of what the rules read (`platform`, `filing`, `prev`, `ctx`) for a filing as of `asOf`:
 * - `platform` with the qualifications recorded by then (a record superseded or revoked later is still as it
 *   was; one added later is absent), and `submittedPeriods` as of asOf;
 * - `prev`: the version of the preceding month live at asOf (highest amendment submitted at or before it);
 * - `ctx`: asOf, the periods due at asOf since the platform joined, the parameters for the period as
 *   published by then; or those the options assume; or, for an imported version at its file's ctx.asOf,
 *   the due periods and parameters its file declared.
 * Only the variables `options.reads` names are built (all by default): a rule never sees the others.
 * Records are read as of `recordsAt(filing, asOf)`. Pure: no database access; for one context and instant,
 * the platform's facts are the same whichever of its filings is evaluated (FILE-001 agrees across them).
 * `memo` shares what is built between the filings of one pass (ruleInputs).
 */
export function factsAsOf(context: BatchContext, filing: Filing, asOf: Date, memo = new FactsMemo()): RuleInput {
  const reads = (variable: RuleVariable) => readsVariable(context.options, variable);
  const recordedBy = recordsAt(filing, asOf);
  const input = {} as RuleInput;
  if (reads('platform')) {
    const platform = platformOf(context, filing);
    input.platform = { ...platformAsRecorded(context, platform, recordedBy, memo), submittedPeriods: submittedPeriodsAsOf(context, platform, asOf) };
  }
  if (reads('filing')) input.filing = factsOfFiling(filing, memo);
  if (reads('prev')) {
    const prev = previousAsOf(context, filing, asOf);
    input.prev = prev ? factsOfFiling(prev, memo) : null;
  }
  if (reads('ctx')) {
    const platform = platformOf(context, filing);
    const declared = declaredContext(filing, asOf);
    input.ctx = {
      asOf: asOf.toISOString(),
      duePeriods: context.options.duePeriods ?? declared?.duePeriods ?? duePeriodsAsOf(context, platform, asOf),
      params: context.options.params ?? declared?.params ?? context.params(platform.association.id, filing.period, recordedBy),
    };
  }
  return input;
}

/** Whether facts built with `options` hold `variable` (every variable by default). */
export function readsVariable(options: FactsOptions, variable: RuleVariable): boolean {
  return !options.reads || options.reads.variables.has(variable);
}

function platformOf(context: BatchContext, filing: Filing): Platform {
  const platform = context.platforms.get(filing.platform.id);
  if (!platform) throw new Error(`Platform ${filing.platform.id} of filing ${filing.id} was not loaded`);
  return platform;
}

/**
 * The instant a filing is evaluated at unless told otherwise: an imported version's file ctx.asOf, else its
 * submission.
 */
export function ownEvaluationInstant(filing: Filing): Date {
  return filing.importContext ? new Date(filing.importContext.asOf) : filing.submittedAt;
}

/** An imported version's declared ctx (its file's due periods and parameters), at the instant the file declared it. */
function declaredContext(filing: Filing, asOf: Date): { duePeriods: string[]; params: Record<string, bigint> } | null {
  const declared = filing.importContext;
  if (!declared || new Date(declared.asOf).getTime() !== asOf.getTime()) return null;
  return { duePeriods: declared.duePeriods, params: Object.fromEntries(Object.entries(declared.params).map(([k, v]) => [k, BigInt(v)])) };
}

/**
 * What FILE-001 reads of a platform at an instant, `ctx.duePeriods` and `platform.submittedPeriods` (periods
 * with a version submitted at or before asOf), exactly as factsAsOf gives them to each of its filings: the
 * missing-filings job takes its view from here.
 */
export function filingDutiesAsOf(context: BatchContext, platform: Platform, asOf: Date): { duePeriods: string[]; submittedPeriods: string[] } {
  return { duePeriods: duePeriodsAsOf(context, platform, asOf), submittedPeriods: submittedPeriodsAsOf(context, platform, asOf) };
}

function duePeriodsAsOf(context: BatchContext, platform: Platform, asOf: Date): string[] {
  if (context.options.duePeriods) return context.options.duePeriods;
  const calendar = context.calendars.get(platform.association.id);
  if (!calendar) throw new Error(`Calendar of association ${platform.association.id} was not loaded`);
  return duePeriods(asOf, chinaPeriodOf(platform.createdAt), calendar);
}

function submittedPeriodsAsOf(context: BatchContext, platform: Platform, asOf: Date): string[] {
  const limit = asOf.getTime() * 1000;
  const periods = new Set<string>();
  for (const s of context.submissions.get(platform.id) ?? []) if (s.atMicros <= limit) periods.add(s.period);
  return [...periods].sort();
}

/**
 * The instant whose records a filing's facts read: asOf, or when the filing itself was recorded later, that
 * recording. An imported history is evaluated (and re-evaluated) as of its file's ctx.asOf, before the import
 * recorded the platform, qualifications and parameters that came with it: it sees those, and nothing
 * recorded after it.
 */
function recordsAt(filing: Filing, asOf: Date): Date {
  return filing.createdAt.getTime() > asOf.getTime() ? filing.createdAt : asOf;
}

/** The version of `period` live at `asOf` among a platform's submissions: the highest amendment submitted at or before it. */
export function liveVersionAsOf(submissions: Submission[], period: string, asOf: Date): Submission | null {
  const limit = asOf.getTime() * 1000;
  let live: Submission | null = null;
  for (const s of submissions) if (s.period === period && s.atMicros <= limit && (!live || s.amendment > live.amendment)) live = s;
  return live;
}

/** The period (YYYY-MM, China time, as periods are) containing an instant, e.g. when a platform joined the registry. */
function chinaPeriodOf(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** The month before a YYYY-MM period. */
export function previousPeriod(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

function previousAsOf(context: BatchContext, filing: Filing, asOf: Date): Filing | null {
  const live = liveVersionAsOf(context.submissions.get(filing.platform.id) ?? [], previousPeriod(filing.period), asOf);
  if (!live) return null;
  const found = context.filings.get(live.id) ?? context.previous.get(live.id);
  if (!found) throw new Error(`Filing ${live.id}, the month before filing ${filing.id} as of ${asOf.toISOString()}, was not loaded`);
  return found;
}

/**
 * Platform facts with the profile and the qualifications recorded by `recordedBy` (qualifications are a
 * prefix: they are in order of recording), built once per such profile and prefix.
 */
function platformAsRecorded(context: BatchContext, platform: Platform, recordedBy: Date, memo: FactsMemo): PlatformFacts {
  const all = context.qualifications.get(platform.id) ?? [];
  const limit = recordedBy.getTime();
  let count = 0;
  while (count < all.length && all[count].createdAt.getTime() <= limit) count++;
  const versions = context.profiles.get(platform.id) ?? [];
  let profile = 0;
  while (profile + 1 < versions.length && versions[profile + 1].at.getTime() <= limit) profile++;
  const key = `${platform.id} ${count} ${profile}`;
  let facts = memo.platforms.get(key);
  if (!facts) {
    const asRecorded = versions.length ? { ...platform, ...versions[profile].profile } : platform;
    facts = platformFacts(asRecorded, all.slice(0, count), []);
    memo.platforms.set(key, facts);
  }
  return facts;
}

function factsOfFiling(filing: Filing, memo: FactsMemo): FilingFacts {
  let facts = memo.filings.get(filing.id);
  if (!facts) {
    facts = filingFacts(filing);
    memo.filings.set(filing.id, facts);
  }
  return facts;
}
