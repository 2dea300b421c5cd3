import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { badInput, ConflictError, NotFoundError } from '../../errors';
import { sql } from '../../shared/sql';
import { runWrite } from '../ledger';
import { Role } from '../accounts/role';
import { actorOf, MemberViewer, Viewer } from '../accounts/viewer';
import { Platform } from '../platforms/platform.entity';
import { publishedFlagSql } from '../flags/flag.visibility';
import { actsForPlatformsAssociation, authorize } from '../platforms/platform.policy';
import { Challenge } from './challenge.entity';
import { ChallengeStatus, ChallengeTarget } from './challenge.enums';
import { DecideChallengeInput, FileChallengeInput } from './challenge.inputs';

/** For each kind of record, the SQL that finds the platform it is about (none for a flag held for review: not a public record). */
const PLATFORM_OF: Readonly<Record<ChallengeTarget, string>> = {
  [ChallengeTarget.PLATFORM]: 'select id as platform_id from platform where id = ?',
  [ChallengeTarget.QUALIFICATION]: 'select platform_id from qualification where id = ?',
  [ChallengeTarget.FILING]: 'select platform_id from filing where id = ?',
  [ChallengeTarget.FLAG]: `select g.platform_id from flag g where g.id = ? and ${publishedFlagSql('g')}`,
  [ChallengeTarget.FLAG_DECISION]: `select g.platform_id from flag_case_step s join flag g on g.id = s.flag_id where s.id = ? and ${publishedFlagSql('g')}`,
};

/**
 * Anyone (the public too: anonymous writes draw on the per-client write budget) challenges a public record.
 * The challenge is queued for the reviewers of the record's association; it changes no data by itself.
 */
export async function fileChallenge(em: EntityManager, viewer: Viewer, input: FileChallengeInput): Promise<Challenge> {
  return runWrite(em, actorOf(viewer), async (write) => {
    const [found] = await sql<{ platform_id: string }>(write.em, PLATFORM_OF[input.targetType], [input.targetId]);
    if (!found) throw new NotFoundError(input.targetType, input.targetId);
    const challenge = write.em.create(Challenge, {
      targetType: input.targetType,
      targetId: input.targetId,
      platform: write.em.getReference(Platform, found.platform_id),
      statement: input.statement,
      contact: input.contact ?? null,
      filedAt: write.at,
    });
    return write.record(challenge, 'challenge.filed');
  });
}

/** A reviewer of the record's association decides an open challenge, with a public reason; the row is locked so one decision wins. */
export async function decideChallenge(em: EntityManager, viewer: MemberViewer, input: DecideChallengeInput): Promise<Challenge> {
  return runWrite(em, actorOf(viewer), async (write) => {
    const challenge = await write.em.findOne(Challenge, input.challengeId, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['platform'] });
    if (!challenge) throw new NotFoundError('Challenge', input.challengeId);
    authorize(actsForPlatformsAssociation(viewer, challenge.platform, Role.REVIEWER), "Only reviewers of the record's association can decide its challenges.");
    if (challenge.status !== ChallengeStatus.OPEN) {
      throw new ConflictError(`Challenge ${challenge.id} is already ${challenge.status}.`, 'CHALLENGE_ALREADY_DECIDED', { status: challenge.status });
    }
    if (input.correctedRecordId) {
      if (input.outcome !== ChallengeStatus.UPHELD) throw badInput('input.correctedRecordId', 'is only for an UPHELD challenge');
      const [known] = await sql(write.em, 'select 1 from ledger_entry where entity_id = ? and public limit 1', [input.correctedRecordId]);
      if (!known) throw badInput('input.correctedRecordId', 'is not a public record of the registry');
    }
    Object.assign(challenge, { status: input.outcome, decidedAt: write.at, decisionReason: input.reason, correctedRecordId: input.correctedRecordId ?? null });
    return write.record(challenge, input.outcome === ChallengeStatus.UPHELD ? 'challenge.upheld' : 'challenge.rejected', { reason: input.reason });
  });
}
