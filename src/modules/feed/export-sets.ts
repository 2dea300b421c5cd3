/** One exported set: the public records of one entity type, and the record fields its CSV has a column for. */
export interface ExportSet {
  /** File name without extension, e.g. `filings`. */
  name: string;
  /** The ledger's stable type name of its records. */
  entityType: string;
  /** Top-level record fields, one CSV column each (nested values as JSON text; empty where an older entry lacks the field). */
  columns: readonly string[];
}

/** The bulk exports, each the latest public version of every record of its type. */
export const EXPORT_SETS: readonly ExportSet[] = [
  {
    name: 'platforms',
    entityType: 'platform',
    columns: ['association', 'legalName', 'formerNames', 'uscc', 'registeredCapitalMinor', 'businessLicenseIssuedAt', 'onlineSince', 'websites', 'apps', 'custodyBankName', 'relatedParties', 'regulatorRegistration', 'attestation', 'registryStatus', 'createdAt'],
  },
  {
    name: 'qualifications',
    entityType: 'qualification',
    columns: ['platform', 'type', 'issuer', 'number', 'validFrom', 'validTo', 'documentSha256', 'status', 'supersedes', 'createdAt'],
  },
  {
    name: 'filings',
    entityType: 'filing',
    columns: ['platform', 'period', 'amendment', 'supersedes', 'provenance', 'currency', 'periodStart', 'periodEnd', 'dueAt', 'submittedAt', 'amendmentReason', 'importContext', 'content', 'contentSha256', 'factsSha256', 'evaluatedRuleVersions', 'createdAt'],
  },
  {
    name: 'flags',
    entityType: 'flag',
    columns: ['platform', 'filing', 'period', 'ruleVersion', 'ruleCode', 'severity', 'category', 'status', 'evidence', 'raisedAt', 'statusChangedAt', 'statusReason', 'caseState', 'caseChangedAt', 'caseCarriedFrom'],
  },
  {
    name: 'rules',
    entityType: 'rule-version',
    columns: ['rule', 'number', 'status', 'title', 'text', 'basis', 'threshold', 'category', 'severity', 'expression', 'retires', 'effectiveFrom', 'publishedAt'],
  },
];

/** The two formats of every set. */
export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;

/** An export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
