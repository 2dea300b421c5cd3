import { isRecord } from '../../shared/canonical-json';

/**
 * The facts CEL rules read, shaped exactly as the domain data model (filing data model §3): enum values in
 * lower case, timestamps as RFC 3339 strings with offset, and every integer as `bigint` so that CEL sees `int`
 * (plain numbers would become `double`, and `x * 100` would then fail with no matching overload).
 */

/** 备案 status of the operator (§3.1). */
export type RegistrationStatus = 'registered' | 'pending' | 'rejected' | 'revoked' | 'cancelled';

/** Relation of a related party to the platform (§3.1). */
export type RelatedPartyRelation =
  | 'actual_controller'
  | 'shareholder_5pct'
  | 'director'
  | 'supervisor'
  | 'senior_manager'
  | 'close_relative'
  | 'common_control_entity';

/** Kind of dated document (§3.2). */
export type QualificationType =
  | 'business_license'
  | 'online_lending_registration'
  | 'icp_license'
  | 'custody_agreement'
  | 'mlps_level3_filing'
  | 'annual_audit_report'
  | 'compliance_audit_report'
  | 'other';

/** Stored status of a qualification; expiry is derived from the dates, never stored (§3.2). */
export type QualificationStatus = 'active' | 'revoked' | 'superseded';

/** A dated document; validity `[validFrom, validTo]` is inclusive, `validTo: null` means no expiry (§3.2). */
export interface QualificationFacts {
  qualificationId: string;
  type: QualificationType;
  /** Issuing authority, or the custody bank for `custody_agreement` (CUST-003 matches it to the filing). */
  issuer: string;
  number: string;
  validFrom: string;
  validTo: string | null;
  documentSha256: string;
  status: QualificationStatus;
}

/** A related party, used to tag related-party loans (§3.1). */
export interface RelatedPartyFacts {
  partyId: string;
  relation: RelatedPartyRelation;
  nameHash: string;
}

/** An optional ownership record (Disclosure Guideline). */
export interface ShareholderFacts {
  nameHash: string;
  sharePctBps: bigint;
  isActualController: boolean;
}

/** Platform registration (§3.1), bound to the CEL variable `platform`. */
export interface PlatformFacts {
  platformId: string;
  legalName: string;
  uscc: string;
  registeredCapitalMinor: bigint;
  businessLicenseIssuedAt: string;
  onlineSince: string;
  registration: {
    status: RegistrationStatus;
    registrationNumber: string | null;
    authority: string;
    registeredAt: string | null;
  };
  custodyBank: { name: string; agreementQualificationId: string };
  relatedParties: RelatedPartyFacts[];
  qualifications: QualificationFacts[];
  /** Periods (`YYYY-MM`) with a submitted filing; host-derived. */
  submittedPeriods: string[];
  websites?: string[];
  apps?: string[];
  shareholders?: ShareholderFacts[];
}

/**
 * Monthly operating indicators (§3.3), amounts in fen, rates in bps. The Disclosure Guideline indicators are
 * optional here because their absence is a finding (DATA-001), not an input error; the registry extensions
 * are checked for presence before rules run.
 */
export interface FilingOpsFacts {
  cumulativeLoanAmountMinor?: bigint;
  cumulativeLoanCount?: bigint;
  outstandingPrincipalMinor?: bigint;
  outstandingLoanCount?: bigint;
  outstandingInterestMinor?: bigint;
  cumulativeLenderCount?: bigint;
  cumulativeBorrowerCount?: bigint;
  currentLenderCount?: bigint;
  currentBorrowerCount?: bigint;
  top10BorrowerOutstandingMinor?: bigint;
  largestBorrowerOutstandingMinor?: bigint;
  relatedPartyOutstandingMinor?: bigint;
  relatedPartyLoanCount?: bigint;
  overdueAmountMinor?: bigint;
  overdueLoanCount?: bigint;
  overdue90PlusAmountMinor?: bigint;
  overdue90PlusLoanCount?: bigint;
  cumulativeCompensationAmountMinor?: bigint;
  cumulativeCompensationCount?: bigint;
  newLoanAmountMinor: bigint;
  newLoanCount: bigint;
  lenderSubscriptionsMinor: bigint;
  debtTransferAmountMinor: bigint;
  compensationInPeriodMinor: bigint;
  compensatedUnrecoveredMinor: bigint;
  platformFundedCompensationMinor: bigint;
  weightedAvgBorrowerAprBps: bigint;
  weightedAvgLenderYieldBps: bigint;
  weightedAvgLoanTermDays: bigint;
  weightedAvgLenderTermDays: bigint;
}

