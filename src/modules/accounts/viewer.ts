import { EntityManager } from '@mikro-orm/postgresql';
import { UnauthenticatedError } from '../../errors';
import { sql } from '../../shared/sql';
import { Actor } from '../ledger';
import { ApiToken } from './api-token.entity';
import { Member } from './member.entity';
import { Role } from './role';
import { hashTokenSecret } from './secrets';

/** A member authenticated by an API token, acting in the token's role. */
export interface MemberViewer {
  kind: 'member';
  memberId: string;
  memberName: string;
  role: Role;
  tokenId: string;
  associationId: string | null;
  platformId: string | null;
}

/** Whoever sent the request: the anonymous public, or a member. */
export type Viewer = { kind: 'public' } | MemberViewer;

export const PUBLIC_VIEWER: Viewer = { kind: 'public' };

/**
 * Resolves the `Authorization` header to a viewer. No header means the public; a malformed, unknown
 * or revoked token is refused rather than silently downgraded to public.
 */
export async function authenticate(em: EntityManager, authorization: string | undefined): Promise<Viewer> {
  if (!authorization) return PUBLIC_VIEWER;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>".');
  const token = await em.findOne(
    ApiToken,
    { secretHash: hashTokenSecret(match[1]), revokedAt: null },
    { populate: ['member'] },
  );
  if (!token) throw new UnauthenticatedError('The API token is unknown or has been revoked.');
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() >= LAST_USE_RESOLUTION_MS) await markUsed(em, token.id);
  return {
    kind: 'member',
    memberId: token.member.id,
    memberName: token.member.name,
    role: token.role,
    tokenId: token.id,
    associationId: token.member.association?.id ?? null,
    platformId: token.member.platform?.id ?? null,
  };
}

/** How fresh `ApiToken.lastUsedAt` is kept: one write per token and minute at most, whatever the request rate. */
const LAST_USE_RESOLUTION_MS = 60_000;

/** Records a token's use: a usage column outside the ledger (the published-record trigger allows it), guarded against racing requests. */
async function markUsed(em: EntityManager, tokenId: string): Promise<void> {
  await sql(em, `update api_token set last_used_at = now() where id = ? and (last_used_at is null or last_used_at < now() - interval '1 minute')`, [tokenId]);
}

/** The change-log attribution for a viewer. */
export function actorOf(viewer: Viewer): Actor {
  if (viewer.kind === 'public') return { memberId: null, label: 'public' };
  return { memberId: viewer.memberId, label: viewer.associationId ?? (viewer.platformId as string), role: viewer.role };
}

/** The viewer a member would be with a token in `role` (used by operator commands, seeds and tests). */
export function memberViewer(member: Member, role: Role = member.role, tokenId = 'operator'): MemberViewer {
  return {
    kind: 'member',
    memberId: member.id,
    memberName: member.name,
    role,
    tokenId,
    associationId: member.association?.id ?? null,
    platformId: member.platform?.id ?? null,
  };
}
