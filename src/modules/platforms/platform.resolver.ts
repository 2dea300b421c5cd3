import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { NotFoundError } from '../../errors';
import { Connection, pageWindow, toConnection } from '../../shared/pagination';
import { Association } from '../associations/association.entity';
import { Member } from '../accounts/member.entity';
import { Role } from '../accounts/role';
import { MemberViewer } from '../accounts/viewer';
import { ATTESTATION_TEXTS, CURRENT_ATTESTATION_VERSION } from './attestation';
import { changeRegistryStatus } from './change-registry-status';
import { Platform } from './platform.entity';
import { PlatformsArgs } from './platform.filters';
import { RegisterPlatformInput } from './platform.inputs';
import { actsForPlatform, authorize } from './platform.policy';
import { findPlatformPage } from './platform.queries';
import { PlatformStatusChange } from './platform-status-change.entity';
import { Qualification } from './qualification.entity';
import { PlatformRef } from './platform.rows';
import { registerPlatform } from './register-platform';
import { ChangeRegistryStatusInput } from './registry-status.inputs';

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
  @Query(() => Platform, { nullable: true, description: 'A platform by id, or null.' })
  platform(@Arg('id', () => ID, { description: "The platform's global id." }) id: string, @Ctx() { loaders }: Context): Promise<Platform | null> {
    return loaders.platform.load(id);
  }

  @Query(() => PlatformConnection, { description: 'Platforms, filtered and ordered, one keyset page at a time.' })
  async platforms(@Args() args: PlatformsArgs, @Ctx() { em }: Context) {
    const page = await findPlatformPage(em, { filter: args.filter, order: args.orderBy, window: pageWindow(args), now: new Date() });
    return toConnection(page);
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

  @FieldResolver(() => Association)
  async association(@Root() platform: PlatformRef, @Ctx() { loaders }: Context): Promise<Association> {
    const association = await loaders.association.load(platform.association.id);
    if (!association) throw new NotFoundError('Association', platform.association.id);
    return association;
  }

  @FieldResolver(() => [Qualification], { description: 'Every qualification ever filed, oldest first; see `state`.' })
  qualifications(@Root() platform: PlatformRef, @Ctx() { loaders }: Context): Promise<Qualification[]> {
    return loaders.qualificationsOfPlatform.load(platform.id);
  }

  @FieldResolver(() => [PlatformStatusChange], { description: 'Every registry-status change, oldest first.' })
  statusHistory(@Root() platform: PlatformRef, @Ctx() { loaders }: Context): Promise<PlatformStatusChange[]> {
    return loaders.statusChangesOfPlatform.load(platform.id);
  }

  @FieldResolver(() => [Member], { description: "The platform's staff; visible only to its own members." })
  members(@Root() platform: PlatformRef, @Ctx() { loaders, viewer }: Context): Promise<Member[]> {
    authorize(actsForPlatform(viewer, platform, Role.FILER), "Only the platform's own members can see its staff.");
    return loaders.membersOfPlatform.load(platform.id);
  }
}
