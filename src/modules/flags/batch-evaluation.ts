import { EntityData, EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { sql } from '../../shared/sql';
import { calendarFor } from '../calendar/association-calendar';
import { duePeriods, WorkingDayCalendar } from '../calendar/working-days';
import { Filing } from '../filings/filing.entity';
import { filingFacts, platformFacts } from '../filings/filing-facts';
import { Platform } from '../platforms/platform.entity';
import { Qualification } from '../platforms/qualification.entity';
import type { FilingFacts, PlatformFacts, RuleInput } from '../rules/engine';
import { chinaPeriodOf, previousPeriod } from './evaluate-filing';

/**
 * What the rules read about a batch of stored filings besides the filings themselves, loaded with a
 * handful of set-based queries instead of evaluateFiling's queries per filing. Each filing is taken
 * as of its submission (`asOf = submittedAt`), as re-evaluation does.
 */
export interface BatchContext {
  platforms: ReadonlyMap<string, Platform>;
  /** Qualifications by platform id, ordered by createdAt then id (as evaluateFiling reads them). */
  qualifications: ReadonlyMap<string, Qualification[]>;
  /** Every filing version of each platform: its period and submission instant in microseconds. */
  submissions: ReadonlyMap<string, { period: string; atMicros: number }[]>;
  /** The live filing of each (platform, period) a batch filing follows, by `liveKey`; absent when there is none. */
  previous: ReadonlyMap<string, Filing>;
  /** `ctx.params` of an association for a period (parametersFor, resolved from one load). */
  params(associationId: string, period: string): Record<string, bigint>;
  /** The working-day calendar of each association (calendarFor), due dates computed once per period. */
  calendars: ReadonlyMap<string, WorkingDayCalendar>;
}

/** The key of a platform's period in `BatchContext.previous`. */
export const liveKey = (platformId: string, period: string) => `${platformId} ${period}`;

/**
 * Runs a query selecting filings (`f.*`) and returns them as plain objects shaped like the entity (relations
 * as `{ id }`), without hydrating entities: for thousands of filings with their content, hydration costs
 * more than evaluating them. They are not managed: a new entity refers to one with `em.getReference(Filing, id)`.
 */
export async function readFilings(qb: QueryBuilder<Filing>): Promise<Filing[]> {
  const rows = (await qb.execute('all', true)) as EntityData<Filing>[];
  const ref = (id: unknown) => (id ? { id: id as string } : null);
  return rows.map((row) => ({ ...row, platform: ref(row.platform), supersedes: ref(row.supersedes), submittedBy: ref(row.submittedBy) }) as unknown as Filing);
}

/**
 * Loads the context of `filings` (stored, live versions) in six queries: their platforms, all those
 * platforms' qualifications, when each of their filings was submitted, the live filings of the
 * preceding months that the batch itself does not hold, the associations' parameters and calendars.
 */
export async function loadBatchContext(em: EntityManager, filings: Filing[]): Promise<BatchContext> {
  if (!filings.length) return { platforms: new Map(), qualifications: new Map(), submissions: new Map(), previous: new Map(), params: () => ({}), calendars: new Map() };
  const platformIds = [...new Set(filings.map((f) => f.platform.id))];
  // one after another: inside a transaction they share one connection
  const platforms = await em.find(Platform, { id: { $in: platformIds } });
  const qualifications = await em.find(Qualification, { platform: { $in: platformIds } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const submissions = await submissionsOf(em, platformIds);
  const previous = await previousLiveFilings(em, filings);
  const associationIds = [...new Set(platforms.map((p) => p.association.id))];
  const params = await parameterResolver(em, associationIds);
  const calendars = new Map<string, WorkingDayCalendar>();
  for (const id of associationIds) calendars.set(id, withCachedDueDates(await calendarFor(em, id)));
  const byPlatform = new Map<string, Qualification[]>(platformIds.map((id) => [id, []]));
  for (const q of qualifications) byPlatform.get(q.platform.id)?.push(q);
  return { platforms: new Map(platforms.map((p) => [p.id, p])), qualifications: byPlatform, submissions, previous, params, calendars };
}

/**
 * The engine's input for each filing, exactly as evaluateFiling builds it for re-evaluation (asOf =
 * submittedAt, due periods since the platform joined, parameters for the period): platform facts with
 * qualifications and submitted periods, the filing, the live filing of the preceding month, ctx.
 * `filings` must be live versions (a batch filing is taken as the live one of its period when another
 * follows it). Pure: no database access. Facts of a filing that is also another's `prev` are built once.
 */
export function ruleInputs(context: BatchContext, filings: Filing[]): Map<string, RuleInput> {
  const facts = new Map<string, FilingFacts>();
  const factsOf = (filing: Filing) => {
    let built = facts.get(filing.id);
    if (!built) {
      built = filingFacts(filing);
      facts.set(filing.id, built);
    }
    return built;
  };
  const live = new Map(filings.map((f) => [liveKey(f.platform.id, f.period), f]));
  // platformFacts once per platform; only submittedPeriods differs between its filings
  const platforms = new Map<string, PlatformFacts>();
  const inputs = new Map<string, RuleInput>();
  for (const filing of filings) {
    const platform = context.platforms.get(filing.platform.id);
    if (!platform) throw new Error(`Platform ${filing.platform.id} of filing ${filing.id} was not loaded`);
    let base = platforms.get(platform.id);
    if (!base) {
      base = platformFacts(platform, context.qualifications.get(platform.id) ?? [], []);
      platforms.set(platform.id, base);
    }
    const asOf = filing.submittedAt;
    const prevKey = liveKey(platform.id, previousPeriod(filing.period));
    const prev = live.get(prevKey) ?? context.previous.get(prevKey) ?? null;
    inputs.set(filing.id, {
      platform: { ...base, submittedPeriods: submittedPeriods(context.submissions.get(platform.id) ?? [], filing.period, asOf) },
      filing: factsOf(filing),
      prev: prev ? factsOf(prev) : null,
      ctx: {
        asOf: asOf.toISOString(),
        duePeriods: duePeriods(asOf, chinaPeriodOf(platform.createdAt), context.calendars.get(platform.association.id)!),
        params: context.params(platform.association.id, filing.period),
      },
    });
  }
  return inputs;
}

/**
 * The periods of a platform's filings submitted at or before `asOf`, plus the filing's own, sorted.
 * Compared in microseconds, as evaluateFiling's query compares the stored instants with asOf.
 */
function submittedPeriods(submissions: { period: string; atMicros: number }[], period: string, asOf: Date): string[] {
  const limit = asOf.getTime() * 1000;
  const periods = new Set<string>([period]);
  for (const s of submissions) if (s.atMicros <= limit) periods.add(s.period);
  return [...periods].sort();
}

/** Every filing version of the platforms: period and submission instant in microseconds since the epoch. */
async function submissionsOf(em: EntityManager, platformIds: string[]): Promise<Map<string, { period: string; atMicros: number }[]>> {
  const rows: { platform_id: string; period: string; at_micros: string }[] = await sql(
    em,
    `select platform_id, period, floor(extract(epoch from submitted_at) * 1000000)::bigint as at_micros from filing where platform_id in (?)`,
    [platformIds],
  );
  const byPlatform = new Map<string, { period: string; atMicros: number }[]>();
  for (const row of rows) {
    const list = byPlatform.get(row.platform_id) ?? [];
    list.push({ period: row.period, atMicros: Number(row.at_micros) });
    byPlatform.set(row.platform_id, list);
  }
  return byPlatform;
}

/** The live (highest amendment) filing of each preceding month the batch does not hold itself. */
async function previousLiveFilings(em: EntityManager, filings: Filing[]): Promise<Map<string, Filing>> {
  const held = new Set(filings.map((f) => liveKey(f.platform.id, f.period)));
  const wanted = new Map<string, [string, string]>();
  for (const f of filings) {
    const key = liveKey(f.platform.id, previousPeriod(f.period));
    if (!held.has(key)) wanted.set(key, [f.platform.id, previousPeriod(f.period)]);
  }
  const found = new Map<string, Filing>();
  if (!wanted.size) return found;
  const pairs = [...wanted.values()];
  const rows = await readFilings(
    em
      .createQueryBuilder(Filing, 'f')
      .select('f.*')
      .where(`(f.platform_id, f.period) in (${pairs.map(() => '(?, ?)').join(', ')})`, pairs.flat())
      .orderBy({ platform: 'asc', period: 'asc', amendment: 'desc' }),
  );
  for (const row of rows) {
    const key = liveKey(row.platform.id, row.period);
    if (!found.has(key)) found.set(key, row);
  }
  return found;
}

/**
 * `ctx.params` by association and period from one load of the associations' parameter values: for each
 * name, the latest version published for the latest period at or before the period (as parametersFor).
 */
async function parameterResolver(em: EntityManager, associationIds: string[]): Promise<BatchContext['params']> {
  const rows: { association_id: string; name: string; period: string; value: string }[] = associationIds.length
    ? await sql(
        em,
        `select association_id, name, period, value from parameter_value where association_id in (?)
          order by association_id, name, period desc, number desc`,
        [associationIds],
      )
    : [];
  const resolved = new Map<string, Record<string, bigint>>();
  return (associationId, period) => {
    const key = `${associationId} ${period}`;
    let params = resolved.get(key);
    if (!params) {
      params = {};
      const named = new Set<string>();
      for (const row of rows) {
        if (row.association_id !== associationId || row.period > period || named.has(row.name)) continue;
        named.add(row.name);
        params[row.name] = BigInt(row.value);
      }
      resolved.set(key, params);
    }
    return params;
  };
}

const cachedCalendars = new WeakMap<WorkingDayCalendar, WorkingDayCalendar>();

/**
 * A calendar that computes each period's due instant once: per process for the shared PRC seed calendar
 * (calendarFor returns the same object for every association without entries), per batch otherwise.
 */
function withCachedDueDates(calendar: WorkingDayCalendar): WorkingDayCalendar {
  let cached = cachedCalendars.get(calendar);
  if (!cached) {
    const dueAt = new Map<string, Date>();
    cached = Object.create(calendar, {
      filingDueAt: {
        value(period: string): Date {
          let due = dueAt.get(period);
          if (!due) {
            due = calendar.filingDueAt(period);
            dueAt.set(period, due);
          }
          return due;
        },
      },
    }) as WorkingDayCalendar;
    cachedCalendars.set(calendar, cached);
  }
  return cached;
}
