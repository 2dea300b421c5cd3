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
