import { EntityData, EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { sql } from '../../shared/sql';
import { Filing } from '../filings/filing.entity';
import { Platform } from '../platforms/platform.entity';
import { Qualification } from '../platforms/qualification.entity';
import type { RuleInput } from '../rules/engine';
import { BatchContext, FactsMemo, FactsOptions, factsAsOf, liveVersionAsOf, ownEvaluationInstant, previousPeriod, Submission } from './facts-as-of';
import { calendarsOf, parameterHistory } from './facts-sources';

export type { BatchContext, FactsOptions } from './facts-as-of';

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
 * Loads what factsAsOf reads about `filings` in six queries: their platforms, all those platforms'
 * qualifications, every filing version of them (period, amendment, submission instant), the versions of the
 * preceding months live at each filing's instant that the batch does not hold, the associations' parameters
 * and calendars. The instant is `options.asOf`, or each filing's submission (re-evaluation); the batch may
 * hold an unsaved filing (a dry run).
 */
export async function loadBatchContext(em: EntityManager, filings: Filing[], options: FactsOptions = {}): Promise<BatchContext> {
  const context = await loadPlatformContext(em, [...new Set(filings.map((f) => f.platform.id))], options);
  const held = new Map(filings.map((f) => [f.id, f]));
  const wanted = new Set<string>();
  for (const f of filings) {
    const live = liveVersionAsOf(context.submissions.get(f.platform.id) ?? [], previousPeriod(f.period), evaluationInstant(context, f));
    if (live && !held.has(live.id)) wanted.add(live.id);
  }
  const previous = wanted.size ? await readFilings(em.createQueryBuilder(Filing, 'f').select('f.*').where({ id: { $in: [...wanted] } })) : [];
  return { ...context, filings: held, previous: new Map(previous.map((f) => [f.id, f])) };
}

/** Loads what factsAsOf reads about platforms, without filings of a batch (the missing-filings job: FILE-001's view). */
export async function loadPlatformContext(em: EntityManager, platformIds: string[], options: FactsOptions = {}): Promise<BatchContext> {
  const none = { options, filings: new Map(), previous: new Map() };
  if (!platformIds.length) return { ...none, platforms: new Map(), qualifications: new Map(), submissions: new Map(), params: () => ({}), calendars: new Map() };
  // one after another: inside a transaction they share one connection
  const platforms = await em.find(Platform, { id: { $in: platformIds } });
  const qualifications = await em.find(Qualification, { platform: { $in: platformIds } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const submissions = await submissionsOf(em, platformIds);
  const associationIds = [...new Set(platforms.map((p) => p.association.id))];
  const params = await parameterHistory(em, associationIds);
  const calendars = await calendarsOf(em, associationIds);
  const byPlatform = new Map<string, Qualification[]>(platformIds.map((id) => [id, []]));
  for (const q of qualifications) byPlatform.get(q.platform.id)?.push(q);
  return { ...none, platforms: new Map(platforms.map((p) => [p.id, p])), qualifications: byPlatform, submissions, params, calendars };
}

/** The instant a batch filing is evaluated at: the context's asOf, else the filing's own (ownEvaluationInstant). */
export function evaluationInstant(context: BatchContext, filing: Filing): Date {
  return context.options.asOf ?? ownEvaluationInstant(filing);
}

/**
 * The rule input of each filing of the batch, built by factsAsOf at its evaluationInstant. Pure: no
 * database access. Facts shared between the batch's filings (a platform's, a filing that is also another's
 * `prev`) are built once.
 */
export function ruleInputs(context: BatchContext, filings: Filing[]): Map<string, RuleInput> {
  const memo = new FactsMemo();
  return new Map(filings.map((filing) => [filing.id, factsAsOf(context, filing, evaluationInstant(context, filing), memo)]));
}

/** Every filing version of the platforms: id, period, amendment and submission instant in microseconds since the epoch. */
async function submissionsOf(em: EntityManager, platformIds: string[]): Promise<Map<string, Submission[]>> {
  const rows: { id: string; platform_id: string; period: string; amendment: number; at_micros: string }[] = await sql(
    em,
    `select id, platform_id, period, amendment, floor(extract(epoch from submitted_at) * 1000000)::bigint as at_micros from filing where platform_id in (?)`,
    [platformIds],
  );
  const byPlatform = new Map<string, Submission[]>();
  for (const row of rows) {
    const list = byPlatform.get(row.platform_id) ?? [];
    list.push({ id: row.id, period: row.period, amendment: row.amendment, atMicros: Number(row.at_micros) });
    byPlatform.set(row.platform_id, list);
  }
  return byPlatform;
}
