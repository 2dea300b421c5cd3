import { LockMode } from '@mikro-orm/core';
import { Write } from '../ledger';
import { CASE_CLOSED, caseStepCounts, closeStep } from '../cases/close-case';
import { FlagCaseStep } from '../cases/flag-case-step.entity';
import { Filing } from '../filings/filing.entity';
import { Finding } from '../evaluation';
import { RuleVersion } from '../rules/rule-version.entity';
import { EvaluationError } from './evaluation-error.entity';
import { Flag } from './flag.entity';
import { FlagStatus } from './flag.enums';
import { carriedCase, closedCase, closesEngagedCase } from './case-carry-over';
import { holdAtRaise } from './review-hold';

/**
 * Persists the findings of one evaluation: an OPEN flag per FLAGGED finding, an EvaluationError per ERROR. A
 * flag raised by a rule whose flag on the replaced version (`replaced`, by rule code) had an engaged case
 * carries that case over (see carriedCase); a flag of a version marked for review is held (see holdAtRaise).
 */
export function recordFindings(write: Write, filing: Filing, versions: RuleVersion[], findings: Finding[], replaced: ReadonlyMap<string, Flag> = new Map()): Flag[] {
  const byId = new Map(versions.map((v) => [v.id, v]));
  const flags: Flag[] = [];
  for (const finding of findings) {
    const ruleVersion = byId.get(finding.ruleVersionId) as RuleVersion;
    if (finding.outcome === 'FLAGGED') {
      const flag = write.em.create(Flag, {
        platform: filing.platform,
        filing,
        period: filing.period,
        ruleVersion,
        ruleCode: finding.ruleCode,
        severity: ruleVersion.severity,
        category: ruleVersion.category,
        status: FlagStatus.OPEN,
        evidence: finding.evidence,
        raisedAt: write.at,
        ...holdAtRaise(ruleVersion),
        ...carriedCase(replaced.get(finding.ruleCode)),
      });
      flags.push(write.record(flag, 'flag.raised'));
    } else if (finding.outcome === 'ERROR') {
      const error = write.em.create(EvaluationError, {
        filing,
        ruleVersion,
        ruleCode: finding.ruleCode,
        message: finding.error ?? 'evaluation failed',
        evaluatedAt: new Date(finding.evidence.evaluatedAt),
      });
      write.record(error, 'rule.evaluation-failed');
    }
  }
  return flags;
}

/**
 * Marks flags as no longer current (SUPERSEDED or RESOLVED), keeping them on record with the reason, and closes
 * their cases (see closedCase): an engaged case that no new flag takes over (its rule not in `reraised`) gets a
 * CLOSE step with the reason, in the same write (private while the flag is held for review, as its other steps).
 * Lock the flags first (find them with PESSIMISTIC_WRITE), so the steps counted are all there are.
 */
export async function closeFlags(write: Write, flags: Flag[], status: FlagStatus, reason: string, reraised: ReadonlySet<string> = new Set()): Promise<void> {
  const standing = flags.filter((flag) => flag.status === FlagStatus.OPEN);
  const closing = new Set(standing.filter((flag) => closesEngagedCase(flag, reraised.has(flag.ruleCode))));
  const counts = await caseStepCounts(write.em, [...closing].map((flag) => flag.id));
  for (const flag of standing) {
    const fromState = flag.caseState;
    flag.status = status;
    flag.statusChangedAt = write.at;
    flag.statusReason = reason;
    Object.assign(flag, closedCase(flag, write.at, reraised.has(flag.ruleCode)));
    if (closing.has(flag)) {
      const step = write.em.create(FlagCaseStep, closeStep(flag, (counts.get(flag.id) ?? 0) + 1, fromState, write.at, reason));
      write.record(step, CASE_CLOSED, { reason });
    }
    write.record(flag, status === FlagStatus.RESOLVED ? 'flag.resolved' : 'flag.superseded', { reason });
  }
}

/**
 * Supersedes the open flags of the version an amendment replaces, with the amendment's reason, once the
 * amendment is evaluated: a rule that flags the amendment again carries an engaged case over to its new flag, the
 * other cases close (see closeFlags). Returns the replaced flags by rule code, for recordFindings.
 */
export async function supersedeReplacedFlags(write: Write, amendment: Filing, findings: Finding[]): Promise<Map<string, Flag>> {
  if (!amendment.supersedes) return new Map();
  const flags = await write.em.find(Flag, { filing: amendment.supersedes, status: FlagStatus.OPEN }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const reraised = new Set(findings.filter((f) => f.outcome === 'FLAGGED').map((f) => f.ruleCode));
  await closeFlags(write, flags, FlagStatus.SUPERSEDED, `Filing amended (version ${amendment.amendment}): ${amendment.amendmentReason}`, reraised);
  return new Map(flags.map((flag) => [flag.ruleCode, flag]));
}
