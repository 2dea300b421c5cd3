import { ForbiddenError } from '../../errors';
import { Role, roleIncludes } from '../accounts/role';
import { Viewer } from '../accounts/viewer';
import { Platform } from './platform.entity';

/** Throws FORBIDDEN unless `allowed` holds; the message says what was needed. */
export function authorize(allowed: boolean, message: string): void {
  if (!allowed) throw new ForbiddenError(message);
}

/** A member of the platform itself, in `role` or a role that includes it. */
export function actsForPlatform(viewer: Viewer, platform: Pick<Platform, 'id'>, role: Role): boolean {
  return viewer.kind === 'member' && viewer.platformId === platform.id && roleIncludes(viewer.role, role);
}

/** The platform's own members and its association's members: who may see rule evaluation errors about it. */
export function seesEvaluationErrors(viewer: Viewer, platform: Pick<Platform, 'id' | 'association'>): boolean {
  return viewer.kind === 'member' && (viewer.platformId === platform.id || viewer.associationId === platform.association.id);
}

/** A member of the association the platform is registered with, in `role` or a role that includes it. */
export function actsForPlatformsAssociation(viewer: Viewer, platform: Pick<Platform, 'association'>, role: Role): boolean {
  return viewer.kind === 'member' && viewer.associationId === platform.association.id && roleIncludes(viewer.role, role);
}
