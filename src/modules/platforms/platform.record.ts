import { defineRecord, instant, integer, notInRecord, readInstant, readRef, ref } from '../ledger';
import { Platform } from './platform.entity';
import { profileRecord } from './platform.profile';
import { PlatformStatusChange } from './platform-status-change.entity';
import { Qualification } from './qualification.entity';

/** A platform's public record: its registration data and registry status; who attested stays private. */
defineRecord(Platform, {
  type: 'platform',
  isPublic: () => true,
  project: (p) => ({
    association: ref(p.association),
    uscc: p.uscc,
    registeredCapitalMinor: integer(p.registeredCapitalMinor),
    businessLicenseIssuedAt: instant(p.businessLicenseIssuedAt),
    onlineSince: instant(p.onlineSince),
    ...profileRecord(p),
    attestation: { textVersion: p.attestation.textVersion, attestedAt: instant(p.attestation.attestedAt) },
    registryStatus: p.registryStatus,
    createdAt: instant(p.createdAt),
  }),
  revive: (r: any, e) =>
    ({
      id: e.id,
      version: e.version,
      association: readRef(r.association),
      legalName: r.legalName,
      // records written before renames existed have no formerNames
      formerNames: r.formerNames ?? [],
      uscc: r.uscc,
      registeredCapitalMinor: BigInt(r.registeredCapitalMinor),
      businessLicenseIssuedAt: readInstant(r.businessLicenseIssuedAt),
      onlineSince: readInstant(r.onlineSince),
      websites: r.websites,
      apps: r.apps,
      custodyBankName: r.custodyBankName,
      relatedParties: r.relatedParties,
      regulatorRegistration: { ...r.regulatorRegistration, registeredAt: readInstant(r.regulatorRegistration.registeredAt) },
      attestation: notInRecord({ textVersion: r.attestation.textVersion, attestedAt: readInstant(r.attestation.attestedAt) }, 'attestedBy', 'IntermediaryAttestation.attestedBy'),
      registryStatus: r.registryStatus,
      createdAt: readInstant(r.createdAt),
    }) as unknown as Platform,
});

/** One registry-status decision; the deciding organisation and role are in the entry's actor. */
defineRecord(PlatformStatusChange, {
  type: 'platform-status-change',
  isPublic: () => true,
  project: (c) => ({ platform: ref(c.platform), fromStatus: c.fromStatus, toStatus: c.toStatus, reason: c.reason, at: instant(c.at) }),
  revive: (r: any, e) =>
    notInRecord(
      { id: e.id, version: e.version, platform: readRef(r.platform), fromStatus: r.fromStatus, toStatus: r.toStatus, reason: r.reason, at: readInstant(r.at) },
      'changedBy',
      "PlatformStatusChange.changedBy (a staff name; the entry's actor names the organisation and role)",
    ) as unknown as PlatformStatusChange,
});

/** A filed qualification (licence, custody agreement...), with the document's hash, never the document. */
defineRecord(Qualification, {
  type: 'qualification',
  isPublic: () => true,
  project: (q) => ({
    platform: ref(q.platform),
    type: q.type,
    issuer: q.issuer,
    number: q.number,
    validFrom: instant(q.validFrom),
    validTo: instant(q.validTo),
    documentSha256: q.documentSha256,
    status: q.status,
    supersedes: ref(q.supersedes),
    createdAt: instant(q.createdAt),
  }),
  revive: (r: any, e) =>
    ({
      ...r,
      id: e.id,
      version: e.version,
      platform: readRef(r.platform),
      validFrom: readInstant(r.validFrom),
      validTo: readInstant(r.validTo),
      supersedes: readRef(r.supersedes),
      createdAt: readInstant(r.createdAt),
    }) as unknown as Qualification,
});