/** Largest borrower balances (§3.3); cross-platform figures include this platform. */
export interface BorrowerCapsFacts {
  naturalPersonMaxOutstandingMinor: bigint;
  legalPersonMaxOutstandingMinor: bigint;
  crossPlatformNaturalPersonMaxOutstandingMinor: bigint;
  crossPlatformLegalPersonMaxOutstandingMinor: bigint;
}

/** Custody reconciliation (§3.3). */
export interface CustodyFacts {
  custodyBankName: string;
  agreementQualificationId: string;
  bankLenderSubAccountBalanceMinor: bigint;
  ledgerLenderCashMinor: bigint;
  lenderFundsOutsideCustodyMinor: bigint;
  unmatchedCommittedFundsMinor: bigint;
  reconciliationDaysMissed: bigint;
  bankStatementSha256: string;
}

/** Product disclosure (§3.4). */
export interface ProductFacts {
  productId: string;
  name: string;
  kind: 'single_loan' | 'auto_invest_plan' | 'debt_transfer';
  lenderTermDays: bigint;
  underlyingLoanTermDaysMax: bigint;
  promisedYieldBps: bigint;
  yieldLabel: 'expected_annualized' | 'fixed';
  guaranteeType:
    | 'none'
    | 'third_party_guarantee'
    | 'credit_insurance'
    | 'platform_guarantee'
    | 'risk_reserve_fund'
    | 'platform_buyback';
  guaranteeProvider: string;
  /** Verbatim protection claims shown to lenders (screened by GUAR-002). */
  guaranteeWording: string;
  riskWarningText: string;
  exitMechanism: 'hold_to_maturity' | 'transfer_market' | 'auto_transfer_at_term' | 'platform_buyback' | 'demand_redemption';
  liquidityRiskAcknowledged: boolean;
  fundraisingPeriodWorkingDays: bigint;
  raisedInPeriodMinor: bigint;
}

/** A monthly filing (§3.3), bound to the CEL variables `filing` and `prev`. */
export interface FilingFacts {
  filingId: string;
  platformId: string;
  /** `YYYY-MM`. */
  period: string;
  currency: 'CNY';
  periodStart: string;
  /** Last instant of the period. */
  periodEnd: string;
  /** Host-derived: 5th working day after period end, 23:59:59 local. */
  dueAt: string;
  submittedAt: string;
  ops: FilingOpsFacts;
  borrowerCaps: BorrowerCapsFacts;
  custody: CustodyFacts;
  products: ProductFacts[];
}

/** The CEL variable `ctx`: evaluation instant, periods due so far, and association-published parameters. */
export interface EvaluationContext {
  asOf: string;
  duePeriods: string[];
  params: Record<string, bigint>;
}

/** The four CEL variables of a rule evaluation; `prev` is the filing of the preceding month, or null. */
export interface RuleInput {
  platform: PlatformFacts;
  filing: FilingFacts;
  prev: FilingFacts | null;
  ctx: EvaluationContext;
}

/** A platform with its filings and the context they are evaluated in: the import (and example) format. */
export interface FactsDocument {
  platform: PlatformFacts;
  filings: FilingFacts[];
  ctx: EvaluationContext;
}

/**
 * Converts a parsed JSON import document (`{platform, filings, ctx}`, as in the example files; other keys are
 * dropped) into facts, turning every number into a `bigint`. Throws on a number that is not a safe integer:
 * every number in this domain is an integer. Shape validation (enums, presence) happens before, at the edge.
 */
export function factsFromJson(value: unknown): FactsDocument {
  if (!isRecord(value)) throw new TypeError('facts document: expected an object');
  const { platform, filings, ctx } = value;
  if (!isRecord(platform)) throw new TypeError('platform: expected an object');
  if (!Array.isArray(filings)) throw new TypeError('filings: expected an array');
  if (!isRecord(ctx)) throw new TypeError('ctx: expected an object');
  return {
    platform: bigintsFromJson(platform, 'platform') as PlatformFacts,
    filings: bigintsFromJson(filings, 'filings') as FilingFacts[],
    ctx: bigintsFromJson(ctx, 'ctx') as EvaluationContext,
  };
}

function bigintsFromJson(value: unknown, path: string): unknown {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`${path}: ${value} is not a safe integer`);
    return BigInt(value);
  }
  if (Array.isArray(value)) return value.map((item, i) => bigintsFromJson(item, `${path}[${i}]`));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = bigintsFromJson(item, `${path}.${key}`);
    return out;
  }
  return value;
}
