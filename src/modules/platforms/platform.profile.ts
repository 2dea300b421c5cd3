import { instant } from '../ledger';
import type { Platform } from './platform.entity';

/** The part of a platform's registration its owners keep up to date (the rest is fixed at registration). */
export type PlatformProfile = Pick<Platform, 'legalName' | 'formerNames' | 'custodyBankName' | 'websites' | 'apps' | 'relatedParties' | 'regulatorRegistration'>;

/** A platform's profile as its public record holds it (plain JSON: instants as RFC 3339 strings). */
export function profileRecord(profile: PlatformProfile) {
  const registration = profile.regulatorRegistration;
  return {
    legalName: profile.legalName,
    formerNames: profile.formerNames.map((former) => ({ legalName: former.legalName, until: former.until })),
    websites: [...profile.websites],
    apps: [...profile.apps],
    custodyBankName: profile.custodyBankName,
    relatedParties: profile.relatedParties.map((r) => ({ relation: r.relation, nameHash: r.nameHash })),
    regulatorRegistration: {
      status: registration.status,
      number: registration.number ?? null,
      authority: registration.authority,
      registeredAt: instant(registration.registeredAt),
    },
  };
}

/** The profile fields of a platform (or of a platform as a past record rebuilds it). */
export function profileOf(platform: PlatformProfile): PlatformProfile {
  const { legalName, formerNames, custodyBankName, websites, apps, relatedParties, regulatorRegistration } = platform;
  return { legalName, formerNames, custodyBankName, websites, apps, relatedParties, regulatorRegistration };
}
