import { defineRecord, instant, ref } from '../ledger';
import { Challenge } from './challenge.entity';

/** A challenge and its outcome: public, without the challenger's contact. */
defineRecord(Challenge, {
  type: 'challenge',
  isPublic: () => true,
  project: (c) => ({
    targetType: c.targetType,
    targetId: c.targetId,
    platform: ref(c.platform),
    statement: c.statement,
    status: c.status,
    filedAt: instant(c.filedAt),
    decidedAt: instant(c.decidedAt),
    decisionReason: c.decisionReason,
    correctedRecordId: c.correctedRecordId,
  }),
});
