import { registerEnumType } from 'type-graphql';

/** Where a flag stands. */
export enum FlagStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(FlagStatus, {
  name: 'FlagStatus',
  description: 'OPEN; RESOLVED (e.g. the missing filing arrived); SUPERSEDED (an amendment or a new rule version re-evaluated the filing).',
  valuesConfig: {
    OPEN: { description: 'Standing: the breach the rule found is on record.' },
    RESOLVED: { description: 'Cleared, e.g. the missing filing arrived.' },
    SUPERSEDED: { description: 'An amendment or a new rule version re-evaluated the filing.' },
  },
});

/** Where a flag's case (its due process) stands; see src/modules/cases for the steps between them. */
export enum FlagCaseState {
  OPEN = 'OPEN',
  RESPONDED = 'RESPONDED',
  CONFIRMED = 'CONFIRMED',
  DISMISSED = 'DISMISSED',
  REMEDIATED = 'REMEDIATED',
  CLOSED = 'CLOSED',
}
registerEnumType(FlagCaseState, {
  name: 'FlagCaseState',
  description: "A flag's case: where the platform's hearing and the association's decision stand.",
  valuesConfig: {
    OPEN: { description: 'Raised (or reopened); the platform may reply.' },
    RESPONDED: { description: 'The platform replied; a reviewer of its association decides.' },
    CONFIRMED: { description: 'A reviewer confirmed the breach.' },
    DISMISSED: { description: 'A reviewer dismissed the flag, with a reason (e.g. a false positive).' },
    REMEDIATED: { description: 'A reviewer found the breach fixed, pointing to the filing that shows it.' },
    CLOSED: {
      description:
        'The flag no longer stands (superseded by re-evaluation, an amendment or a new rule version, or resolved) and no new flag carries its case on; its status reason says why, and a case someone acted on ends with a CLOSE step. Final.',
    },
  },
});
