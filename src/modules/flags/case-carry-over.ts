import type { Flag } from './flag.entity';
import { FlagCaseState } from './flag.enums';

/** The case fields of a flag, as re-evaluation carries or closes them. */
type CaseFields = Pick<Flag, 'caseState' | 'caseChangedAt' | 'caseCarriedFrom'>;

/** Whether anyone has acted on a flag's case (a reply, decision or reopening, here or on a flag it carried over from). */
function caseEngaged(flag: Pick<Flag, 'caseChangedAt'>): boolean {
  return flag.caseChangedAt !== null;
}

/**
 * The case a newly raised flag starts with when re-evaluation (an amendment, a new rule version) replaces a
 * flag of the same rule on the same period: an engaged case carries over (its state and last change, so a
 * reply period keeps running, and a link to the replaced flag, whose steps stay readable); otherwise a fresh one.
 */
export function carriedCase(replaced: Flag | undefined): Partial<CaseFields> {
  if (!replaced || !caseEngaged(replaced)) return {};
  return { caseState: replaced.caseState, caseChangedAt: replaced.caseChangedAt, caseCarriedFrom: replaced };
}

/** The case of a replaced flag the new evaluation no longer raises: CLOSED (final) when it was engaged, else as it was. */
export function closedCase(flag: CaseFields, at: Date): Partial<CaseFields> {
  return caseEngaged(flag) ? { caseState: FlagCaseState.CLOSED, caseChangedAt: at } : {};
}
