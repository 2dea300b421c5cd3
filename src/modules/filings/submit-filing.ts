import { LockMode } from '@mikro-orm/core';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { badInput, ConflictError, NotFoundError } from '../../errors';
import { runWrite, Write } from '../ledger';
import { Member } from '../accounts/member.entity';
import { Role } from '../accounts/role';
import { actorOf, MemberViewer } from '../accounts/viewer';
import { calendarFor } from '../calendar/association-calendar';
import { periodBounds } from '../calendar/working-days';
import { evaluateOwn } from '../flags/evaluate-filing';
import { closeFlags, recordFindings, supersedeReplacedFlags } from '../flags/record-findings';
import { Flag } from '../flags/flag.entity';
import { FlagStatus } from '../flags/flag.enums';
import { Platform } from '../platforms/platform.entity';
import { actsForPlatform, assertOpenFor, authorize } from '../platforms/platform.policy';
import { Filing } from './filing.entity';
import { Provenance } from './filing.enums';
import { FilingContentInput } from './filing-content';
import { contentHash, storedContent } from './filing-document';
import { AmendFilingInput, SubmitFilingInput } from './filing.inputs';
import { KeyedRequest, keyedRequest, rememberKey, replayed } from './idempotency';

/** The rule that flags missing filings; its job-raised flags resolve when the filing arrives. */
export const MISSING_FILING_RULE = 'FILE-001';

/**
 * A platform's owner or filer submits a period's filing: stored with registry-set `submittedAt` and
 * `dueAt`, checked against every rule in force for the period, flags raised, in one transaction.
 */
export async function submitFiling(em: EntityManager, viewer: MemberViewer, input: SubmitFilingInput): Promise<Filing> {
  assertPeriodEnded(input.period);
  const request = keyedRequest(input.idempotencyKey, 'submitFiling', input);
  return writeFiling(em, viewer, request, async (write) => {
    const earlier = await replayed(write, viewer, request);
    if (earlier) return earlier;
    const platform = await write.em.findOne(Platform, input.platformId);
    if (!platform) throw new NotFoundError('Platform', input.platformId);
    authorize(actsForPlatform(viewer, platform, Role.FILER), "Only the platform's own owner or filers can file for it.");
    assertOpenFor(platform, 'submitFiling');
    const live = await liveFiling(write.em, platform.id, input.period);
    if (live) throw alreadyFiled(live);
    const dueAt = (await calendarFor(write.em, platform.association.id)).filingDueAt(input.period);
    const filing = newFiling(write, platform, input.period, input, viewer, null, null, dueAt);
    await recordEvaluated(write, [{ filing, action: 'filing.submitted' }]);
    rememberKey(write, viewer, request, filing);
    return filing;
  }, async (fresh) => alreadyFiled((await liveFiling(fresh, input.platformId, input.period))!));
}

/** Corrects the live filing of a period: a new version supersedes it, is checked again, and the old version's flags are superseded. */
export async function amendFiling(em: EntityManager, viewer: MemberViewer, input: AmendFilingInput): Promise<Filing> {
  const request = keyedRequest(input.idempotencyKey, 'amendFiling', input);
  return writeFiling(em, viewer, request, async (write) => {
    const earlier = await replayed(write, viewer, request);
    if (earlier) return earlier;
    const old = await write.em.findOne(Filing, input.filingId, { populate: ['platform'] });
    if (!old) throw new NotFoundError('Filing', input.filingId);
    authorize(actsForPlatform(viewer, old.platform, Role.FILER), "Only the platform's own owner or filers can amend its filings.");
    assertOpenFor(old.platform, 'amendFiling');
    const live = (await liveFiling(write.em, old.platform.id, old.period))!;
    if (live.id !== old.id) throw notLive(old, live);
    const amendment = newFiling(write, old.platform, old.period, input, viewer, old, input.reason, old.dueAt);
    await recordEvaluated(write, [{ filing: amendment, action: 'filing.amended', reason: input.reason }]);
    rememberKey(write, viewer, request, amendment);
    return amendment;
  }, async (fresh) => {
    const old = await fresh.findOneOrFail(Filing, input.filingId);
    return notLive(old, (await liveFiling(fresh, old.platform.id, old.period))!);
  });
}

