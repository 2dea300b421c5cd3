import { Arg, Args, Authorized, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { Connection, toConnection } from '../../shared/pagination';
import { AddMemberInput, IssueTokenInput, OrganisationMembersArgs, OrganisationTokensArgs } from './account.inputs';
import { ApiToken } from './api-token.entity';
import { addMember, issueMemberToken, removeMember, revokeToken } from './manage-members';
import { findMemberPage, findTokenPage } from './member.queries';
import { Member } from './member.entity';
import { Role } from './role';
import { MemberViewer } from './viewer';

const MemberConnection = Connection(Member, 'Member');
const ApiTokenConnection = Connection(ApiToken, 'ApiToken');

@ObjectType({ description: 'A newly issued token.' })
class IssueTokenPayload {
  @Field(() => ApiToken, { description: "The token's record (without its secret)." }) token!: ApiToken;
  @Field({ description: 'The bearer secret. Shown only now.' }) secret!: string;
}

@ObjectType({ description: 'Who the current credentials belong to.' })
class Me {
  @Field(() => ID, { description: "The member's global id." }) memberId!: string;
  @Field({ description: "The member's name." }) name!: string;
  @Field(() => Role, { description: "The token's role." }) role!: Role;
  @Field(() => ID, { description: "The member's association, or null for a platform member.", nullable: true }) associationId!: string | null;
  @Field(() => ID, { description: "The member's platform, or null for an association member.", nullable: true }) platformId!: string | null;
}

/** Members and API tokens of one's own organisation. */
@Resolver()
export class AccountResolver {
  @Query(() => Me, { nullable: true, description: 'The member behind the Authorization header, or null for the public.' })
  me(@Ctx() { viewer }: Context): Me | null {
    if (viewer.kind === 'public') return null;
    const { memberId, memberName, role, associationId, platformId } = viewer;
    return { memberId, name: memberName, role, associationId, platformId };
  }

  @Authorized(Role.ASSOCIATION_ADMIN, Role.PLATFORM_OWNER)
  @Query(() => MemberConnection, { description: 'The members of your own organisation, oldest first (admins and owners).' })
  async organisationMembers(@Args() args: OrganisationMembersArgs, @Ctx() { em, viewer }: Context) {
    return toConnection(await findMemberPage(em, viewer as MemberViewer, { ...args, includeEnded: args.includeRemoved }));
  }

  @Authorized(Role.ASSOCIATION_ADMIN, Role.PLATFORM_OWNER)
  @Query(() => ApiTokenConnection, {
    description: 'The API tokens of your own organisation, oldest first: label, role, created, last used; never the secret (admins and owners).',
  })
  async organisationTokens(@Args() args: OrganisationTokensArgs, @Ctx() { em, viewer }: Context) {
    return toConnection(await findTokenPage(em, viewer as MemberViewer, { ...args, includeEnded: args.includeRevoked }));
  }

  @Authorized(Role.ASSOCIATION_ADMIN, Role.PLATFORM_OWNER)
  @Mutation(() => Member, { description: "Adds a member to your own organisation (admins and owners)." })
  addMember(@Arg('input', { description: 'The member to add.' }) input: AddMemberInput, @Ctx() { em, viewer }: Context) {
    return addMember(em, viewer as MemberViewer, input);
  }

  @Authorized(Role.ASSOCIATION_ADMIN, Role.PLATFORM_OWNER)
  @Mutation(() => IssueTokenPayload, { description: "Issues an API token to a member of your own organisation." })
  issueToken(@Arg('input', { description: 'The member, a label and optionally a narrower role.' }) input: IssueTokenInput, @Ctx() { em, viewer }: Context) {
    return issueMemberToken(em, viewer as MemberViewer, input);
  }

  @Authorized(Role.ASSOCIATION_ADMIN, Role.PLATFORM_OWNER)
  @Mutation(() => ApiToken, { description: "Revokes an API token of your own organisation; it stops working at once." })
  revokeToken(@Arg('id', () => ID, { description: "The token's global id." }) id: string, @Ctx() { em, viewer }: Context) {
    return revokeToken(em, viewer as MemberViewer, id);
  }

  @Authorized(Role.ASSOCIATION_ADMIN, Role.PLATFORM_OWNER)
  @Mutation(() => Member, { description: "Removes a member of your own organisation: revokes all its tokens; the member stays on record, marked removed." })
  removeMember(@Arg('id', () => ID, { description: 'The member to remove.' }) id: string, @Ctx() { em, viewer }: Context) {
    return removeMember(em, viewer as MemberViewer, id);
  }
}
