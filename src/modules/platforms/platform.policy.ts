import { ConflictError, ForbiddenError } from '../../errors';
import { Role, roleIncludes } from '../accounts/role';
import { Viewer } from '../accounts/viewer';
import { Platform } from './platform.entity';
import { RegistryStatus } from './platform.enums';

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

/** Registry statuses after which the registry has closed a platform (pending and suspended platforms are open). */
export const CLOSED_STATUSES: readonly RegistryStatus[] = [RegistryStatus.REJECTED, RegistryStatus.DEREGISTERED];

/**
 * Registry statuses whose registration holds its USCC (the open ones; partial unique index platform_uscc_held):
 * a closed registration stays on record without blocking the company's own registration.
 */
export const USCC_HOLDING_STATUSES: readonly RegistryStatus[] = [RegistryStatus.PENDING, RegistryStatus.APPROVED, RegistryStatus.SUSPENDED];

/**
 * What a closed platform's own members may still do: every mutation they can call, and whether it stays
 * open. Revoking access (a token, a member) and the dry run stay open (they add nothing to the record); everything that files,
 * amends or grants access does not. Adding a mutation for platform members means deciding it here.
 */
export const OPEN_WHEN_CLOSED = {
  submitFiling: false,
  amendFiling: false,
  addQualification: false,
  supersedeQualification: false,
  updatePlatformProfile: false,
  addMember: false,
  issueToken: false,
  revokeToken: true,
  removeMember: true,
  validateFiling: true,
  // a closed platform still has a hearing on the flags raised against it
  replyToFlag: true,
  // anyone may dispute a public record
  fileChallenge: true,
} as const;

/** A mutation that a platform's own members can call. */
export type PlatformMemberMutation = keyof typeof OPEN_WHEN_CLOSED;

/** Refuses `mutation` with PLATFORM_NOT_REGISTERED when the registry has closed `platform` and the policy keeps it shut. */
export function assertOpenFor(platform: Pick<Platform, 'registryStatus'>, mutation: PlatformMemberMutation): void {
  if (OPEN_WHEN_CLOSED[mutation] || !CLOSED_STATUSES.includes(platform.registryStatus)) return;
  throw new ConflictError(`A ${platform.registryStatus} platform can no longer ${mutation}; the registry has closed its record.`, 'PLATFORM_NOT_REGISTERED', {
    registryStatus: platform.registryStatus,
  });
}
