import { ForbiddenError } from '../../errors';
import { Member } from './member.entity';
import { isAssociationRole, Role, roleIncludes } from './role';
import { MemberViewer, Viewer } from './viewer';

/** Organisation managers: association admins and platform owners. */
export function managesOrganisation(viewer: MemberViewer): boolean {
  return roleIncludes(viewer.role, Role.ASSOCIATION_ADMIN) || roleIncludes(viewer.role, Role.PLATFORM_OWNER);
}

/** Whether the viewer belongs to the organisation `member` belongs to: staff are visible only there. */
export function sameOrganisation(viewer: Viewer, member: Pick<Member, 'association' | 'platform'>): boolean {
  if (viewer.kind !== 'member') return false;
  return (!!member.association && member.association.id === viewer.associationId) || (!!member.platform && member.platform.id === viewer.platformId);
}

/** Whether the viewer manages the organisation `member` belongs to (and so sees and manages its tokens). */
export function managesMemberOf(viewer: Viewer, member: Pick<Member, 'association' | 'platform'>): boolean {
  return viewer.kind === 'member' && managesOrganisation(viewer) && sameOrganisation(viewer, member);
}

/** Throws FORBIDDEN unless the viewer manages the organisation `member` belongs to. */
export function assertManagesMemberOf(viewer: MemberViewer, member: Member): void {
  if (!managesMemberOf(viewer, member)) {
    throw new ForbiddenError("Only your own organisation's admin or owner can manage its members and tokens.");
  }
}

/** Whether `role` is one an organisation of the viewer's kind can hold. */
export function roleFitsOrganisation(viewer: MemberViewer, role: Role): boolean {
  return isAssociationRole(role) === (viewer.associationId !== null);
}
