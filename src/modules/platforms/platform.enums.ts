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
});

/** Status of the platform's registration (备案) with its local financial regulator, as the platform declares it. */
export enum RegulatorRegistrationStatus {
  REGISTERED = 'REGISTERED',
  PENDING = 'PENDING',
  REJECTED = 'REJECTED',
  REVOKED = 'REVOKED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(RegulatorRegistrationStatus, { name: 'RegulatorRegistrationStatus' });

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
registerEnumType(RelatedPartyRelation, { name: 'RelatedPartyRelation' });

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
registerEnumType(QualificationType, { name: 'QualificationType' });

/** Status of a qualification as filed. Supersession is derived from a successor, not stored. */
export enum QualificationFiledStatus {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
}
registerEnumType(QualificationFiledStatus, { name: 'QualificationFiledStatus' });

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
});
