import type { RuleVersion } from '../rules/rule-version.entity';
import type { Flag } from './flag.entity';

/** The review fields of a flag: whether it was raised held for review, and whether it still is. */
export type HoldFields = Pick<Flag, 'reviewBeforePublication' | 'heldForReview'>;

/**
 * The hold of a flag raised by `version` with a fresh case: held for review when the version is marked
 * reviewBeforePublication. (A flag that carries a case over keeps that flag's hold instead: see carriedCase.)
 * Only a CONFIRMED decision releases it (step-flag-case.ts).
 */
export function holdAtRaise(version: Pick<RuleVersion, 'reviewBeforePublication'>): HoldFields {
  return { reviewBeforePublication: version.reviewBeforePublication, heldForReview: version.reviewBeforePublication };
}
