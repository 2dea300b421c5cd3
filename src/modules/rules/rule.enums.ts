import { registerEnumType } from 'type-graphql';

/** How serious a breach of the rule is. */
export enum Severity {
  CRITICAL = 'CRITICAL',
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}
registerEnumType(Severity, { name: 'Severity' });

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
registerEnumType(RuleCategory, { name: 'RuleCategory' });

/** Lifecycle of a rule version: drafts are editable and private; published versions are immutable. */
export enum RuleVersionStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(RuleVersionStatus, { name: 'RuleVersionStatus' });

/** How a rule judged a filing: the engine's Outcome as a GraphQL enum. */
export enum RuleOutcome {
  FLAGGED = 'FLAGGED',
  PASSED = 'PASSED',
  ERROR = 'ERROR',
}
registerEnumType(RuleOutcome, {
  name: 'RuleOutcome',
  description: 'FLAGGED (the condition is true), PASSED (false), ERROR (the rule failed to evaluate on the filing: never a flag, never a pass).',
});
