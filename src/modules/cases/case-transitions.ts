import { registerEnumType } from 'type-graphql';
import { FlagCaseState } from '../flags/flag.enums';

/** A step of a flag's case. */
export enum CaseAction {
  REPLY = 'REPLY',
  CONFIRM = 'CONFIRM',
  DISMISS = 'DISMISS',
  REMEDIATE = 'REMEDIATE',
  REOPEN = 'REOPEN',
  CLOSE = 'CLOSE',
}
registerEnumType(CaseAction, {
  name: 'CaseAction',
  description: "A step of a flag's case, as recorded in its history.",
  valuesConfig: {
    REPLY: { description: "The platform's owner or filer answered the flag." },
    CONFIRM: { description: 'A reviewer of the association confirmed the breach.' },
    DISMISS: { description: 'A reviewer dismissed the flag, with a reason.' },
    REMEDIATE: { description: 'A reviewer found the breach fixed by a later filing.' },
    REOPEN: { description: 'A reviewer reopened a decided case, with a reason.' },
    CLOSE: { description: 'The registry closed the case: re-evaluation (an amendment, a new rule version) no longer raises the flag, or the flag was resolved; the text says why.' },
  },
});

/**
 * Who may take a step: the flagged platform's owner or filers, reviewers of its association, or the registry
 * itself (the write that supersedes or resolves the flag).
 */
export type CaseActor = 'platform' | 'reviewer' | 'system';

/** The steps members take through the API (replies, decisions, reopenings); CLOSE is the registry's own. */
export type MemberCaseAction = Exclude<CaseAction, CaseAction.CLOSE>;

/** One allowed step: from which states, to which, by whom. */
export interface CaseTransition {
  from: readonly FlagCaseState[];
  to: FlagCaseState;
  by: CaseActor;
}

const UNDECIDED = [FlagCaseState.OPEN, FlagCaseState.RESPONDED] as const;
const DECIDED = [FlagCaseState.CONFIRMED, FlagCaseState.DISMISSED, FlagCaseState.REMEDIATED] as const;
const NOT_CLOSED = [...UNDECIDED, ...DECIDED] as const;

/**
 * The one table of allowed steps. A platform may reply while the case is undecided (a further reply adds to
 * the first); a reviewer decides an undecided case (from OPEN only once the reply period is over, see
 * reply-period.ts) and may reopen a decided one. The registry closes a case someone acted on when the flag stops
 * standing without a new flag carrying the case over (see src/modules/flags/case-carry-over.ts); CLOSED is final.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseAction, CaseTransition>> = {
  [CaseAction.REPLY]: { from: UNDECIDED, to: FlagCaseState.RESPONDED, by: 'platform' },
  [CaseAction.CONFIRM]: { from: UNDECIDED, to: FlagCaseState.CONFIRMED, by: 'reviewer' },
  [CaseAction.DISMISS]: { from: UNDECIDED, to: FlagCaseState.DISMISSED, by: 'reviewer' },
  [CaseAction.REMEDIATE]: { from: UNDECIDED, to: FlagCaseState.REMEDIATED, by: 'reviewer' },
  [CaseAction.REOPEN]: { from: DECIDED, to: FlagCaseState.OPEN, by: 'reviewer' },
  [CaseAction.CLOSE]: { from: NOT_CLOSED, to: FlagCaseState.CLOSED, by: 'system' },
};