/** Refuses a period that has not ended yet (filings report completed months). */
export function assertPeriodEnded(period: string): void {
  if (periodBounds(period).end.getTime() >= Date.now()) throw badInput('input.period', 'has not ended yet');
}

/**
 * Runs a filing write. When a concurrent request won the race for the same period (a unique-key violation),
 * a retry under the same idempotency key gets the stored result; any other loser gets `lost(fresh)`, the
 * same precise refusal it would have got had it come second (read in a fresh context, after the winner).
 */
async function writeFiling(
  em: EntityManager,
  viewer: MemberViewer,
  request: KeyedRequest | null,
  work: (write: Write) => Promise<Filing>,
  lost: (fresh: EntityManager) => Promise<ConflictError>,
): Promise<Filing> {
  try {
    return await runWrite(em, actorOf(viewer), work);
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const winner = request ? await runWrite(em.fork(), actorOf(viewer), (write) => replayed(write, viewer, request)) : null;
    if (winner) return winner;
    throw await lost(em.fork());
  }
}

/** The latest version of a platform's filing for `period`, or null. */
function liveFiling(em: EntityManager, platformId: string, period: string): Promise<Filing | null> {
  return em.findOne(Filing, { platform: platformId, period }, { orderBy: { amendment: 'desc' } });
}

function newFiling(
  write: Write,
  platform: Platform,
  period: string,
  content: FilingContentInput,
  viewer: MemberViewer,
  supersedes: Filing | null,
  reason: string | null,
  dueAt: Date,
): Filing {
  const stored = storedContent(content);
  const { start, end } = periodBounds(period);
  return write.em.create(Filing, {
    platform,
    period,
    amendment: (supersedes?.amendment ?? 0) + 1,
    supersedes,
    provenance: Provenance.SUBMITTED,
    currency: 'CNY',
    periodStart: start,
    periodEnd: end,
    dueAt,
    submittedAt: write.at,
    submittedBy: write.em.getReference(Member, viewer.memberId),
    amendmentReason: reason,
    content: stored,
    contentSha256: contentHash(stored),
    createdAt: write.at,
  }, { persist: false });
}

/** A filing version a write is about to record (built unsaved), with its ledger action and reason. */
export interface NewFilingVersion {
  filing: Filing;
  action: 'filing.submitted' | 'filing.amended' | 'filing.imported';
  reason?: string | null;
}

/**
 * Records new filing versions with the evaluation made as they are written: evaluated together, each at its
 * own instant (its submission, or an import file's ctx.asOf with that ctx), each is recorded with the SHA-256
 * of its facts and the rule versions used, then its flags and evaluation errors. An amendment supersedes the
 * replaced version's flags (their cases carried over or closed); missing-filing flags of its period resolve.
 * Returns the flags raised.
 */
export async function recordEvaluated(write: Write, versions: NewFilingVersion[]): Promise<Flag[]> {
  const evaluations = await evaluateOwn(write.em, versions.map((v) => v.filing));
  const flags: Flag[] = [];
  for (const { filing, action, reason } of versions) {
    const { versions: ruleVersions, findings, factsSha256 } = evaluations.get(filing.id)!;
    filing.factsSha256 = factsSha256;
    filing.evaluatedRuleVersionIds = ruleVersions.map((v) => v.id);
    write.record(filing, action, { reason: reason ?? null });
    const replaced = await supersedeReplacedFlags(write, filing, findings);
    flags.push(...recordFindings(write, filing, ruleVersions, findings, replaced));
    const missing = await write.em.find(
      Flag,
      { platform: filing.platform, period: filing.period, filing: null, ruleCode: MISSING_FILING_RULE, status: FlagStatus.OPEN },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    await closeFlags(write, missing, FlagStatus.RESOLVED, `Filing ${filing.id} received.`);
  }
  return flags;
}

function notLive(old: Filing, live: Filing): ConflictError {
  return new ConflictError(`Filing ${old.id} has been amended already; amend the live version ${live.id}.`, 'FILING_NOT_LIVE', { liveFilingId: live.id });
}

function alreadyFiled(live: Filing): ConflictError {
  return new ConflictError(
    `Period ${live.period} is already filed (${live.id}); to correct it, use amendFiling.`,
    'FILING_PERIOD_ALREADY_FILED',
    { filingId: live.id },
  );
}
