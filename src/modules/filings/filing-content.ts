import { ArrayMaxSize, Matches, ValidateNested } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import importFormat from '../../../schema/import-record.schema.json';
import { TEXT_LIMITS, TextLimit } from '../../shared/text';
import { Int64 } from '../../shared/int64.scalar';
import { NonNegative } from '../../shared/non-negative';
import { ExitMechanism, GuaranteeType, ProductKind, YieldLabel } from './filing.enums';

// Each class is both the input and the output shape of one part of a monthly filing (see the domain
// README, section 3.3), except the operating indicators, whose output may lack the disclosure items.
// Amounts are fen, rates basis points, terms days, counts counts: all Int64, >= 0.

/** Operating indicators as submitFiling takes them, every one required: stocks as of the period end, flows during the month. */
@ObjectType() // only as the base of FilingOps (type-graphql inherits fields from object types): never in the schema itself
@InputType('FilingOpsInput')
export class FilingOpsInput {
  @Field(() => Int64) @NonNegative() cumulativeLoanAmountMinor!: bigint;
  @Field(() => Int64) @NonNegative() cumulativeLoanCount!: bigint;
  @Field(() => Int64) @NonNegative() outstandingPrincipalMinor!: bigint;
  @Field(() => Int64) @NonNegative() outstandingLoanCount!: bigint;
  @Field(() => Int64) @NonNegative() outstandingInterestMinor!: bigint;
  @Field(() => Int64) @NonNegative() cumulativeLenderCount!: bigint;
  @Field(() => Int64) @NonNegative() cumulativeBorrowerCount!: bigint;
  @Field(() => Int64) @NonNegative() currentLenderCount!: bigint;
  @Field(() => Int64) @NonNegative() currentBorrowerCount!: bigint;
  @Field(() => Int64) @NonNegative() top10BorrowerOutstandingMinor!: bigint;
  @Field(() => Int64) @NonNegative() largestBorrowerOutstandingMinor!: bigint;
  @Field(() => Int64) @NonNegative() relatedPartyOutstandingMinor!: bigint;
  @Field(() => Int64) @NonNegative() relatedPartyLoanCount!: bigint;
  @Field(() => Int64) @NonNegative() overdueAmountMinor!: bigint;
  @Field(() => Int64) @NonNegative() overdueLoanCount!: bigint;
  @Field(() => Int64) @NonNegative() overdue90PlusAmountMinor!: bigint;
  @Field(() => Int64) @NonNegative() overdue90PlusLoanCount!: bigint;
  @Field(() => Int64) @NonNegative() cumulativeCompensationAmountMinor!: bigint;
  @Field(() => Int64) @NonNegative() cumulativeCompensationCount!: bigint;
  @Field(() => Int64) @NonNegative() newLoanAmountMinor!: bigint;
  @Field(() => Int64) @NonNegative() newLoanCount!: bigint;
  @Field(() => Int64) @NonNegative() lenderSubscriptionsMinor!: bigint;
  @Field(() => Int64) @NonNegative() debtTransferAmountMinor!: bigint;
  @Field(() => Int64) @NonNegative() compensationInPeriodMinor!: bigint;
  @Field(() => Int64) @NonNegative() compensatedUnrecoveredMinor!: bigint;
  @Field(() => Int64) @NonNegative() platformFundedCompensationMinor!: bigint;
  @Field(() => Int64) @NonNegative() weightedAvgBorrowerAprBps!: bigint;
  @Field(() => Int64) @NonNegative() weightedAvgLenderYieldBps!: bigint;
  @Field(() => Int64) @NonNegative() weightedAvgLoanTermDays!: bigint;
  @Field(() => Int64) @NonNegative() weightedAvgLenderTermDays!: bigint;
}

/**
 * The Disclosure Guideline indicators whose presence rule DATA-001 checks: the ones the import format leaves
 * optional, because an imported record keeps what it did not disclose absent.
 */
const DISCLOSURE_ITEMS = Object.keys(importFormat.$defs.ops.properties).filter((key) => !importFormat.$defs.ops.required.includes(key));

