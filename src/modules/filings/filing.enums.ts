import { registerEnumType } from 'type-graphql';

/** Kind of lender product. */
export enum ProductKind {
  SINGLE_LOAN = 'SINGLE_LOAN',
  AUTO_INVEST_PLAN = 'AUTO_INVEST_PLAN',
  DEBT_TRANSFER = 'DEBT_TRANSFER',
}
registerEnumType(ProductKind, {
  name: 'ProductKind',
  description: 'Kind of product offered to lenders (domain README 3.4).',
  valuesConfig: {
    SINGLE_LOAN: { description: 'The lender funds one identified loan (a borrowing project).' },
    AUTO_INVEST_PLAN: { description: "The platform invests the lender's money across loans automatically (an automatic bidding plan)." },
    DEBT_TRANSFER: { description: 'The lender buys an existing loan claim from another lender.' },
  },
});

/** How the promised yield is labelled to lenders. */
export enum YieldLabel {
  EXPECTED_ANNUALIZED = 'EXPECTED_ANNUALIZED',
  FIXED = 'FIXED',
}
registerEnumType(YieldLabel, {
  name: 'YieldLabel',
  description: 'How the rate advertised to lenders is labelled (the Disclosure Guideline requires annualised-rate wording).',
  valuesConfig: {
    EXPECTED_ANNUALIZED: { description: 'An expected annualised rate: not a promise.' },
    FIXED: { description: 'A fixed rate, worded as certain.' },
  },
});

/** Protection offered on a product; the last three are prohibited (GUAR-001). */
export enum GuaranteeType {
  NONE = 'NONE',
  THIRD_PARTY_GUARANTEE = 'THIRD_PARTY_GUARANTEE',
  CREDIT_INSURANCE = 'CREDIT_INSURANCE',
  PLATFORM_GUARANTEE = 'PLATFORM_GUARANTEE',
  RISK_RESERVE_FUND = 'RISK_RESERVE_FUND',
  PLATFORM_BUYBACK = 'PLATFORM_BUYBACK',
}
registerEnumType(GuaranteeType, {
  name: 'GuaranteeType',
  description: 'Protection behind a product. PLATFORM_GUARANTEE, RISK_RESERVE_FUND and PLATFORM_BUYBACK are prohibited to an information intermediary (Interim Measures Art. 10(3)): GUAR-001 flags them.',
  valuesConfig: {
    NONE: { description: 'No protection: the lender bears the credit risk.' },
    THIRD_PARTY_GUARANTEE: { description: 'A guarantee by a licensed third party (not the platform or its affiliates).' },
    CREDIT_INSURANCE: { description: 'Credit or performance insurance by an insurer.' },
    PLATFORM_GUARANTEE: { description: 'The platform (or an affiliate) guarantees principal or yield: prohibited, flagged by GUAR-001.' },
    RISK_RESERVE_FUND: { description: 'A risk reserve (provision) fund run by the platform: prohibited, flagged by GUAR-001.' },
    PLATFORM_BUYBACK: { description: 'The platform buys the claim back on default: prohibited, flagged by GUAR-001.' },
  },
});

/** How a lender can get out before term. */
export enum ExitMechanism {
  HOLD_TO_MATURITY = 'HOLD_TO_MATURITY',
  TRANSFER_MARKET = 'TRANSFER_MARKET',
  AUTO_TRANSFER_AT_TERM = 'AUTO_TRANSFER_AT_TERM',
  PLATFORM_BUYBACK = 'PLATFORM_BUYBACK',
  DEMAND_REDEMPTION = 'DEMAND_REDEMPTION',
}
registerEnumType(ExitMechanism, {
  name: 'ExitMechanism',
  description: 'How a lender gets out before term. TERM-001 flags DEMAND_REDEMPTION and PLATFORM_BUYBACK outright.',
  valuesConfig: {
    HOLD_TO_MATURITY: { description: 'No early exit: the lender holds until the loans are repaid.' },
    TRANSFER_MARKET: { description: 'The lender may sell the claim to other lenders on an open transfer market (no guarantee of a buyer).' },
    AUTO_TRANSFER_AT_TERM: { description: 'At the end of the lender term the claim is transferred to other lenders automatically (a maturity mismatch).' },
    PLATFORM_BUYBACK: { description: 'The platform buys the claim back: flagged by TERM-001.' },
    DEMAND_REDEMPTION: { description: 'The lender may redeem on demand, like a deposit: flagged by TERM-001.' },
  },
});

/** Where a filing came from. */
export enum Provenance {
  SUBMITTED = 'SUBMITTED',
  IMPORTED = 'IMPORTED',
}
registerEnumType(Provenance, {
  name: 'Provenance',
  description: 'SUBMITTED through the API, or IMPORTED from historical records by an association.',
  valuesConfig: {
    SUBMITTED: { description: 'Filed by the platform through submitFiling or amendFiling.' },
    IMPORTED: { description: "Imported by the platform's association from historical records (importRecords), with the original submission time." },
  },
});
