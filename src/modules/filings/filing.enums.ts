import { registerEnumType } from 'type-graphql';

/** Kind of lender product. */
export enum ProductKind {
  SINGLE_LOAN = 'SINGLE_LOAN',
  AUTO_INVEST_PLAN = 'AUTO_INVEST_PLAN',
  DEBT_TRANSFER = 'DEBT_TRANSFER',
}
registerEnumType(ProductKind, { name: 'ProductKind' });

/** How the promised yield is labelled to lenders. */
export enum YieldLabel {
  EXPECTED_ANNUALIZED = 'EXPECTED_ANNUALIZED',
  FIXED = 'FIXED',
}
registerEnumType(YieldLabel, { name: 'YieldLabel' });

/** Protection offered on a product; the last three are prohibited (GUAR-001). */
export enum GuaranteeType {
  NONE = 'NONE',
  THIRD_PARTY_GUARANTEE = 'THIRD_PARTY_GUARANTEE',
  CREDIT_INSURANCE = 'CREDIT_INSURANCE',
  PLATFORM_GUARANTEE = 'PLATFORM_GUARANTEE',
  RISK_RESERVE_FUND = 'RISK_RESERVE_FUND',
  PLATFORM_BUYBACK = 'PLATFORM_BUYBACK',
}
registerEnumType(GuaranteeType, { name: 'GuaranteeType' });

/** How a lender can get out before term. */
export enum ExitMechanism {
  HOLD_TO_MATURITY = 'HOLD_TO_MATURITY',
  TRANSFER_MARKET = 'TRANSFER_MARKET',
  AUTO_TRANSFER_AT_TERM = 'AUTO_TRANSFER_AT_TERM',
  PLATFORM_BUYBACK = 'PLATFORM_BUYBACK',
  DEMAND_REDEMPTION = 'DEMAND_REDEMPTION',
}
registerEnumType(ExitMechanism, { name: 'ExitMechanism' });

/** Where a filing came from. */
export enum Provenance {
  SUBMITTED = 'SUBMITTED',
  IMPORTED = 'IMPORTED',
}
registerEnumType(Provenance, { name: 'Provenance', description: 'SUBMITTED through the API, or IMPORTED from historical records by an association.' });
