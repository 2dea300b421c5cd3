import type { Platform } from './platform.entity';
import { RegulatorRegistrationStatus, RelatedPartyRelation } from './platform.enums';
import { RegulatorRegistration, RelatedParty } from './platform.parts';

/** The part of a platform's registration its owners keep up to date (the rest is fixed at registration). */
export type PlatformProfile = Pick<Platform, 'custodyBankName' | 'websites' | 'apps' | 'relatedParties' | 'regulatorRegistration'>;

/** A platform's profile as its public record holds it (plain JSON: instants as RFC 3339 strings). */
export function profileRecord(profile: PlatformProfile) {
  const registration = profile.regulatorRegistration;
  return {
    websites: [...profile.websites],
    apps: [...profile.apps],
    custodyBankName: profile.custodyBankName,
    relatedParties: profile.relatedParties.map((r) => ({ relation: r.relation, nameHash: r.nameHash })),
    regulatorRegistration: {
      status: registration.status,
      number: registration.number ?? null,
      authority: registration.authority,
      registeredAt: registration.registeredAt ? registration.registeredAt.toISOString() : null,
    },
  };
}

/** The profile a platform's public record (any version of it) holds, as the entity holds it. */
export function profileFromRecord(record: Record<string, unknown>): PlatformProfile {
  const registration = record.regulatorRegistration as { status: RegulatorRegistrationStatus; number: string | null; authority: string; registeredAt: string | null };
  return {
    custodyBankName: record.custodyBankName as string | null,
    websites: record.websites as string[],
    apps: record.apps as string[],
    relatedParties: (record.relatedParties as { relation: RelatedPartyRelation; nameHash: string }[]).map((r) => Object.assign(new RelatedParty(), r)),
    regulatorRegistration: Object.assign(new RegulatorRegistration(), {
      ...registration,
      registeredAt: registration.registeredAt ? new Date(registration.registeredAt) : null,
    }),
  };
}
