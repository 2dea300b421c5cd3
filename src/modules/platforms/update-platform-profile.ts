import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { canonicalJson } from '../../shared/canonical-json';
import { ConflictError, NotFoundError } from '../../errors';
import { runWrite } from '../ledger';
import { Role } from '../accounts/role';
import { actorOf, MemberViewer } from '../accounts/viewer';
import { Platform } from './platform.entity';
import { RegulatorRegistration, RelatedParty } from './platform.parts';
import { actsForPlatform, assertOpenFor, authorize } from './platform.policy';
import { PlatformProfile, profileRecord } from './platform.profile';
import { UpdatePlatformProfileInput } from './profile.inputs';

/**
 * An owner updates the platform's profile (legal name, custody bank, websites, apps, related parties,
 * regulator registration): the fields given replace the recorded ones, as a new platform version with the
 * reason. A new legal name (the company renamed; its USCC stays) keeps the old one in `formerNames`, and the
 * version's action is `platform.renamed`. Rules read the platform as recorded at each filing's instant, so the
 * change counts from the next filing on. An update that changes nothing is refused
 * (PLATFORM_PROFILE_UNCHANGED): the history holds real changes only.
 */
export async function updatePlatformProfile(em: EntityManager, viewer: MemberViewer, input: UpdatePlatformProfileInput): Promise<Platform> {
  return runWrite(em, actorOf(viewer), async (write) => {
    const platform = await write.em.findOne(Platform, input.platformId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!platform) throw new NotFoundError('Platform', input.platformId);
    authorize(actsForPlatform(viewer, platform, Role.PLATFORM_OWNER), "Only the platform's own owner can update its profile.");
    assertOpenFor(platform, 'updatePlatformProfile');
    const before = canonicalJson(profileRecord(platform));
    const formerName = renamed(platform, input.legalName) ? { legalName: platform.legalName, until: write.at.toISOString() } : null;
    Object.assign(platform, changedProfile(input));
    if (formerName) platform.formerNames = [...platform.formerNames, formerName];
    if (canonicalJson(profileRecord(platform)) === before) {
      throw new ConflictError('The update changes nothing in the recorded profile.', 'PLATFORM_PROFILE_UNCHANGED', { platformId: platform.id });
    }
    platform.profileUpdatedAt = write.at;
    return write.record(platform, formerName ? 'platform.renamed' : 'platform.profile-updated', { reason: input.reason });
  });
}

/** Whether `legalName` (given, trimmed) differs from the platform's. */
function renamed(platform: Platform, legalName: string | null | undefined): boolean {
  return typeof legalName === 'string' && legalName.trim() !== platform.legalName;
}

/** The profile fields the input gives, shaped as the entity holds them. */
function changedProfile(input: UpdatePlatformProfileInput): Partial<PlatformProfile> {
  const changed: Partial<PlatformProfile> = {};
  if (typeof input.legalName === 'string') changed.legalName = input.legalName.trim();
  if (input.custodyBankName !== undefined) changed.custodyBankName = input.custodyBankName;
  if (input.websites) changed.websites = input.websites;
  if (input.apps) changed.apps = input.apps;
  if (input.relatedParties) changed.relatedParties = input.relatedParties.map((p) => Object.assign(new RelatedParty(), { relation: p.relation, nameHash: p.nameHash }));
  if (input.regulatorRegistration) {
    const { status, number, authority, registeredAt } = input.regulatorRegistration;
    changed.regulatorRegistration = Object.assign(new RegulatorRegistration(), { status, number: number ?? null, authority, registeredAt: registeredAt ?? null });
  }
  return changed;
}
