import { defineRecord, instant, ref } from '../ledger';
import { FlagCaseStep } from './flag-case-step.entity';

/**
 * A step of a flag's case: public like the flag itself, and private while the flag is held for review (the step
 * that confirms a held flag publishes both); names organisations and roles (`system` for the registry's CLOSE), never members.
 */
defineRecord(FlagCaseStep, {
  type: 'flag-case-step',
  isPublic: (s) => !s.flag.heldForReview,
  project: (s) => ({
    flag: ref(s.flag),
    seq: s.seq,
    action: s.action,
    fromState: s.fromState,
    toState: s.toState,
    organisation: s.organisationId,
    role: s.role,
    at: instant(s.at),
    text: s.text,
    documentSha256s: [...s.documentSha256s],
    remediatingFiling: ref(s.remediatingFiling),
  }),
});
