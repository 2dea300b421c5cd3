import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { newId } from '../../shared/ids';
import { sql } from '../../shared/sql';
import { Filing } from '../filings/filing.entity';
import { evaluateRules, evaluationInstant, Finding, inputReadBy, InputReads, loadBatchContext, readFilings, ruleInputs, RuleToEvaluate } from '../evaluation';
import { programOf } from '../rules/rules-in-force';
import { RuleVersion } from '../rules/rule-version.entity';
import { RuleCategory, RuleVersionStatus, Severity } from '../rules/rule.enums';
import { BulkWrite } from '../ledger';
import { EvaluationError } from './evaluation-error.entity';
import { Flag, FlagEvidence } from './flag.entity';
import { ReevaluatedFiling, ReevaluationBatch } from './reevaluation-batch.entity';
import { FlagCaseState, FlagStatus } from './flag.enums';
import { CASE_CLOSED, closeStep } from '../cases/close-case';
import { FlagCaseStep } from '../cases/flag-case-step.entity';
import { carriedCase } from './case-carry-over';
import { holdAtRaise } from './review-hold';

/** Filings handled per transaction. */
const BATCH = 2000;

const SYSTEM = { memberId: null, label: 'system' };

/** Where the last batch ended: the (platform, period, amendment) of its last filing. */
type Cursor = [platformId: string, period: string, amendment: number];

/** The version being applied and what the batches need to know about it. */
interface Job {
  version: RuleVersion;
  associationId: string;
  /** The version's effective range over period ends: [from, until), until = the next version's start. */
  from: Date;
  until: Date | null;
  /** The compiled rule; null for a retiring version, which only supersedes. */
  rule: RuleToEvaluate | null;
  /** What the rule reads of its input (nothing for a retiring version). */
  reads: InputReads;
  /** Filings per batch. */
  batchSize: number;
  /** Filings an earlier run of this job already evaluated (listed in its batches): a retry skips them. */
  listed: ReadonlySet<string>;
  reason: string;
}

/**
 * Job body: every live filing of the association whose period end falls in the version's effective range
 * [effectiveFrom, next version's effectiveFrom) is checked against it, as of its submission (facts and
 * evidence pinned there, as when it was filed). Open flags of other versions of
 * the rule on those filings become SUPERSEDED; FLAGGED findings raise new OPEN flags with evidence and
 * ERROR findings become evaluation errors; a retiring version only supersedes. Every write is recorded
 * as a change, and each batch leaves a public ReevaluationBatch record naming every filing it evaluated
 * (passes too) with the SHA-256 of its facts. Filings already evaluated under this version (a flag or evaluation error of it, e.g.
 * from a submission after publication or an interrupted earlier run) are not raised again, so a retry
 * is harmless. Returns how many filings were re-evaluated.
 *
 * Runs as a pipeline of keyset batches: while a batch is written (one transaction: supersede, then
 * raise), the next is read and evaluated (a few set-based reads on another connection: the filings, the
 * facts of batch-evaluation.ts), and then written while the first may still be committing. So up to two
 * write transactions run at once, on disjoint filings (their log indexes still follow commit order), and
 * the database and the evaluation work at the same time. A failed batch fails the job after at most
 * one more batch was written; a retry skips what was done.
 */
export async function reevaluateForVersion(orm: MikroORM, data: { ruleVersionId: string }, batchSize = BATCH): Promise<number> {
  const job = await prepare(orm.em.fork(), data.ruleVersionId, batchSize);
  if (!job) return 0;
  let done = 0;
  let batch = await evaluateBatch(orm.em.fork(), job, null);
  let writing: Promise<void> = Promise.resolve();
  while (batch.filings.length) {
    const previous = writing;
    const current = batch;
    writing = orm.em.fork().transactional((em) => writeBatch(em, job, current));
    // awaited below (next round, or after the loop); until then a failure must not count as unhandled
    writing.catch(() => {});
    const end = batch.filings[batch.filings.length - 1];
    [batch] = await Promise.all([evaluateBatch(orm.em.fork(), job, [end.platform.id, end.period, end.amendment]), previous]);
    done += current.filings.length;
  }
  await writing;
  return done;
}

async function prepare(em: EntityManager, ruleVersionId: string, batchSize: number): Promise<Job | null> {
  const version = await em.findOneOrFail(RuleVersion, ruleVersionId, { populate: ['rule'] });
  if (version.status !== RuleVersionStatus.PUBLISHED || !version.effectiveFrom) return null;
  const next = await em.findOne(
    RuleVersion,
    { rule: version.rule, status: RuleVersionStatus.PUBLISHED, number: { $gt: version.number } },
    { orderBy: { number: 'asc' } },
  );
  const code = version.rule.code;
  const rule = version.retires ? null : { ruleVersionId: version.id, ruleCode: code, expression: version.expression, program: programOf(version) };
  return {
    version,
    associationId: version.rule.association.id,
    from: version.effectiveFrom,
    until: next?.effectiveFrom ?? null,
    rule,
    reads: inputReadBy(rule ? [rule] : []),
    batchSize,
    listed: new Set(
      (await sql<{ id: string }>(em, `select f->>'filing' as id from reevaluation_batch b cross join jsonb_array_elements(b.filings) f where b.rule_version_id = ?`, [version.id])).map((r) => r.id),
    ),
    reason: version.retires ? `Rule ${code} retired from ${version.effectiveFrom.toISOString()}.` : `Re-evaluated under ${code} version ${version.number}.`,
  };
}

