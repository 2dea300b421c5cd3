import { ForbiddenError } from '../../errors';
import { Role, roleIncludes } from '../accounts/role';
import { MemberViewer, Viewer } from '../accounts/viewer';

/** Whether the viewer edits rules for `associationId`, and so sees its drafts and drafted-only rules. */
export function editsRulebook(viewer: Viewer, associationId: string): boolean {
  return viewer.kind === 'member' && viewer.associationId === associationId && roleIncludes(viewer.role, Role.RULE_EDITOR);
}

/** Throws FORBIDDEN unless the viewer edits rules for `associationId`. */
export function assertEditsRulebook(viewer: MemberViewer, associationId: string): void {
  if (!editsRulebook(viewer, associationId)) {
    throw new ForbiddenError("Only the association's own rule editors and admins can change its rulebook.");
  }
}
