import { ForbiddenError } from '../../errors';
import { Role, roleIncludes } from '../accounts/role';
import { MemberViewer, Viewer } from '../accounts/viewer';
import { RuleVersionStatus } from './rule.enums';

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

/** Whether the viewer sees a rule version: published versions are public, drafts only to the association's editors. */
export function seesRuleVersion(viewer: Viewer, version: { status: RuleVersionStatus }, associationId: string): boolean {
  return version.status === RuleVersionStatus.PUBLISHED || editsRulebook(viewer, associationId);
}

/** Whether the viewer sees a rule: one with a published version is public, one only ever drafted only to its editors. */
export function seesRule(viewer: Viewer, associationId: string, versions: readonly { status: RuleVersionStatus }[]): boolean {
  return editsRulebook(viewer, associationId) || versions.some((v) => v.status === RuleVersionStatus.PUBLISHED);
}
