import type { FilingFacts, PlatformFacts } from './facts';
import { Platform } from '../platforms/platform.entity';
import { Qualification } from '../platforms/qualification.entity';
import { Filing } from '../filings/filing.entity';
import { contentFacts } from '../filings/filing-document';

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const lower = (value: string) => value.toLowerCase();

/**
 * The platform as rules see it (domain field names, lower-case enum values, BigInt integers).
 * A qualification replaced by a successor shows status `superseded`; renewals are separate records.
 */
export function platformFacts(platform: Platform, qualifications: Qualification[], submittedPeriods: string[]): PlatformFacts {
  const supersededIds = new Set(qualifications.map((q) => q.supersedes?.id).filter(Boolean));
  const registration = platform.regulatorRegistration;
  return {
    platformId: platform.id,
    legalName: platform.legalName,
    uscc: platform.uscc,
    registeredCapitalMinor: platform.registeredCapitalMinor,
    businessLicenseIssuedAt: iso(platform.businessLicenseIssuedAt),
    onlineSince: iso(platform.onlineSince),
    registration: {
      status: lower(registration.status),
      registrationNumber: registration.number,
      authority: registration.authority,
      registeredAt: iso(registration.registeredAt),
    },
    custodyBank: { name: platform.custodyBankName ?? '', agreementQualificationId: '' },
    relatedParties: platform.relatedParties.map((p, i) => ({ partyId: String(i + 1), relation: lower(p.relation), nameHash: p.nameHash })),
    qualifications: qualifications.map((q) => ({
      qualificationId: q.id,
      type: lower(q.type),
      issuer: q.issuer,
      number: q.number,
      validFrom: iso(q.validFrom),
      validTo: iso(q.validTo),
      documentSha256: q.documentSha256,
      status: supersededIds.has(q.id) ? 'superseded' : lower(q.status),
    })),
    submittedPeriods,
    websites: platform.websites,
    apps: platform.apps,
  } as unknown as PlatformFacts;
}

/** The facts of a filing that come from its columns; every other field comes from its content. */
export const FILING_HEADER_FACTS: ReadonlySet<string> = new Set(['filingId', 'platformId', 'period', 'currency', 'periodStart', 'periodEnd', 'dueAt', 'submittedAt']);

/** A filing version as rules see it: header plus content, integers as BigInt. */
export function filingFacts(filing: Filing): FilingFacts {
  return {
    filingId: filing.id,
    platformId: filing.platform.id,
    period: filing.period,
    currency: filing.currency,
    periodStart: iso(filing.periodStart),
    periodEnd: iso(filing.periodEnd),
    dueAt: iso(filing.dueAt),
    submittedAt: iso(filing.submittedAt),
    ...contentFacts(filing.content),
  } as unknown as FilingFacts;
}
