import { EntityManager } from '@mikro-orm/postgresql';
import { boundSql, sql } from '../../shared/sql';
import type { StoredFilingContent } from '../filings/filing-document';
import { Filing, ImportContext } from '../filings/filing.entity';
import { FILING_HEADER_FACTS } from './filing-facts';
import { Platform } from '../platforms/platform.entity';
import { Qualification } from '../platforms/qualification.entity';
import { profileOf } from '../platforms/platform.profile';
import { recordedVersions } from '../ledger';
import type { RuleInput } from './facts';
import type { RuleToEvaluate } from './evaluate';
import type { RuleVariable } from './cel-env';
import type { WorkingDayCalendar } from '../calendar/working-days';
import { BatchContext, FactsMemo, FactsOptions, factsAsOf, liveVersionAsOf, ownEvaluationInstant, previousPeriod, ProfileVersion, readsVariable, Submission } from './facts-as-of';
import { calendarsOf, parameterHistory } from './facts-sources';

export type { BatchContext, FactsOptions } from './facts-as-of';

/**
 * What rules can observe of stored filing content through `filing` and `prev`: by content section (`ops`,
 * `custody`...), the whole section (null) or only some of its fields. A section they never read is absent.
 */
export type ContentReads = ReadonlyMap<string, ReadonlySet<string> | null>;

/** What rules can observe of their input: the variables they mention, and the filing content of `filing` and `prev` they read (null: all of it). */
export interface InputReads {
  variables: ReadonlySet<RuleVariable>;
  content: ContentReads | null;
}

/**
 * What `rules` can observe of their input (their variables, reads and whole reads, see CompiledCondition).
 * Facts reduced to it (FactsOptions.reads) give those rules the same findings and evidence.
 */
export function inputReadBy(rules: readonly RuleToEvaluate[]): InputReads {
  return { variables: new Set(rules.flatMap((rule) => rule.program.variables)), content: contentReadBy(rules) };
}

/** The content `rules` can observe through `filing` and `prev`, or null when that may be all of it. */
function contentReadBy(rules: readonly RuleToEvaluate[]): ContentReads | null {
  const sections = new Map<string, Set<string> | null>();
  for (const { program } of rules) {
    if (program.wholeReads.includes('filing') || program.wholeReads.includes('prev')) return null;
    for (const { root, fields } of program.reads) {
      const [section, field] = fields;
      if ((root !== 'filing' && root !== 'prev') || FILING_HEADER_FACTS.has(section)) continue;
      const known = sections.get(section);
      if (field === undefined || known === null) sections.set(section, null);
      else sections.set(section, (known ?? new Set()).add(field));
    }
  }
  return sections;
}

/** The columns of a filing its facts read (plus its relations). */
const FILING_COLUMNS = 'f.id, f.platform_id, f.supersedes_id, f.period, f.amendment, f.currency, f.period_start, f.period_end, f.due_at, f.submitted_at, f.created_at, f.import_context, f.facts_sha256';

/**
 * Reads filings as plain objects shaped like the entity (relations as `{ id }`), without hydrating entities:
 * for thousands of filings with their content, hydration costs more than evaluating them. `from` is the rest
 * of a query on `filing f` (joins, conditions, order, limit) with `?` placeholders for `params`. Only the
 * columns facts read are set, and `content` holds only what `content` names (all of it when null): the
 * database sends the fields a rule reads, not the whole document. The objects are not managed: a new entity
 * refers to one with `em.getReference(Filing, id)`.
 */
export async function readFilings(em: EntityManager, from: string, params: unknown[], content: ContentReads | null = null): Promise<Filing[]> {
  const parts = content ? contentParts(content) : { sql: 'f.content', params: [] };
  const rows = await boundSql<FilingRow>(em, `select ${FILING_COLUMNS}, ${parts.sql} ${from}`, [...parts.params, ...params]);
  const date = (value: string) => em.getPlatform().parseDate(value) as Date;
  return rows.map(
    (row) =>
      ({
        id: row.id,
        platform: { id: row.platform_id },
        supersedes: row.supersedes_id === null ? null : { id: row.supersedes_id },
        period: row.period,
        amendment: row.amendment,
        currency: row.currency,
        periodStart: date(row.period_start),
        periodEnd: date(row.period_end),
        dueAt: date(row.due_at),
        submittedAt: date(row.submitted_at),
        createdAt: date(row.created_at),
        importContext: row.import_context,
        factsSha256: row.facts_sha256,
        content: content ? contentOf(content, row) : row.content,
      }) as Filing,
  );
}

interface FilingRow {
  id: string;
  platform_id: string;
  supersedes_id: string | null;
  period: string;
  amendment: number;
  currency: string;
  period_start: string;
  period_end: string;
  due_at: string;
  submitted_at: string;
  created_at: string;
  import_context: ImportContext | null;
  facts_sha256: string | null;
  /** All of the content, when no reads are given. */
  content: StoredFilingContent;
  /** Parts of it, see contentParts. */
  [part: `c${number}`]: string | null;
}

/**
 * The columns c0, c1... that hold the parts of `f.content` named by `reads`, as JSON text (null when absent),
 * in the order of `reads`: a whole section; or for a section read field by field, '{}' when it is an object
 * (else its value), then each field. Each is a path lookup in the stored document, the cheapest read of it.
 */
