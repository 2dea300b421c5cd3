import { ArrayMaxSize, Matches, ValidateNested } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import importFormat from '../../../schema/import-record.schema.json';
import { TEXT_LIMITS, TextLimit } from '../../shared/text';
import { Int64 } from '../../shared/int64.scalar';
import { NonNegative } from '../../shared/non-negative';
import { ExitMechanism, GuaranteeType, ProductKind, YieldLabel } from './filing.enums';

/** The import schema's description of a filing field (`$defs.<section>.properties.<field>`): one text for the import format, the API and rule authors. */
function about(section: 'ops' | 'borrowerCaps' | 'custody' | 'product', field: string): string {
  return (importFormat.$defs[section].properties as Record<string, { description: string }>)[field].description;
}

// Each class is both the input and the output shape of one part of a monthly filing (see the domain
// README, section 3.3), except the operating indicators, whose output may lack the disclosure items.
// Amounts are fen, rates basis points, terms days, counts counts: all Int64, >= 0.

/** Operating indicators as submitFiling takes them, every one required: stocks as of the period end, flows during the month. */
@ObjectType() // only as the base of FilingOps (type-graphql inherits fields from object types): never in the schema itself
@InputType('FilingOpsInput', { description: `${importFormat.$defs.ops.description} Stocks are as of the period end, flows during the month; amounts in fen (0.01 CNY), rates in basis points, terms in days; every one required here.` })
export class FilingOpsInput {
  @Field(() => Int64, { description: about('ops', 'cumulativeLoanAmountMinor') }) @NonNegative() cumulativeLoanAmountMinor!: bigint;
  @Field(() => Int64, { description: about('ops', 'cumulativeLoanCount') }) @NonNegative() cumulativeLoanCount!: bigint;
  @Field(() => Int64, { description: about('ops', 'outstandingPrincipalMinor') }) @NonNegative() outstandingPrincipalMinor!: bigint;
  @Field(() => Int64, { description: about('ops', 'outstandingLoanCount') }) @NonNegative() outstandingLoanCount!: bigint;
  @Field(() => Int64, { description: about('ops', 'outstandingInterestMinor') }) @NonNegative() outstandingInterestMinor!: bigint;
  @Field(() => Int64, { description: about('ops', 'cumulativeLenderCount') }) @NonNegative() cumulativeLenderCount!: bigint;
  @Field(() => Int64, { description: about('ops', 'cumulativeBorrowerCount') }) @NonNegative() cumulativeBorrowerCount!: bigint;
  @Field(() => Int64, { description: about('ops', 'currentLenderCount') }) @NonNegative() currentLenderCount!: bigint;
  @Field(() => Int64, { description: about('ops', 'currentBorrowerCount') }) @NonNegative() currentBorrowerCount!: bigint;
  @Field(() => Int64, { description: about('ops', 'top10BorrowerOutstandingMinor') }) @NonNegative() top10BorrowerOutstandingMinor!: bigint;
  @Field(() => Int64, { description: about('ops', 'largestBorrowerOutstandingMinor') }) @NonNegative() largestBorrowerOutstandingMinor!: bigint;
  @Field(() => Int64, { description: about('ops', 'relatedPartyOutstandingMinor') }) @NonNegative() relatedPartyOutstandingMinor!: bigint;
  @Field(() => Int64, { description: about('ops', 'relatedPartyLoanCount') }) @NonNegative() relatedPartyLoanCount!: bigint;
  @Field(() => Int64, { description: about('ops', 'overdueAmountMinor') }) @NonNegative() overdueAmountMinor!: bigint;
  @Field(() => Int64, { description: about('ops', 'overdueLoanCount') }) @NonNegative() overdueLoanCount!: bigint;
  @Field(() => Int64, { description: about('ops', 'overdue90PlusAmountMinor') }) @NonNegative() overdue90PlusAmountMinor!: bigint;
  @Field(() => Int64, { description: about('ops', 'overdue90PlusLoanCount') }) @NonNegative() overdue90PlusLoanCount!: bigint;
  @Field(() => Int64, { description: about('ops', 'cumulativeCompensationAmountMinor') }) @NonNegative() cumulativeCompensationAmountMinor!: bigint;
  @Field(() => Int64, { description: about('ops', 'cumulativeCompensationCount') }) @NonNegative() cumulativeCompensationCount!: bigint;
  @Field(() => Int64, { description: about('ops', 'newLoanAmountMinor') }) @NonNegative() newLoanAmountMinor!: bigint;
  @Field(() => Int64, { description: about('ops', 'newLoanCount') }) @NonNegative() newLoanCount!: bigint;
  @Field(() => Int64, { description: about('ops', 'lenderSubscriptionsMinor') }) @NonNegative() lenderSubscriptionsMinor!: bigint;
  @Field(() => Int64, { description: about('ops', 'debtTransferAmountMinor') }) @NonNegative() debtTransferAmountMinor!: bigint;
  @Field(() => Int64, { description: about('ops', 'compensationInPeriodMinor') }) @NonNegative() compensationInPeriodMinor!: bigint;
  @Field(() => Int64, { description: about('ops', 'compensatedUnrecoveredMinor') }) @NonNegative() compensatedUnrecoveredMinor!: bigint;
  @Field(() => Int64, { description: about('ops', 'platformFundedCompensationMinor') }) @NonNegative() platformFundedCompensationMinor!: bigint;
  @Field(() => Int64, { description: about('ops', 'weightedAvgBorrowerAprBps') }) @NonNegative() weightedAvgBorrowerAprBps!: bigint;
  @Field(() => Int64, { description: about('ops', 'weightedAvgLenderYieldBps') }) @NonNegative() weightedAvgLenderYieldBps!: bigint;
  @Field(() => Int64, { description: about('ops', 'weightedAvgLoanTermDays') }) @NonNegative() weightedAvgLoanTermDays!: bigint;
  @Field(() => Int64, { description: about('ops', 'weightedAvgLenderTermDays') }) @NonNegative() weightedAvgLenderTermDays!: bigint;
}

