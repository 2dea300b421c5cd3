import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { badInput, ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import { runWrite } from '../ledger';
import { Association } from '../associations/association.entity';
import { Platform } from '../platforms/platform.entity';
import { assertOpenFor } from '../platforms/platform.policy';
import { assertManagesMemberOf, managesOrganisation, roleFitsOrganisation } from './account.policy';
import { AddMemberInput, IssueTokenInput } from './account.inputs';
import { ApiToken } from './api-token.entity';
import { IssuedToken, issueToken } from './issue-token';
import { Member } from './member.entity';
import { actorOf, MemberViewer } from './viewer';

/** An admin or owner adds a member to their own organisation. */
export async function addMember(em: EntityManager, viewer: MemberViewer, input: AddMemberInput): Promise<Member> {
  if (!managesOrganisation(viewer)) throw new ForbiddenError('Only an association admin or platform owner can add members.');
  if (!roleFitsOrganisation(viewer, input.role)) throw badInput('input.role', `is not a role your kind of organisation has`);
  return runWrite(em, actorOf(viewer), async (write) => {
    if (viewer.platformId) assertOpenFor(await write.em.findOneOrFail(Platform, viewer.platformId), 'addMember');
    const member = write.em.create(Member, {
      name: input.name,
      role: input.role,
      association: viewer.associationId ? write.em.getReference(Association, viewer.associationId) : null,
      platform: viewer.platformId ? write.em.getReference(Platform, viewer.platformId) : null,
      createdAt: write.at,
    });
    return write.record(member, 'member.added');
  });
}

/** An admin or owner issues a token to a member of their own organisation. */
export async function issueMemberToken(em: EntityManager, viewer: MemberViewer, input: IssueTokenInput): Promise<IssuedToken> {
  return runWrite(em, actorOf(viewer), async (write) => {
    const member = await write.em.findOne(Member, input.memberId);
    if (!member) throw new NotFoundError('Member', input.memberId);
    assertManagesMemberOf(viewer, member);
    if (member.removedAt) throw new ConflictError(`Member ${member.id} was removed; a removed member gets no tokens.`, 'MEMBER_REMOVED', { memberId: member.id });
    if (member.platform) assertOpenFor(await write.em.findOneOrFail(Platform, member.platform.id), 'issueToken');
    return issueToken(write, member, input.role ?? member.role, input.label);
  });
}

/** An admin or owner revokes a token of their own organisation; revoking twice changes nothing. */
export async function revokeToken(em: EntityManager, viewer: MemberViewer, tokenId: string): Promise<ApiToken> {
  return runWrite(em, actorOf(viewer), async (write) => {
    const token = await write.em.findOne(ApiToken, tokenId, { populate: ['member'] });
    if (!token) throw new NotFoundError('ApiToken', tokenId);
    assertManagesMemberOf(viewer, token.member);
    if (token.revokedAt) return token;
    token.revokedAt = write.at;
    return write.record(token, 'token.revoked');
  });
}

/**
 * An admin or owner removes a member of their own organisation: every token of the member still valid is
 * revoked, and the member stays on record, marked removed. Removing a removed member changes nothing; no
 * one removes themselves (an organisation keeps a manager who can act).
 */
export async function removeMember(em: EntityManager, viewer: MemberViewer, memberId: string): Promise<Member> {
  return runWrite(em, actorOf(viewer), async (write) => {
    const member = await write.em.findOne(Member, memberId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!member) throw new NotFoundError('Member', memberId);
    assertManagesMemberOf(viewer, member);
    if (member.id === viewer.memberId) throw new ConflictError('You cannot remove yourself; another admin or owner can.', 'MEMBER_REMOVES_ITSELF', { memberId });
    if (member.removedAt) return member;
    for (const token of await write.em.find(ApiToken, { member, revokedAt: null })) {
      token.revokedAt = write.at;
      write.record(token, 'token.revoked', { reason: 'member removed' });
    }
    member.removedAt = write.at;
    return write.record(member, 'member.removed');
  });
}
