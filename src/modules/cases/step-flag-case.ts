import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { badInput, ConflictError, NotFoundError } from '../../errors';
import { runWrite, Write } from '../ledger';
import { Role } from '../accounts/role';
import { actorOf, MemberViewer } from '../accounts/viewer';
import { calendarFor } from '../calendar/association-calendar';
import { Filing } from '../filings/filing.entity';
import { Flag } from '../flags/flag.entity';
import { FlagCaseState, FlagStatus } from '../flags/flag.enums';
import { FLAG_PUBLISHED, seesFlag } from '../flags/flag.visibility';
import { actsForPlatform, actsForPlatformsAssociation, assertOpenFor, authorize } from '../platforms/platform.policy';
import { CASE_TRANSITIONS, CaseAction, MemberCaseAction } from './case-transitions';
import { caseStepCounts } from './close-case';
import { FlagCaseStep } from './flag-case-step.entity';
import { replyDueAt } from './reply-period';

/** Props of `stepFlagCase`: the step, and what comes with it. */
export interface FlagCaseStepProps {
  viewer: MemberViewer;
  flagId: string;
  action: MemberCaseAction;
  /** The reply, or the reviewer's reason. */
  text: string;
  documentSha256s?: string[] | null;
  remediatingFilingId?: string | null;
}

/**
 * Takes one step of a flag's case, as CASE_TRANSITIONS allows it: the platform's owner or filers reply,
 * reviewers of its association decide or reopen. The flag row is locked first, so of two steps racing on one
 * case the second sees the first's outcome (and is refused when it no longer applies). Appends the step and
 * records the flag's new case state, in one transaction; both are public ledger entries, except while the flag is
 * held for review (private entries; a flag the viewer may not see is NOT_FOUND). Confirming a held flag publishes it.
 */
export async function stepFlagCase(em: EntityManager, props: FlagCaseStepProps): Promise<Flag> {
  return runWrite(em, actorOf(props.viewer), async (write) => {
    const flag = await write.em.findOne(Flag, props.flagId, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['platform'] });
    if (!flag || !seesFlag(props.viewer, flag, flag.platform)) throw new NotFoundError('Flag', props.flagId);
    const transition = CASE_TRANSITIONS[props.action];
    if (transition.by === 'platform') {
      authorize(actsForPlatform(props.viewer, flag.platform, Role.FILER), "Only the flagged platform's own owner or filers can reply to its flags.");
      assertOpenFor(flag.platform, 'replyToFlag');
    } else {
      authorize(actsForPlatformsAssociation(props.viewer, flag.platform, Role.REVIEWER), "Only reviewers of the platform's own association can decide its flags' cases.");
    }
    if (flag.status !== FlagStatus.OPEN) {
      throw new ConflictError(`Flag ${flag.id} is ${flag.status}: only a current (OPEN) flag's case can move.`, 'FLAG_NOT_CURRENT', { status: flag.status });
    }
    if (!transition.from.includes(flag.caseState)) {
      throw new ConflictError(
        `A ${flag.caseState} case cannot take the step ${props.action} (it needs ${transition.from.join(' or ')}).`,
        'FLAG_CASE_STEP_NOT_ALLOWED',
        { from: flag.caseState, action: props.action },
      );
    }
    if (transition.by === 'reviewer' && flag.caseState === FlagCaseState.OPEN) await assertReplyPeriodOver(write, flag);
    const remediatingFiling = await remediatingFilingOf(write, flag, props);
    const seq = ((await caseStepCounts(write.em, [flag.id])).get(flag.id) ?? 0) + 1;
    // a confirmation publishes a flag held for review (this step too, and the flag's versions from this one on);
    // other decisions leave it held, and once published it stays so
    const published = flag.heldForReview && props.action === CaseAction.CONFIRM;
    if (published) flag.heldForReview = false;
    const step = write.em.create(FlagCaseStep, {
      flag,
      seq,
      action: props.action,
      fromState: flag.caseState,
      toState: transition.to,
      organisationId: actorOf(props.viewer).label,
      role: props.viewer.role,
      at: write.at,
      text: props.text,
      documentSha256s: props.documentSha256s ?? [],
      remediatingFiling,
    });
    const reason = props.action === CaseAction.REPLY ? null : props.text;
    write.record(step, `flag.case-${props.action.toLowerCase()}`, { reason });
    flag.caseState = transition.to;
    flag.caseChangedAt = write.at;
    return write.record(flag, published ? FLAG_PUBLISHED : 'flag.case-stepped', { reason });
  });
}

/** A reviewer decides an unanswered case only once the platform's reply period is over. */
async function assertReplyPeriodOver(write: Write, flag: Flag): Promise<void> {
  const due = replyDueAt(flag, await calendarFor(write.em, flag.platform.association.id));
  if (due && write.at.getTime() <= due.getTime()) {
    throw new ConflictError(
      `The platform may reply until ${due.toISOString()}; decide once it has replied or after that.`,
      'FLAG_CASE_REPLY_PERIOD_OPEN',
      { replyDueAt: due.toISOString() },
    );
  }
}

/** For REMEDIATE, the later filing of the flagged platform that shows the fix; no filing for any other step. */
async function remediatingFilingOf(write: Write, flag: Flag, props: FlagCaseStepProps): Promise<Filing | null> {
  const path = 'input.remediatingFilingId';
  if (props.action !== CaseAction.REMEDIATE) {
    if (props.remediatingFilingId) throw badInput(path, 'is only for a REMEDIATED decision');
    return null;
  }
  if (!props.remediatingFilingId) throw badInput(path, 'is required for a REMEDIATED decision: the filing that shows the fix');
  const filing = await write.em.findOne(Filing, props.remediatingFilingId);
  if (!filing || filing.platform.id !== flag.platform.id) throw badInput(path, "must be one of the flagged platform's filings");
  if (filing.createdAt.getTime() <= flag.raisedAt.getTime()) throw badInput(path, 'must be a filing recorded after the flag was raised');
  return filing;
}