/** Operating indicators as filed: a disclosure item is null (undefined in the stored content) when the record lacked it. */
@ObjectType('FilingOps')
export class FilingOps extends FilingOpsInput {}
// the output type's own declarations of these fields replace the inherited required ones; the input keeps them
for (const item of DISCLOSURE_ITEMS) {
  Field(() => Int64, { nullable: true, description: 'Absent when the record did not disclose it; DATA-001 flags that.' })(FilingOps.prototype, item);
}

/** Largest outstanding balances of a single borrower, on this platform and across platforms. */
@ObjectType('BorrowerCaps')
@InputType('BorrowerCapsInput')
export class BorrowerCaps {
  @Field(() => Int64) @NonNegative() naturalPersonMaxOutstandingMinor!: bigint;
  @Field(() => Int64) @NonNegative() legalPersonMaxOutstandingMinor!: bigint;
  @Field(() => Int64) @NonNegative() crossPlatformNaturalPersonMaxOutstandingMinor!: bigint;
  @Field(() => Int64) @NonNegative() crossPlatformLegalPersonMaxOutstandingMinor!: bigint;
}

/** Custody reconciliation for the period. */
@ObjectType('CustodyReconciliation')
@InputType('CustodyReconciliationInput')
export class CustodyReconciliation {
  @Field() custodyBankName!: string;
  @Field({ description: 'Id of the custody-agreement qualification.' }) @TextLimit(TEXT_LIMITS.id) agreementQualificationId!: string;
  @Field(() => Int64) @NonNegative() bankLenderSubAccountBalanceMinor!: bigint;
  @Field(() => Int64) @NonNegative() ledgerLenderCashMinor!: bigint;
  @Field(() => Int64) @NonNegative() lenderFundsOutsideCustodyMinor!: bigint;
  @Field(() => Int64) @NonNegative() unmatchedCommittedFundsMinor!: bigint;
  @Field(() => Int64) @NonNegative() reconciliationDaysMissed!: bigint;
  @Field() @Matches(/^[0-9a-f]{64}$/, { message: 'must be a lowercase hex SHA-256' }) bankStatementSha256!: string;
}

/** One product offered to lenders in the period. */
@ObjectType('ProductDisclosure')
@InputType('ProductDisclosureInput')
export class ProductDisclosure {
  @Field() @TextLimit(TEXT_LIMITS.id) productId!: string;
  @Field() name!: string;
  @Field(() => ProductKind) kind!: ProductKind;
  @Field(() => Int64) @NonNegative() lenderTermDays!: bigint;
  @Field(() => Int64) @NonNegative() underlyingLoanTermDaysMax!: bigint;
  @Field(() => Int64) @NonNegative() promisedYieldBps!: bigint;
  @Field(() => YieldLabel) yieldLabel!: YieldLabel;
  @Field(() => GuaranteeType) guaranteeType!: GuaranteeType;
  @Field() @TextLimit(TEXT_LIMITS.name, { allowEmpty: true }) guaranteeProvider!: string;
  @Field({ description: 'Verbatim protection claims shown to lenders.' }) @TextLimit(TEXT_LIMITS.document, { allowEmpty: true }) guaranteeWording!: string;
  @Field() @TextLimit(TEXT_LIMITS.document, { allowEmpty: true }) riskWarningText!: string;
  @Field(() => ExitMechanism) exitMechanism!: ExitMechanism;
  @Field() liquidityRiskAcknowledged!: boolean;
  @Field(() => Int64) @NonNegative() fundraisingPeriodWorkingDays!: bigint;
  @Field(() => Int64) @NonNegative() raisedInPeriodMinor!: bigint;
}

/** The body of a monthly filing: everything the platform reports. */
@InputType()
export class FilingContentInput {
  @Field(() => FilingOpsInput) @ValidateNested() ops!: FilingOpsInput;
  @Field(() => BorrowerCaps) @ValidateNested() borrowerCaps!: BorrowerCaps;
  @Field(() => CustodyReconciliation) @ValidateNested() custody!: CustodyReconciliation;
  @Field(() => [ProductDisclosure]) @ArrayMaxSize(200) @ValidateNested({ each: true }) products!: ProductDisclosure[];
}
