import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { NotFoundError } from '../../errors';
import { Connection, pageWindow, toConnection } from '../../shared/pagination';
import { AsOfArgs, AsOfUnavailableError, boundOf, listAsRead, recordAsRead, resolveBound } from '../ledger';
import { Association } from '../associations/association.entity';
import { Member } from '../accounts/member.entity';
import { Role } from '../accounts/role';
import { MemberViewer } from '../accounts/viewer';
import { ATTESTATION_TEXTS, CURRENT_ATTESTATION_VERSION } from './attestation';
import { changeRegistryStatus } from './change-registry-status';
import { Platform } from './platform.entity';
import { FormerName } from './platform.parts';
import { PlatformsArgs } from './platform.filters';
import { RegisterPlatformInput } from './platform.inputs';
import { actsForPlatform, authorize } from './platform.policy';
import { findPlatformPage } from './platform.queries';
import { findPlatformPageAsOf } from './platform-as-of.queries';
import { PlatformStatusChange } from './platform-status-change.entity';
import { Qualification } from './qualification.entity';
import { PlatformRef } from './platform.rows';
import { registerPlatform } from './register-platform';
import { ChangeRegistryStatusInput } from './registry-status.inputs';
import { UpdatePlatformProfileInput } from './profile.inputs';
import { updatePlatformProfile } from './update-platform-profile';

const PlatformConnection = Connection(Platform, 'Platform');

@ObjectType({ description: 'Result of self-registration.' })
class RegisterPlatformPayload {
  @Field(() => Platform, { description: 'The new platform, PENDING review.' }) platform!: Platform;
  @Field(() => Member, { description: "The platform's owner: a member in role PLATFORM_OWNER." }) owner!: Member;
  @Field({ description: "The owner's API token. Shown only now: store it safely." }) ownerToken!: string;
}

@ObjectType({ description: 'A version of the information-intermediary attestation text.' })
class AttestationText {
  @Field({ description: 'Label of this version of the text; registerPlatform must name the current one.' }) version!: string;
  @Field({ description: 'The text the applicant accepts.' }) text!: string;
}

/** Public lookup of platforms, self-registration and registry-status review. */
@Resolver(() => Platform)
export class PlatformResolver {
  @Query(() => Platform, { nullable: true, description: 'A platform by id, or null; with asOf/atLogSize, as the ledger recorded it then (null if not yet registered).' })
  async platform(@Arg('id', () => ID, { description: "The platform's global id." }) id: string, @Args() point: AsOfArgs, @Ctx() { em, loaders }: Context): Promise<Platform | null> {
    const bound = await resolveBound(em, point);
    return bound ? ((await loaders.asOf.load({ type: 'platform', id, bound })) as Platform | null) : loaders.platform.load(id);
  }

  @Query(() => PlatformConnection, { description: 'Platforms, filtered and ordered, one keyset page at a time; with asOf/atLogSize, the list as it was then.' })
  async platforms(@Args() args: PlatformsArgs, @Args() point: AsOfArgs, @Ctx() { em }: Context) {
    const bound = await resolveBound(em, point);
    const query = { filter: args.filter, order: args.orderBy, window: pageWindow(args), now: bound?.instant ?? new Date() };
    return toConnection(bound ? await findPlatformPageAsOf(em, query, bound) : await findPlatformPage(em, query));
  }

  @Query(() => AttestationText, { description: 'The attestation text a new registration accepts.' })
  intermediaryAttestation(): AttestationText {
    return { version: CURRENT_ATTESTATION_VERSION, text: ATTESTATION_TEXTS[CURRENT_ATTESTATION_VERSION] };
  }

  @Mutation(() => RegisterPlatformPayload, { description: 'Open to the public: registers a platform (PENDING review) and its owner.' })
  registerPlatform(@Arg('input', { description: "The platform's registration, its owner's name and the accepted attestation." }) input: RegisterPlatformInput, @Ctx() { em }: Context) {
    return registerPlatform(em, input);
  }

  @Authorized(Role.REVIEWER)
  @Mutation(() => Platform, { description: "Approve, reject, suspend, reinstate or deregister (reviewers of the platform's association)." })
  async changeRegistryStatus(@Arg('input', { description: 'The platform, the new status and why.' }) input: ChangeRegistryStatusInput, @Ctx() { em, viewer, loaders }: Context) {
    const platform = await changeRegistryStatus(em, { viewer: viewer as MemberViewer, ...input });
    loaders.platform.clear(platform.id);
    loaders.statusChangesOfPlatform.clear(platform.id);
    return platform;
  }

  @Authorized(Role.PLATFORM_OWNER)
  @Mutation(() => Platform, {
    description: "Updates your platform's profile (owners), the legal name after a rename included: a new version with the reason; rules read it from the next filing on.",
  })
  async updatePlatformProfile(@Arg('input', { description: 'The profile as it is to be, and the reason for the change.' }) input: UpdatePlatformProfileInput, @Ctx() { em, viewer, loaders }: Context) {
    const platform = await updatePlatformProfile(em, viewer as MemberViewer, input);
    loaders.platform.clear(platform.id);
    return platform;
  }

  @FieldResolver(() => Association)
  async association(@Root() platform: PlatformRef, @Ctx() { loaders }: Context): Promise<Association> {
    const association = await recordAsRead(platform, loaders.asOf, 'association', platform.association.id, (id) => loaders.association.load(id));
    if (!association) throw new NotFoundError('Association', platform.association.id);
    return association;
  }

  @FieldResolver(() => [FormerName], { description: 'The legal names the company held before, oldest first, each with when it was replaced; search finds them too.' })
  formerNames(@Root() platform: Platform): FormerName[] {
    return platform.formerNames.map((former) => ({ legalName: former.legalName, until: new Date(former.until) }));
  }

  @FieldResolver(() => [Qualification], { description: 'Every qualification ever filed, oldest first; see `state`.' })
  async qualifications(@Root() platform: PlatformRef, @Ctx() { loaders }: Context): Promise<Qualification[]> {
    return listAsRead(platform, loaders.asOf, 'qualification', await loaders.qualificationsOfPlatform.load(platform.id));
  }

  @FieldResolver(() => [PlatformStatusChange], { description: 'Every registry-status change, oldest first.' })
  async statusHistory(@Root() platform: PlatformRef, @Ctx() { loaders }: Context): Promise<PlatformStatusChange[]> {
    return listAsRead(platform, loaders.asOf, 'platform-status-change', await loaders.statusChangesOfPlatform.load(platform.id));
  }

  @FieldResolver(() => [Member], { description: "The platform's staff, removed members included; names are private: visible only to its own owners." })
  members(@Root() platform: PlatformRef, @Ctx() { loaders, viewer }: Context): Promise<Member[]> {
    if (boundOf(platform)) throw new AsOfUnavailableError('Platform.members', 'staff lists are private, never in the public log');
    authorize(actsForPlatform(viewer, platform, Role.PLATFORM_OWNER), "Only the platform's own owners can see its staff.");
    return loaders.membersOfPlatform.load(platform.id);
  }
}
