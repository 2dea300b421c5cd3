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

/** The case of a replaced flag the new evaluation no longer raises: CLOSED (final) when it was engaged, else as it was. */
export function closedCase(flag: CaseFields, at: Date): Partial<CaseFields> {
  return caseEngaged(flag) ? { caseState: FlagCaseState.CLOSED, caseChangedAt: at } : {};
}