/** The next batch of live filings of the association in the version's range, in (platform, period) order, with the content the rule reads. */
async function affectedFilings(em: EntityManager, job: Job, after: Cursor | null): Promise<Filing[]> {
  const conditions = ['p.association_id = ?', 'f.period_end >= ?', 'not exists (select 1 from filing s where s.supersedes_id = f.id)'];
  const params: unknown[] = [job.associationId, job.from];
  if (job.until) {
    conditions.push('f.period_end < ?');
    params.push(job.until);
  }
  if (after) {
    conditions.push('(f.platform_id, f.period, f.amendment) > (?, ?, ?)');
    params.push(...after);
  }
  const from = `from filing f join platform p on p.id = f.platform_id where ${conditions.join(' and ')} order by f.platform_id, f.period, f.amendment limit ${job.batchSize}`;
  return readFilings(em, from, params, job.reads.content);
}

/** A batch of filings with the rule's finding on each (none for a retiring version), and the instant each was evaluated at. */
interface EvaluatedBatch {
  filings: Filing[];
  findings: Map<string, { finding: Finding; evaluatedAt: Date }>;
}

/** Reads the batch after `after` with the facts its rule reads, and evaluates the rule on each filing. */
async function evaluateBatch(em: EntityManager, job: Job, after: Cursor | null): Promise<EvaluatedBatch> {
  const filings = await affectedFilings(em, job, after);
  const findings: EvaluatedBatch['findings'] = new Map();
  if (!job.rule || !filings.length) return { filings, findings };
  const context = await loadBatchContext(em, filings, { reads: job.reads });
  const inputs = ruleInputs(context, filings);
  for (const filing of filings) {
    const evaluatedAt = evaluationInstant(context, filing);
    findings.set(filing.id, { finding: evaluateRules([job.rule], inputs.get(filing.id)!, evaluatedAt)[0], evaluatedAt });
  }
  return { filings, findings };
}

/**
 * Writes a batch in one transaction: supersedes the rule's open flags of other versions on its filings,
 * then raises its flags and evaluation errors on the filings not yet evaluated under the version.
 */
async function writeBatch(em: EntityManager, job: Job, { filings, findings }: EvaluatedBatch): Promise<void> {
  const { version } = job;
  const ids = filings.map((f) => f.id);
  const write = new BulkWrite(em, SYSTEM, new Date());
  const flagged = new Set(filings.filter((f) => findings.get(f.id)?.finding.outcome === 'FLAGGED').map((f) => f.id));
  const replaced = await supersedeStale(write, job, ids, flagged);
  if (job.rule) {
    // not raised: filings already evaluated under this version (when written, by an earlier run, or with a
    // flag or an evaluation error of it), and filings an amendment replaced since the batch was read (the
    // amendment is evaluated itself)
    const leave = await write.execute<{ filing_id: string }>(
      `select filing_id from flag where rule_version_id = ? and filing_id = any(?)
        union select filing_id from evaluation_error where rule_version_id = ? and filing_id = any(?)
        union select id from filing where id = any(?) and evaluated_rule_version_ids @> jsonb_build_array(?::text)
        union select supersedes_id from filing where supersedes_id = any(?)`,
      [version.id, ids, version.id, ids, ids, version.id, ids],
    );
    const skipped = new Set(leave.map((row) => row.filing_id));
    const ruleVersion = { id: version.id } as RuleVersion;
    const batch = { id: newId('rvb'), ruleVersion, filings: [] as ReevaluatedFiling[], flagsRaised: 0, at: write.at } as ReevaluationBatch;
    for (const filing of filings) {
      if (skipped.has(filing.id) || job.listed.has(filing.id)) continue;
      batch.filings.push({ filing: filing.id, factsSha256: filing.factsSha256 });
      const { finding, evaluatedAt } = findings.get(filing.id)!;
      if (finding.outcome === 'FLAGGED') {
        const flag = {
          id: newId('flg'),
          platform: filing.platform,
          filing: { id: filing.id },
          period: filing.period,
          ruleVersion,
          ruleCode: finding.ruleCode,
          severity: version.severity,
          category: version.category,
          status: FlagStatus.OPEN,
          evidence: finding.evidence,
          raisedAt: write.at,
          statusChangedAt: null,
          statusReason: null,
          caseState: FlagCaseState.OPEN,
          caseChangedAt: null,
          caseCarriedFrom: null,
          ...holdAtRaise(version),
          ...carriedCase(replaced.get(filing.id)),
        } as Flag;
        write.inserted(Flag, flag, 'flag.raised');
        batch.flagsRaised++;
      } else if (finding.outcome === 'ERROR') {
        const error = {
          id: newId('eve'),
          filing: { id: filing.id },
          ruleVersion,
          ruleCode: finding.ruleCode,
          message: finding.error ?? 'evaluation failed',
          evaluatedAt,
        } as EvaluationError;
        write.inserted(EvaluationError, error, 'rule.evaluation-failed');
      }
    }
    if (batch.filings.length) write.inserted(ReevaluationBatch, batch, 'rule.reevaluated', { reason: job.reason });
  }
  await write.flush();
}