/**
 * The Disclosure Guideline indicators whose presence rule DATA-001 checks: the ones the import format leaves
 * optional, because an imported record keeps what it did not disclose absent.
 */
const DISCLOSURE_ITEMS = Object.keys(importFormat.$defs.ops.properties).filter((key) => !importFormat.$defs.ops.required.includes(key));

/** Operating indicators as filed: a disclosure item is null (undefined in the stored content) when the record lacked it. */
@ObjectType('FilingOps', { description: `${importFormat.$defs.ops.description} Stocks are as of the period end, flows during the month; amounts in fen (0.01 CNY), rates in basis points, terms in days.` })
export class FilingOps extends FilingOpsInput {}
// the output type's own declarations of these fields replace the inherited required ones; the input keeps them
for (const item of DISCLOSURE_ITEMS) {
  Field(() => Int64, { nullable: true, description: `${about('ops', item)} Null when the record did not disclose it; DATA-001 flags that.` })(FilingOps.prototype, item);
}

/** Largest outstanding balances of a single borrower, on this platform and across platforms. */
@ObjectType('BorrowerCaps', { description: importFormat.$defs.borrowerCaps.description })
@InputType('BorrowerCapsInput', { description: importFormat.$defs.borrowerCaps.description })
export class BorrowerCaps {
  @Field(() => Int64, { description: about('borrowerCaps', 'naturalPersonMaxOutstandingMinor') }) @NonNegative() naturalPersonMaxOutstandingMinor!: bigint;
  @Field(() => Int64, { description: about('borrowerCaps', 'legalPersonMaxOutstandingMinor') }) @NonNegative() legalPersonMaxOutstandingMinor!: bigint;
  @Field(() => Int64, { description: about('borrowerCaps', 'crossPlatformNaturalPersonMaxOutstandingMinor') }) @NonNegative() crossPlatformNaturalPersonMaxOutstandingMinor!: bigint;
  @Field(() => Int64, { description: about('borrowerCaps', 'crossPlatformLegalPersonMaxOutstandingMinor') }) @NonNegative() crossPlatformLegalPersonMaxOutstandingMinor!: bigint;
}

