import { defineRecord, instant, readInstant, readRef, RecordValue, ref } from '../ledger';
import { EvaluationError } from './evaluation-error.entity';
import { Flag } from './flag.entity';
import { ReevaluationBatch } from './reevaluation-batch.entity';

/**
 * A flag version: what rule version raised it on which filing (or missing period), with the evidence, and its status.
 * Private while the flag is held for review (see review-hold.ts): its public history starts with the confirming decision,
 * whose record says that it was reviewed before publication.
 */
defineRecord(Flag, {
  type: 'flag',
  isPublic: (f) => !f.heldForReview,
  project: (f) => ({
    platform: ref(f.platform),
    filing: ref(f.filing),
    period: f.period,
    ruleVersion: ref(f.ruleVersion),
    ruleCode: f.ruleCode,
    severity: f.severity,
    category: f.category,
    status: f.status,
    evidence: JSON.parse(JSON.stringify(f.evidence)) as RecordValue,
    raisedAt: instant(f.raisedAt),
    statusChangedAt: instant(f.statusChangedAt),
    statusReason: f.statusReason,
    caseState: f.caseState,
    caseChangedAt: instant(f.caseChangedAt),
    caseCarriedFrom: ref(f.caseCarriedFrom),
    reviewBeforePublication: f.reviewBeforePublication,
    heldForReview: f.heldForReview,
  }),
  revive: (r: any, e) =>
    ({
      ...r,
      id: e.id,
      version: e.version,
      platform: readRef(r.platform),
      filing: readRef(r.filing),
      ruleVersion: readRef(r.ruleVersion),
      raisedAt: readInstant(r.raisedAt),
      statusChangedAt: readInstant(r.statusChangedAt),
      // versions recorded before flags had cases: an untouched case
      caseState: r.caseState ?? 'OPEN',
      caseChangedAt: readInstant(r.caseChangedAt ?? null),
      caseCarriedFrom: readRef(r.caseCarriedFrom ?? null),
      // versions recorded before rules could be marked for review; a public version is never held
      reviewBeforePublication: r.reviewBeforePublication ?? false,
      heldForReview: false,
    }) as unknown as Flag,
});

/** A rule that could not be evaluated on a filing: kept for the platform and its association, not public. */
defineRecord(EvaluationError, {
  type: 'evaluation-error',
  isPublic: () => false,
  project: (e) => ({ filing: ref(e.filing), ruleVersion: ref(e.ruleVersion), ruleCode: e.ruleCode, message: e.message, evaluatedAt: instant(e.evaluatedAt) }),
});

/** A batch of a re-evaluation: the rule version it ran, the filings it evaluated with their facts SHA-256, the flags it raised. */
defineRecord(ReevaluationBatch, {
  type: 'reevaluation-batch',
  isPublic: () => true,
  project: (b) => ({
    ruleVersion: ref(b.ruleVersion),
    filings: b.filings.map((f) => ({ filing: f.filing, factsSha256: f.factsSha256 })),
    flagsRaised: b.flagsRaised,
    at: instant(b.at),
  }),
});
