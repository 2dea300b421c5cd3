import { registerEnumType } from 'type-graphql';

/** What kind of public record a challenge disputes. */
export enum ChallengeTarget {
  PLATFORM = 'PLATFORM',
  QUALIFICATION = 'QUALIFICATION',
  FILING = 'FILING',
  FLAG = 'FLAG',
  FLAG_DECISION = 'FLAG_DECISION',
}
registerEnumType(ChallengeTarget, {
  name: 'ChallengeTarget',
  description: 'The kind of public record a challenge disputes.',
  valuesConfig: {
    PLATFORM: { description: "A platform's registration data (including who holds its USCC)." },
    QUALIFICATION: { description: 'A qualification of a platform.' },
    FILING: { description: 'A filing version or one of its figures (say which in the statement).' },
    FLAG: { description: 'A flag.' },
    FLAG_DECISION: { description: "A step of a flag's case, e.g. a reviewer's decision (its FlagCaseStep id)." },
  },
});

/** Where a challenge stands. */
export enum ChallengeStatus {
  OPEN = 'OPEN',
  UPHELD = 'UPHELD',
  REJECTED = 'REJECTED',
}
registerEnumType(ChallengeStatus, {
  name: 'ChallengeStatus',
  description: 'Where a challenge stands.',
  valuesConfig: {
    OPEN: { description: "Filed; queued for the association's reviewers." },
    UPHELD: { description: 'The reviewers agreed; `correctedRecordId` names the record corrected, if one was.' },
    REJECTED: { description: 'The reviewers disagreed; the reason says why.' },
  },
});