function contentParts(reads: ContentReads): { sql: string; params: unknown[] } {
  const columns: string[] = [];
  const params: unknown[] = [];
  const column = (sql: string, ...values: unknown[]) => {
    columns.push(`${sql} as c${columns.length}`);
    params.push(...values);
  };
  for (const [section, fields] of reads) {
    if (fields === null) column('(f.content -> ?)::text', section);
    else {
      column(`case jsonb_typeof(f.content -> ?) when 'object' then '{}' else (f.content -> ?)::text end`, section, section);
      for (const field of fields) column('(f.content #> ?::text[])::text', [section, field]);
    }
  }
  return { sql: columns.length ? columns.join(', ') : "'{}' as c", params };
}

/** The content rebuilt from the columns of contentParts: a field or section the filing lacks stays absent. */
function contentOf(reads: ContentReads, row: FilingRow): StoredFilingContent {
  const content: Record<string, unknown> = {};
  let i = 0;
  const next = () => {
    const text = row[`c${i++}`];
    return text === null ? undefined : JSON.parse(text);
  };
  for (const [section, fields] of reads) {
    const value = next();
    for (const field of fields ?? []) {
      const part = next();
      if (part !== undefined) value[field] = part;
    }
    if (value !== undefined) content[section] = value;
  }
  return content as unknown as StoredFilingContent;
}

/**
 * Loads what factsAsOf reads about `filings` in up to six queries: their platforms, all those platforms'
 * qualifications, every filing version of them (period, amendment, submission instant), the versions of the
 * preceding months live at each filing's instant that the batch does not hold, the associations' parameters
 * and calendars; only those the variables in `options.reads` need. The instant is `options.asOf`, or each
 * filing's submission (re-evaluation); the batch may hold unsaved filings, counted as submitted.
 */
export async function loadBatchContext(em: EntityManager, filings: Filing[], options: FactsOptions = {}): Promise<BatchContext> {
  const context = await loadPlatformContext(em, [...new Set(filings.map((f) => f.platform.id))], options);
  const held = new Map(filings.map((f) => [f.id, f]));
  const submissions = new Map(context.submissions);
  if (readsVariable(options, 'platform') || readsVariable(options, 'prev')) addUnsaved(submissions, filings);
  const wanted = new Set<string>();
  if (readsVariable(options, 'prev')) {
    for (const f of filings) {
      const live = liveVersionAsOf(submissions.get(f.platform.id) ?? [], previousPeriod(f.period), evaluationInstant(context, f));
      if (live && !held.has(live.id)) wanted.add(live.id);
    }
  }
  const previous = wanted.size ? await readFilings(em, 'from filing f where f.id = any(?)', [[...wanted]], options.reads?.content) : [];
  return { ...context, submissions, filings: held, previous: new Map(previous.map((f) => [f.id, f])) };
}

/** Counts the batch's filings not stored yet (a dry run's draft, a write's filings before it records them) as submitted. */
function addUnsaved(submissions: Map<string, Submission[]>, filings: Filing[]): void {
  const stored = new Set([...submissions.values()].flatMap((list) => list.map((s) => s.id)));
  for (const f of filings) {
    if (stored.has(f.id)) continue;
    const unsaved = { id: f.id, period: f.period, amendment: f.amendment, atMicros: f.submittedAt.getTime() * 1000 };
    submissions.set(f.platform.id, [...(submissions.get(f.platform.id) ?? []), unsaved]);
  }
}

/**
 * Loads what factsAsOf reads about platforms (as far as the variables in `options.reads` need), without
 * filings of a batch (the missing-filings job: FILE-001's view).
 */
export async function loadPlatformContext(em: EntityManager, platformIds: string[], options: FactsOptions = {}): Promise<BatchContext> {
  const reads = (...variables: RuleVariable[]) => platformIds.length > 0 && variables.some((v) => readsVariable(options, v));
  // one after another: inside a transaction they share one connection
  const platforms = reads('platform', 'ctx') ? await em.find(Platform, { id: { $in: platformIds } }) : [];
  const qualifications = reads('platform') ? await em.find(Qualification, { platform: { $in: platformIds } }, { orderBy: { createdAt: 'asc', id: 'asc' } }) : [];
  const submissions = reads('platform', 'prev') ? await submissionsOf(em, platformIds) : new Map<string, Submission[]>();
  const associationIds = [...new Set(platforms.map((p) => p.association.id))];
  const params = reads('ctx') ? await parameterHistory(em, associationIds) : () => ({});
  const calendars = reads('ctx') ? await calendarsOf(em, associationIds) : new Map<string, WorkingDayCalendar>();
  const byPlatform = new Map<string, Qualification[]>(platformIds.map((id) => [id, []]));
  for (const q of qualifications) byPlatform.get(q.platform.id)?.push(q);
  const profiles = reads('platform') ? await profileHistory(em, platforms) : new Map<string, ProfileVersion[]>();
  const platformsById = new Map(platforms.map((p) => [p.id, p]));
  return { options, filings: new Map(), previous: new Map(), platforms: platformsById, profiles, qualifications: byPlatform, submissions, params, calendars };
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

/**
 * The profile of every recorded version of the platforms whose owners ever updated it, from the ledger (one
 * statement, none when no platform was updated): the row holds only the latest profile.
 */
async function profileHistory(em: EntityManager, platforms: Platform[]): Promise<Map<string, ProfileVersion[]>> {
  const updated = platforms.filter((p) => p.profileUpdatedAt).map((p) => p.id);
  const versions = await recordedVersions<Platform>(em, 'platform', updated);
  return new Map([...versions].map(([id, list]) => [id, list.map(({ at, entity }) => ({ at, profile: profileOf(entity) }))]));
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
