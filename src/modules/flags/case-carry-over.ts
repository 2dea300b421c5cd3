import type { Flag } from './flag.entity';
import { FlagCaseState } from './flag.enums';
import type { HoldFields } from './review-hold';

/** The case fields of a flag, as re-evaluation carries or closes them. */
type CaseFields = Pick<Flag, 'caseState' | 'caseChangedAt' | 'caseCarriedFrom'>;

/** What a carried case brings along: its fields and its hold (a case held for review stays held; a published one stays public). */
type CarriedFields = CaseFields & HoldFields;

/** Whether anyone has acted on a flag's case (a reply, decision or reopening, here or on a flag it carried over from). */
function caseEngaged(flag: Pick<Flag, 'caseChangedAt'>): boolean {
  return flag.caseChangedAt !== null;
}

/**
 * The case a newly raised flag starts with when re-evaluation (an amendment, a new rule version) replaces a
 * flag of the same rule on the same period: an engaged case carries over (its state and last change, so a
 * reply period keeps running, and a link to the replaced flag, whose steps stay readable) with its hold for
 * review (held while that flag was, public if it was published); otherwise a fresh one. Spread it over holdAtRaise.
 */
export function carriedCase(replaced: Flag | undefined): Partial<CarriedFields> {
  if (!replaced || !caseEngaged(replaced)) return {};
  return {
    caseState: replaced.caseState,
    caseChangedAt: replaced.caseChangedAt,
    caseCarriedFrom: replaced,
    reviewBeforePublication: replaced.reviewBeforePublication,
    heldForReview: replaced.heldForReview,
  };
}

/**
 * Whether a flag that stops standing (superseded, resolved) closes an engaged case: someone acted on it and no new
 * flag of its rule carries it over (`reraised`: the new evaluation raises the rule again). Such a closing moves the
 * case (caseChangedAt) and appends a CLOSE step (src/modules/cases/close-case.ts).
 */
export function closesEngagedCase(flag: Pick<Flag, 'caseChangedAt'>, reraised: boolean): boolean {
  return caseEngaged(flag) && !reraised;
}

/**
 * The case of a flag that stops standing: an engaged case a new flag carries over stays as it was (it lives on
 * there); any other case is CLOSED (final), an engaged one at `at`, an untouched one without moving (nobody
 * acted on it: no step, caseChangedAt stays null, so no new flag carries it). reevaluation.ts does the same in SQL.
 */
export function closedCase(flag: CaseFields, at: Date, reraised: boolean): Partial<CaseFields> {
  if (!caseEngaged(flag)) return { caseState: FlagCaseState.CLOSED };
  return reraised ? {} : { caseState: FlagCaseState.CLOSED, caseChangedAt: at };
}
