import { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { CursorCodec, Page } from '../../shared/pagination';
import { ApiToken } from './api-token.entity';
import { Member } from './member.entity';
import { MemberViewer } from './viewer';

const MEMBER_CURSOR = new CursorCodec('organisationMembers', 'CREATED_ASC', ['instant', 'text'] as const);
const TOKEN_CURSOR = new CursorCodec('organisationTokens', 'CREATED_ASC', ['instant', 'text'] as const);

/** Arguments of one page of an organisation's members or tokens. */
export interface StaffPageQuery {
  first: number;
  after?: string | null;
  /** Removed members, revoked tokens: included when true. */
  includeEnded: boolean;
  /** Tokens of this member only. */
  memberId?: string | null;
}

/** The viewer's own organisation, as a condition on members. */
function ownMembers(viewer: MemberViewer): FilterQuery<Member> {
  return viewer.platformId ? { platform: viewer.platformId } : { association: viewer.associationId };
}

/** `(createdAt, id)` after the cursor, oldest first. */
function after<T extends { createdAt: Date; id: string }>(codec: typeof MEMBER_CURSOR, cursor: string | null | undefined): FilterQuery<T> {
  if (!cursor) return {} as FilterQuery<T>;
  const [createdAt, id] = codec.decode(cursor);
  return { $or: [{ createdAt: { $gt: createdAt } }, { createdAt, id: { $gt: id } }] } as FilterQuery<T>;
}

async function page<T extends { createdAt: Date; id: string }>(
  em: EntityManager,
  entity: new () => T,
  where: FilterQuery<T>,
  codec: typeof MEMBER_CURSOR,
  query: StaffPageQuery,
  populate: string[] = [],
): Promise<Page<T>> {
  const rows = await em.find(entity, { $and: [where, after<T>(codec, query.after)] } as FilterQuery<T>, {
    orderBy: { createdAt: 'asc', id: 'asc' } as never,
    limit: query.first + 1,
    populate: populate as never,
  });
  return {
    rows: rows.slice(0, query.first),
    hasNextPage: rows.length > query.first,
    cursorOf: (row) => codec.encode([row.createdAt, row.id]),
    count: () => em.count(entity, where),
  };
}

/** One page of the viewer's own organisation's members, oldest first (removed ones only when asked). */
export function findMemberPage(em: EntityManager, viewer: MemberViewer, query: StaffPageQuery): Promise<Page<Member>> {
  const where: FilterQuery<Member> = { $and: [ownMembers(viewer), query.includeEnded ? {} : { removedAt: null }] };
  return page(em, Member, where, MEMBER_CURSOR, query);
}

/** One page of the tokens of the viewer's own organisation (or of one of its members), oldest first (revoked ones only when asked). */
export function findTokenPage(em: EntityManager, viewer: MemberViewer, query: StaffPageQuery): Promise<Page<ApiToken>> {
  const member: FilterQuery<Member> = { $and: [ownMembers(viewer), query.memberId ? { id: query.memberId } : {}] };
  const where: FilterQuery<ApiToken> = { member, ...(query.includeEnded ? {} : { revokedAt: null }) };
  return page(em, ApiToken, where, TOKEN_CURSOR, query, ['member']);
}
