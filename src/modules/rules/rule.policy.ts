import { ForbiddenError } from '../../errors';
import { Role, roleIncludes } from '../accounts/role';
import { MemberViewer } from '../accounts/viewer';

/** Throws FORBIDDEN unless the viewer edits rules for `associationId`. */
export function assertEditsRulebook(viewer: MemberViewer, associationId: string): void {
  if (viewer.associationId !== associationId || !roleIncludes(viewer.role, Role.RULE_EDITOR)) {
    throw new ForbiddenError("Only the association's own rule editors and admins can change its rulebook.");
  }
}
