import { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { CursorCodec, keysetRead, Page, pageOf, PageArgs, pageWindow } from '../../shared/pagination';
import { ApiToken } from './api-token.entity';
import { Member } from './member.entity';
import { MemberViewer } from './viewer';

const MEMBER_CURSOR = new CursorCodec('organisationMembers', 'CREATED_ASC', ['instant', 'text'] as const);
const TOKEN_CURSOR = new CursorCodec('organisationTokens', 'CREATED_ASC', ['instant', 'text'] as const);

/** Arguments of one page of an organisation's members or tokens. */
export interface StaffPageQuery extends PageArgs {
  /** Removed members, revoked tokens: included when true. */
  includeEnded: boolean;
  /** Tokens of this member only. */
  memberId?: string | null;
}

/** The viewer's own organisation, as a condition on members. */
function ownMembers(viewer: MemberViewer): FilterQuery<Member> {
  return viewer.platformId ? { platform: viewer.platformId } : { association: viewer.associationId };
}

/** `(createdAt, id)` after (or, reading backwards, before) the cursor, in creation order. */
function beyond<T extends { createdAt: Date; id: string }>(codec: typeof MEMBER_CURSOR, cursor: string | null, argument: 'after' | 'before', compare: '>' | '<'): FilterQuery<T> {
  if (!cursor) return {} as FilterQuery<T>;
  const [createdAt, id] = codec.decode(cursor, argument);
  const op = compare === '>' ? '$gt' : '$lt';
  return { $or: [{ createdAt: { [op]: createdAt } }, { createdAt, id: { [op]: id } }] } as FilterQuery<T>;
}

async function page<T extends { createdAt: Date; id: string }>(
  em: EntityManager,
  entity: new () => T,
  where: FilterQuery<T>,
  codec: typeof MEMBER_CURSOR,
  query: StaffPageQuery,
  populate: string[] = [],
): Promise<Page<T>> {
  const window = pageWindow(query);
  const { order, compare } = keysetRead('asc', window);
  const rows = await em.find(entity, { $and: [where, beyond<T>(codec, window.cursor, window.cursorArgument, compare)] } as FilterQuery<T>, {
    orderBy: { createdAt: order, id: order } as never,
    limit: window.size + 1,
    populate: populate as never,
  });
  return pageOf(rows as T[], window, (row) => codec.encode([row.createdAt, row.id]), () => em.count(entity, where));
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
