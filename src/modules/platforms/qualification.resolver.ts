import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../accounts/role';
import { MemberViewer } from '../accounts/viewer';
import { fileQualification } from './file-qualification';
import { QualificationState } from './platform.enums';
import { AddQualificationInput, SupersedeQualificationInput } from './platform.inputs';
import { Qualification } from './qualification.entity';
import { QualificationRef } from './platform.rows';
import { qualificationState } from './qualification.rules';
import { boundOf, listAsRead } from '../ledger';
import type { Loaders } from '../../loaders';

/** The qualifications of `qualification`'s platform, as they were when it was read (as of a past point, or now). */
async function siblingsOf(qualification: QualificationRef, loaders: Loaders): Promise<QualificationRef[]> {
  return listAsRead(qualification, loaders.asOf, 'qualification', await loaders.qualificationsOfPlatform.load(qualification.platform.id));
}

/** Qualification derived fields, and filing new or replacement qualifications. */
@Resolver(() => Qualification)
export class QualificationResolver {
  @Authorized(Role.FILER)
  @Mutation(() => Qualification, { description: "Adds a qualification (the platform's owner or filers)." })
  async addQualification(@Arg('input', { description: 'The platform and the document.' }) input: AddQualificationInput, @Ctx() { em, viewer, loaders }: Context) {
    const record = await fileQualification(em, { viewer: viewer as MemberViewer, ...input });
    loaders.qualificationsOfPlatform.clear(input.platformId);
    return record;
  }

  @Authorized(Role.FILER)
  @Mutation(() => Qualification, { description: 'Replaces a qualification with a new record; the old one stays readable as SUPERSEDED.' })
  async supersedeQualification(@Arg('input', { description: 'The qualification replaced, its replacement and why.' }) input: SupersedeQualificationInput, @Ctx() { em, viewer, loaders }: Context) {
    const record = await fileQualification(em, {
      viewer: viewer as MemberViewer,
      supersedesId: input.qualificationId,
      qualification: input.qualification,
      reason: input.reason,
    });
    loaders.qualificationsOfPlatform.clear(record.platform.id);
    return record;
  }

  @FieldResolver(() => QualificationState, { description: 'Derived now (or, read as of a past point, then) from dates, filed status and supersession.' })
  async state(@Root() qualification: QualificationRef, @Ctx() { loaders }: Context): Promise<QualificationState> {
    const siblings = await siblingsOf(qualification, loaders);
    const superseded = siblings.some((other) => other.supersedes?.id === qualification.id);
    return qualificationState(qualification, superseded, boundOf(qualification)?.instant ?? new Date());
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The record this one replaced.' })
  supersedesId(@Root() qualification: QualificationRef): string | null {
    return qualification.supersedes?.id ?? null;
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The record that replaced this one.' })
  async supersededById(@Root() qualification: QualificationRef, @Ctx() { loaders }: Context): Promise<string | null> {
    const siblings = await siblingsOf(qualification, loaders);
    return siblings.find((other) => other.supersedes?.id === qualification.id)?.id ?? null;
  }
}
