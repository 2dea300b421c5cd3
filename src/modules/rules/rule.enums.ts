import { registerEnumType } from 'type-graphql';

/** How serious a breach of the rule is. */
export enum Severity {
  CRITICAL = 'CRITICAL',
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}
registerEnumType(Severity, {
  name: 'Severity',
  description: 'How serious a breach of the rule is, from CRITICAL down to LOW.',
  valuesConfig: {
    CRITICAL: { description: 'A prohibited activity or a threat to lender funds (e.g. money outside custody).' },
    HIGH: { description: 'A serious breach of a quantitative limit or requirement.' },
    MEDIUM: { description: 'A breach that calls for an explanation.' },
    LOW: { description: 'A minor or data-quality finding.' },
  },
});

/** What a rule is about. */
export enum RuleCategory {
  QUALIFICATION = 'QUALIFICATION',
  CUSTODY = 'CUSTODY',
  FUND_POOLING = 'FUND_POOLING',
  GUARANTEE = 'GUARANTEE',
  DISCLOSURE = 'DISCLOSURE',
  MATURITY_MISMATCH = 'MATURITY_MISMATCH',
  BORROWER_CAP = 'BORROWER_CAP',
  CONCENTRATION = 'CONCENTRATION',
  CREDIT_QUALITY = 'CREDIT_QUALITY',
  DATA_INTEGRITY = 'DATA_INTEGRITY',
}
registerEnumType(RuleCategory, {
  name: 'RuleCategory',
  description: 'What a rule is about.',
  valuesConfig: {
    QUALIFICATION: { description: 'Registrations and licences the platform must hold.' },
    CUSTODY: { description: 'Lender funds held by the custody bank, and their reconciliation.' },
    FUND_POOLING: { description: 'Lender money pooled instead of matched to loans.' },
    GUARANTEE: { description: 'Guarantees and promises of principal or yield.' },
    DISCLOSURE: { description: 'What products must disclose to lenders.' },
    MATURITY_MISMATCH: { description: 'Lender terms shorter than the loans they fund.' },
    BORROWER_CAP: { description: "Caps on one borrower's outstanding balance (Interim Measures Art. 17)." },
    CONCENTRATION: { description: 'Lending concentrated on few borrowers, or growing too fast.' },
    CREDIT_QUALITY: { description: 'Overdue loans and delinquency.' },
    DATA_INTEGRITY: { description: 'Filings that are incomplete or inconsistent with themselves or the previous month.' },
  },
});

/** Lifecycle of a rule version: drafts are editable and private; published versions are immutable. */
export enum RuleVersionStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(RuleVersionStatus, {
  name: 'RuleVersionStatus',
  description: 'Lifecycle of a rule version: drafts are editable and private; published versions are immutable.',
  valuesConfig: {
    DRAFT: { description: "Editable, visible only to the association's rule editors." },
    PUBLISHED: { description: 'Immutable and public, in force from effectiveFrom.' },
  },
});

/** How a rule judged a filing: the engine's Outcome as a GraphQL enum. */
export enum RuleOutcome {
  FLAGGED = 'FLAGGED',
  PASSED = 'PASSED',
  ERROR = 'ERROR',
}
registerEnumType(RuleOutcome, {
  name: 'RuleOutcome',
  description: 'FLAGGED (the condition is true), PASSED (false), ERROR (the rule failed to evaluate on the filing: never a flag, never a pass).',
  valuesConfig: {
    FLAGGED: { description: "The rule's condition is true: the filing is flagged." },
    PASSED: { description: "The rule's condition is false." },
    ERROR: { description: 'The rule failed to evaluate on the filing: never a flag, never a pass.' },
  },
});