/** Custody reconciliation for the period. */
@ObjectType('CustodyReconciliation', { description: importFormat.$defs.custody.description })
@InputType('CustodyReconciliationInput', { description: importFormat.$defs.custody.description })
export class CustodyReconciliation {
  @Field({ description: about('custody', 'custodyBankName') }) custodyBankName!: string;
  @Field({ description: about('custody', 'agreementQualificationId') }) @TextLimit(TEXT_LIMITS.id) agreementQualificationId!: string;
  @Field(() => Int64, { description: about('custody', 'bankLenderSubAccountBalanceMinor') }) @NonNegative() bankLenderSubAccountBalanceMinor!: bigint;
  @Field(() => Int64, { description: about('custody', 'ledgerLenderCashMinor') }) @NonNegative() ledgerLenderCashMinor!: bigint;
  @Field(() => Int64, { description: about('custody', 'lenderFundsOutsideCustodyMinor') }) @NonNegative() lenderFundsOutsideCustodyMinor!: bigint;
  @Field(() => Int64, { description: about('custody', 'unmatchedCommittedFundsMinor') }) @NonNegative() unmatchedCommittedFundsMinor!: bigint;
  @Field(() => Int64, { description: about('custody', 'reconciliationDaysMissed') }) @NonNegative() reconciliationDaysMissed!: bigint;
  @Field({ description: about('custody', 'bankStatementSha256') }) @Matches(/^[0-9a-f]{64}$/, { message: 'must be a lowercase hex SHA-256' }) bankStatementSha256!: string;
}

/** One product offered to lenders in the period. */
@ObjectType('ProductDisclosure', { description: importFormat.$defs.product.description })
@InputType('ProductDisclosureInput', { description: importFormat.$defs.product.description })
export class ProductDisclosure {
  @Field({ description: about('product', 'productId') }) @TextLimit(TEXT_LIMITS.id) productId!: string;
  @Field({ description: about('product', 'name') }) name!: string;
  @Field(() => ProductKind, { description: about('product', 'kind') }) kind!: ProductKind;
  @Field(() => Int64, { description: about('product', 'lenderTermDays') }) @NonNegative() lenderTermDays!: bigint;
  @Field(() => Int64, { description: about('product', 'underlyingLoanTermDaysMax') }) @NonNegative() underlyingLoanTermDaysMax!: bigint;
  @Field(() => Int64, { description: about('product', 'promisedYieldBps') }) @NonNegative() promisedYieldBps!: bigint;
  @Field(() => YieldLabel, { description: about('product', 'yieldLabel') }) yieldLabel!: YieldLabel;
  @Field(() => GuaranteeType, { description: about('product', 'guaranteeType') }) guaranteeType!: GuaranteeType;
  @Field({ description: about('product', 'guaranteeProvider') }) @TextLimit(TEXT_LIMITS.name, { allowEmpty: true }) guaranteeProvider!: string;
  @Field({ description: about('product', 'guaranteeWording') }) @TextLimit(TEXT_LIMITS.document, { allowEmpty: true }) guaranteeWording!: string;
  @Field({ description: about('product', 'riskWarningText') }) @TextLimit(TEXT_LIMITS.document, { allowEmpty: true }) riskWarningText!: string;
  @Field(() => ExitMechanism, { description: about('product', 'exitMechanism') }) exitMechanism!: ExitMechanism;
  @Field({ description: about('product', 'liquidityRiskAcknowledged') }) liquidityRiskAcknowledged!: boolean;
  @Field(() => Int64, { description: about('product', 'fundraisingPeriodWorkingDays') }) @NonNegative() fundraisingPeriodWorkingDays!: bigint;
  @Field(() => Int64, { description: about('product', 'raisedInPeriodMinor') }) @NonNegative() raisedInPeriodMinor!: bigint;
}

/** The body of a monthly filing: everything the platform reports. */
@InputType()
export class FilingContentInput {
  @Field(() => FilingOpsInput, { description: 'Operating indicators: stocks at the period end, flows during the month.' }) @ValidateNested() ops!: FilingOpsInput;
  @Field(() => BorrowerCaps, { description: 'Largest outstanding balances of a single borrower.' }) @ValidateNested() borrowerCaps!: BorrowerCaps;
  @Field(() => CustodyReconciliation, { description: 'The custody reconciliation for the period.' }) @ValidateNested() custody!: CustodyReconciliation;
  @Field(() => [ProductDisclosure], { description: 'The products offered to lenders in the period.' }) @ArrayMaxSize(200) @ValidateNested({ each: true }) products!: ProductDisclosure[];
}
