import { registerEnumType } from 'type-graphql';

/** The registry's own status for a platform; changes are kept in the status history. */
export enum RegistryStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  SUSPENDED = 'SUSPENDED',
  DEREGISTERED = 'DEREGISTERED',
}
registerEnumType(RegistryStatus, {
  name: 'RegistryStatus',
  description: 'PENDING until a reviewer approves or rejects; APPROVED platforms may later be SUSPENDED or DEREGISTERED.',
  valuesConfig: {
    PENDING: { description: 'Registered itself; awaiting review by its association.' },
    APPROVED: { description: 'Reviewed and admitted to the registry.' },
    REJECTED: { description: 'Refused at review; the record is closed.' },
    SUSPENDED: { description: 'Admitted, then suspended by a reviewer; may be reinstated (APPROVED again).' },
    DEREGISTERED: { description: 'Removed from the registry; the record is closed.' },
  },
});

/** Status of the platform's registration (备案) with its local financial regulator, as the platform declares it. */
export enum RegulatorRegistrationStatus {
  REGISTERED = 'REGISTERED',
  PENDING = 'PENDING',
  REJECTED = 'REJECTED',
  REVOKED = 'REVOKED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(RegulatorRegistrationStatus, {
  name: 'RegulatorRegistrationStatus',
  description: "Status of the platform's registration (备案) with its local financial regulator (Interim Measures Art. 5), as the platform declares it. QUAL-001 flags every status other than REGISTERED.",
  valuesConfig: {
    REGISTERED: { description: 'Registered with the local financial regulator.' },
    PENDING: { description: 'Applied for; not yet registered.' },
    REJECTED: { description: 'The regulator refused the registration.' },
    REVOKED: { description: 'The regulator withdrew the registration.' },
    CANCELLED: { description: 'The registration was cancelled (e.g. the platform gave it up).' },
  },
});

/** Relation of a related party to the platform (used to tag related-party loans). */
export enum RelatedPartyRelation {
  ACTUAL_CONTROLLER = 'ACTUAL_CONTROLLER',
  SHAREHOLDER_5PCT = 'SHAREHOLDER_5PCT',
  DIRECTOR = 'DIRECTOR',
  SUPERVISOR = 'SUPERVISOR',
  SENIOR_MANAGER = 'SENIOR_MANAGER',
  CLOSE_RELATIVE = 'CLOSE_RELATIVE',
  COMMON_CONTROL_ENTITY = 'COMMON_CONTROL_ENTITY',
}
registerEnumType(RelatedPartyRelation, {
  name: 'RelatedPartyRelation',
  description: 'How a related party is related to the platform; loans to related parties are tagged, and REL-001 flags any.',
  valuesConfig: {
    ACTUAL_CONTROLLER: { description: 'The actual controller of the platform.' },
    SHAREHOLDER_5PCT: { description: 'A shareholder holding 5% or more.' },
    DIRECTOR: { description: 'A director.' },
    SUPERVISOR: { description: 'A supervisor (member of the board of supervisors).' },
    SENIOR_MANAGER: { description: 'A senior manager.' },
    CLOSE_RELATIVE: { description: 'A close relative of one of the above.' },
    COMMON_CONTROL_ENTITY: { description: 'An entity under common control with the platform.' },
  },
});

/** Kinds of dated documents a platform holds. */
export enum QualificationType {
  BUSINESS_LICENSE = 'BUSINESS_LICENSE',
  ONLINE_LENDING_REGISTRATION = 'ONLINE_LENDING_REGISTRATION',
  ICP_LICENSE = 'ICP_LICENSE',
  CUSTODY_AGREEMENT = 'CUSTODY_AGREEMENT',
  MLPS_LEVEL3_FILING = 'MLPS_LEVEL3_FILING',
  ANNUAL_AUDIT_REPORT = 'ANNUAL_AUDIT_REPORT',
  COMPLIANCE_AUDIT_REPORT = 'COMPLIANCE_AUDIT_REPORT',
  OTHER = 'OTHER',
}
registerEnumType(QualificationType, {
  name: 'QualificationType',
  description: 'Kind of dated document a platform holds.',
  valuesConfig: {
    BUSINESS_LICENSE: { description: 'Business licence of the operating company.' },
    ONLINE_LENDING_REGISTRATION: { description: 'Registration (备案) certificate from the local financial regulator.' },
    ICP_LICENSE: { description: 'Telecom value-added service (ICP) licence; QUAL-002 requires an active one.' },
    CUSTODY_AGREEMENT: { description: 'Custody agreement with a bank for lender funds; CUST-003 requires an active one with the bank a filing names.' },
    MLPS_LEVEL3_FILING: { description: 'Information-security protection level 3 (MLPS) filing.' },
    ANNUAL_AUDIT_REPORT: { description: 'Annual financial audit report.' },
    COMPLIANCE_AUDIT_REPORT: { description: 'Compliance audit report.' },
    OTHER: { description: 'Any other document.' },
  },
});

/** Status of a qualification as filed. Supersession is derived from a successor, not stored. */
export enum QualificationFiledStatus {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
}
registerEnumType(QualificationFiledStatus, {
  name: 'QualificationFiledStatus',
  description: 'Status of a qualification as filed; expiry follows from its dates and supersession from a successor, never stored.',
  valuesConfig: {
    ACTIVE: { description: 'In force as filed.' },
    REVOKED: { description: 'Revoked by its issuer.' },
  },
});

/** Where a qualification stands today, derived from its dates, status and successor at query time. */
export enum QualificationState {
  VALID = 'VALID',
  EXPIRING = 'EXPIRING',
  EXPIRED = 'EXPIRED',
  NOT_YET_VALID = 'NOT_YET_VALID',
  REVOKED = 'REVOKED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(QualificationState, {
  name: 'QualificationState',
  description: 'VALID; EXPIRING (valid, but validTo is within 60 days); EXPIRED; NOT_YET_VALID; REVOKED; SUPERSEDED (a newer record replaced it).',
  valuesConfig: {
    VALID: { description: 'Active and within its dates, with more than 60 days to run (or no end).' },
    EXPIRING: { description: 'Valid, but validTo is within 60 days.' },
    EXPIRED: { description: 'validTo has passed.' },
    NOT_YET_VALID: { description: 'validFrom is still to come.' },
    REVOKED: { description: 'Filed as revoked.' },
    SUPERSEDED: { description: 'A newer record replaced it (see supersededById).' },
  },
});
