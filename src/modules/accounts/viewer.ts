import { EntityManager } from '@mikro-orm/postgresql';
import { UnauthenticatedError } from '../../errors';
import { sql } from '../../shared/sql';
import { Actor } from '../ledger';
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
  const [token] = await sql<TokenRow>(em, AUTHENTICATE, [hashTokenSecret(match[1])]);
  if (!token) throw new UnauthenticatedError('The API token is unknown or has been revoked.');
  return {
    kind: 'member',
    memberId: token.member_id,
    memberName: token.name,
    role: token.role,
    tokenId: token.id,
    associationId: token.association_id,
    platformId: token.platform_id,
  };
}

interface TokenRow {
  id: string;
  role: Role;
  member_id: string;
  name: string;
  association_id: string | null;
  platform_id: string | null;
}

/**
 * The valid token with this secret hash and its member, in one statement that also records the token's use:
 * `last_used_at` is usage, not record (outside the ledger; the published-record trigger allows it), written at
 * most once a minute per token whatever the request rate, so most requests write nothing.
 */
const AUTHENTICATE = `with token as (
    select t.id, t.role, t.member_id, t.last_used_at, m.name, m.association_id, m.platform_id
      from api_token t join member m on m.id = t.member_id where t.secret_hash = ? and t.revoked_at is null
  ), used as (
    update api_token set last_used_at = now()
     where id in (select id from token where last_used_at is null or last_used_at < now() - interval '1 minute')
  )
  select id, role, member_id, name, association_id, platform_id from token`;

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
