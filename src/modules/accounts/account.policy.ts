import { ForbiddenError } from '../../errors';
import { Member } from './member.entity';
import { isAssociationRole, Role, roleIncludes } from './role';
import { MemberViewer } from './viewer';

/** Organisation managers: association admins and platform owners. */
export function managesOrganisation(viewer: MemberViewer): boolean {
  return roleIncludes(viewer.role, Role.ASSOCIATION_ADMIN) || roleIncludes(viewer.role, Role.PLATFORM_OWNER);
}

/** Throws FORBIDDEN unless the viewer manages the organisation `member` belongs to. */
export function assertManagesMemberOf(viewer: MemberViewer, member: Member): void {
  const sameOrganisation =
    (member.association && member.association.id === viewer.associationId) ||
    (member.platform && member.platform.id === viewer.platformId);
  if (!managesOrganisation(viewer) || !sameOrganisation) {
    throw new ForbiddenError("Only your own organisation's admin or owner can manage its members and tokens.");
  }
}

/** Whether `role` is one an organisation of the viewer's kind can hold. */
export function roleFitsOrganisation(viewer: MemberViewer, role: Role): boolean {
  return isAssociationRole(role) === (viewer.associationId !== null);
}
