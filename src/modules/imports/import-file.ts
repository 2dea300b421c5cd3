import { BadInputError, FieldProblem } from '../../errors';
import { periodBounds } from '../calendar/working-days';
import { QualificationFiledStatus, QualificationType } from '../platforms/platform.enums';
import { QualificationInput } from '../platforms/platform.inputs';
import { qualificationProblems } from '../platforms/qualification.rules';
import { usccProblem } from '../platforms/uscc';
import { schemaProblems } from './import-schema';
import { nestingProblem } from './json-depth';

/** Integers in a record file: decimal strings, or JSON integers within 2^53 (see the schema's `count`). */
type Integer = number | string;

/** One record file as associations exchange them (schema/import-record.schema.json; seeds/examples/records). */
export interface ImportFile {
  ctx: { asOf: string; duePeriods: string[]; params?: Record<string, Integer> };
  platform: {
    legalName: string;
    uscc: string;
    registeredCapitalMinor: Integer;
    businessLicenseIssuedAt: string;
    onlineSince: string;
    registration: { status: string; registrationNumber: string | null; authority: string; registeredAt: string | null };
    custodyBank?: { name: string };
    relatedParties?: { relation: string; nameHash: string }[];
    qualifications: ImportedQualification[];
    websites?: string[];
    apps?: string[];
  };
  filings: ImportedFiling[];
}

/** One qualification of a record file, in the domain's lower-case form. */
export interface ImportedQualification {
  type: string;
  issuer: string;
  number: string;
  validFrom: string;
  validTo: string | null;
  documentSha256: string;
  status: string;
}

/** One filing of a record file. */
export interface ImportedFiling {
  period: string;
  currency?: string;
  submittedAt: string;
  ops: Record<string, Integer>;
  borrowerCaps: Record<string, Integer>;
  custody: Record<string, Integer>;
  products: Record<string, Integer | boolean>[];
}

/**
 * Checks a record file, listing every problem with its path under `file`: first its nesting (without
 * recursion), then the published schema, then what a schema cannot say (the USCC's check character, dates
 * against each other).
 */
export function checkImportFile(value: unknown): ImportFile {
  const tooDeep = nestingProblem(value, 'file');
  if (tooDeep) throw new BadInputError([tooDeep]);
  const problems = schemaProblems(value, 'file');
  if (problems.length) throw new BadInputError(problems);
  const file = value as ImportFile;
  const recordProblems = [
    ...checkCharacterProblems(file),
    ...timelineProblems(file),
    ...file.platform.qualifications.flatMap((q, i) => qualificationProblems(qualificationInputOf(q), `file.platform.qualifications.${i}`)),
  ];
  if (recordProblems.length) throw new BadInputError(recordProblems);
  return file;
}

/** Parses the text of a record file (the CLI reads files); JSON.parse does not recurse, so any depth is safe here. */
export function parseImportFile(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadInputError([{ path: 'file', message: `is not JSON: ${(error as Error).message}` }]);
  }
}

/** A record file's qualification as the registry's input shape. */
export function qualificationInputOf(q: ImportedQualification): QualificationInput {
  return {
    type: q.type.toUpperCase() as QualificationType,
    issuer: q.issuer,
    number: q.number,
    validFrom: new Date(q.validFrom),
    validTo: q.validTo === null ? null : new Date(q.validTo),
    documentSha256: q.documentSha256,
    // a file's `superseded` names no successor here; it no longer counts, like a revoked record
    status: q.status === 'active' ? QualificationFiledStatus.ACTIVE : QualificationFiledStatus.REVOKED,
  };
}

/** The schema checks a USCC's characters; its check character is verified here exactly as registration verifies it. */
function checkCharacterProblems(file: ImportFile): FieldProblem[] {
  const problem = usccProblem(file.platform.uscc);
  return problem ? [{ path: 'file.platform.uscc', message: problem }] : [];
}

/** Records are evaluated as of ctx.asOf, so nothing in them may happen after it, and a month is filed after it ends. */
function timelineProblems(file: ImportFile): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const asOf = Date.parse(file.ctx.asOf);
  if (asOf > Date.now()) problems.push({ path: 'file.ctx.asOf', message: 'must not be in the future' });
  file.ctx.duePeriods.forEach((period, i) => {
    if (periodBounds(period).end.getTime() >= asOf) problems.push({ path: `file.ctx.duePeriods.${i}`, message: 'had not ended by ctx.asOf' });
  });
  const seen = new Map<string, number>();
  file.filings.forEach((filing, i) => {
    const submittedAt = Date.parse(filing.submittedAt);
    if (submittedAt > asOf) {
      problems.push({ path: `file.filings.${i}.submittedAt`, message: 'is after ctx.asOf: a record cannot be evaluated before it was filed' });
    }
    if (periodBounds(filing.period).end.getTime() >= submittedAt) {
      problems.push({ path: `file.filings.${i}.period`, message: 'had not ended when the filing was submitted' });
    }
    const earlier = seen.get(filing.period);
    if (earlier !== undefined) problems.push({ path: `file.filings.${i}.period`, message: `is filed twice in this file (also file.filings.${earlier})` });
    seen.set(filing.period, earlier ?? i);
  });
  return problems;
}