/**
 * Supersedes the rule's open flags of other versions on these filings, and closes their cases as closedCase does:
 * an engaged case carries over where the new version flags the filing again (`flagged`), and closes with a CLOSE
 * step where it does not; any other case reads CLOSED. Two statements whatever the count: the flags are locked
 * first (so the UPDATE's snapshot holds every step taken on them, and the states it started from are current),
 * then updated in one statement that returns, for each case it closes, how many steps it had. The CLOSE steps go
 * into the batch's inserts (one multi-row INSERT). Returns the superseded flags by filing.
 */
async function supersedeStale(write: BulkWrite, job: Job, ids: string[], flagged: ReadonlySet<string>): Promise<Map<string, Flag>> {
  const locked = await write.execute<{ id: string; case_state: FlagCaseState }>(
    `select id, case_state from flag where filing_id = any(?) and rule_code = ? and status = ? and rule_version_id <> ? for update`,
    [ids, job.version.rule.code, FlagStatus.OPEN, job.version.id],
  );
  const replaced = new Map<string, Flag>();
  if (!locked.length) return replaced;
  const closedFrom = new Map(locked.map((row) => [row.id, row.case_state]));
  const stale = await write.execute<FlagRow & { steps: number | null }>(
    `update flag set status = ?, status_changed_at = ?, status_reason = ?, version = version + 1,
       case_state = case when case_changed_at is not null and filing_id = any(?) then case_state else ?::flag_case_state end,
       case_changed_at = case when case_changed_at is null or filing_id = any(?) then case_changed_at else ?::timestamptz end
      where id = any(?) and status = ?
      returning *, case when case_state = ?::flag_case_state and case_changed_at is not null
        then (select count(*)::int from flag_case_step s where s.flag_id = flag.id) end as steps`,
    [FlagStatus.SUPERSEDED, write.at, job.reason, [...flagged], FlagCaseState.CLOSED, [...flagged], write.at, [...closedFrom.keys()], FlagStatus.OPEN, FlagCaseState.CLOSED],
  );
  for (const row of stale) {
    const flag = flagOf(write.em, row);
    if (row.steps !== null) {
      const step = { id: newId('fcs'), version: 0, ...closeStep(flag, row.steps + 1, closedFrom.get(row.id)!, write.at, job.reason) };
      write.inserted(FlagCaseStep, step as FlagCaseStep, CASE_CLOSED, { reason: job.reason });
    }
    replaced.set(row.filing_id!, write.updated(Flag, flag, 'flag.superseded', { reason: job.reason }));
  }
  return replaced;
}

/** A flag row as the database returns it. */
interface FlagRow {
  id: string;
  platform_id: string;
  filing_id: string | null;
  period: string;
  rule_version_id: string;
  rule_code: string;
  severity: Severity;
  category: RuleCategory;
  status: FlagStatus;
  evidence: FlagEvidence;
  raised_at: string;
  status_changed_at: string | null;
  status_reason: string | null;
  case_state: FlagCaseState;
  case_changed_at: string | null;
  case_carried_from_id: string | null;
  review_before_publication: boolean;
  held_for_review: boolean;
  version: number;
}

/** A flag row shaped like the entity (relations as `{ id }`, instants parsed as the ORM parses them), for its ledger record. */
function flagOf(em: EntityManager, row: FlagRow): Flag {
  const instant = (value: string | null) => (value === null ? null : (em.getPlatform().parseDate(value) as Date));
  return {
    id: row.id,
    platform: { id: row.platform_id },
    filing: row.filing_id === null ? null : { id: row.filing_id },
    period: row.period,
    ruleVersion: { id: row.rule_version_id },
    ruleCode: row.rule_code,
    severity: row.severity,
    category: row.category,
    status: row.status,
    evidence: row.evidence,
    raisedAt: instant(row.raised_at),
    statusChangedAt: instant(row.status_changed_at),
    statusReason: row.status_reason,
    caseState: row.case_state,
    caseChangedAt: instant(row.case_changed_at),
    caseCarriedFrom: row.case_carried_from_id === null ? null : { id: row.case_carried_from_id },
    reviewBeforePublication: row.review_before_publication,
    heldForReview: row.held_for_review,
    version: row.version,
  } as Flag;
}
