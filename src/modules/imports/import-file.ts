import { PERIOD_PATTERN } from '../../shared/period';
import { BadInputError, FieldProblem } from '../../errors';

/** One record file as associations exchange them (see seeds/examples/records): a platform, its filings, ctx. */
export interface ImportFile {
  ctx: { asOf: string; duePeriods: string[]; params: Record<string, number | string> };
  platform: {
    legalName: string;
    uscc: string;
    registeredCapitalMinor: number | string;
    businessLicenseIssuedAt: string;
    onlineSince: string;
    registration: { status: string; registrationNumber: string | null; authority: string; registeredAt: string | null };
    custodyBank?: { name: string };
    relatedParties?: { relation: string; nameHash: string }[];
    qualifications: {
      type: string;
      issuer: string;
      number: string;
      validFrom: string;
      validTo: string | null;
      documentSha256: string;
      status: string;
    }[];
    websites?: string[];
    apps?: string[];
  };
  filings: ImportedFiling[];
}

/** One filing of a record file. */
export interface ImportedFiling {
  period: string;
  currency: string;
  submittedAt: string;
  ops: Record<string, number | string>;
  borrowerCaps: Record<string, number | string>;
  custody: Record<string, number | string>;
  products: Record<string, number | string | boolean>[];
}


/** Checks the parts of a record file the import relies on, listing every problem with its path under `file`. */
export function checkImportFile(value: unknown): ImportFile {
  const problems: FieldProblem[] = [];
  const need = (ok: boolean, path: string, message: string) => ok || problems.push({ path: `file.${path}`, message });
  const file = value as ImportFile;
  need(typeof file === 'object' && file !== null, '', 'must be an object');
  if (problems.length) throw new BadInputError(problems);
  need(typeof file.ctx?.asOf === 'string' && !Number.isNaN(Date.parse(file.ctx.asOf)), 'ctx.asOf', 'must be an RFC 3339 timestamp');
  need(Array.isArray(file.ctx?.duePeriods) && file.ctx.duePeriods.every((p) => PERIOD_PATTERN.test(p)), 'ctx.duePeriods', 'must be a list of YYYY-MM');
  need(typeof file.platform?.uscc === 'string' && file.platform.uscc.length === 18, 'platform.uscc', 'must be 18 characters');
  need(typeof file.platform?.legalName === 'string' && file.platform.legalName.length > 0, 'platform.legalName', 'is required');
  need(typeof file.platform?.registration?.status === 'string', 'platform.registration.status', 'is required');
  need(Array.isArray(file.platform?.qualifications), 'platform.qualifications', 'must be a list');
  need(Array.isArray(file.filings), 'filings', 'must be a list');
  (Array.isArray(file.filings) ? file.filings : []).forEach((f, i) => {
    need(PERIOD_PATTERN.test(f?.period ?? ''), `filings.${i}.period`, 'must be a month as YYYY-MM');
    need(!Number.isNaN(Date.parse(f?.submittedAt ?? '')), `filings.${i}.submittedAt`, 'must be an RFC 3339 timestamp');
    for (const section of ['ops', 'borrowerCaps', 'custody'] as const) {
      need(typeof f?.[section] === 'object' && f[section] !== null, `filings.${i}.${section}`, 'is required');
      for (const [key, v] of Object.entries(f?.[section] ?? {})) {
        if (typeof v === 'number') need(Number.isSafeInteger(v) && v >= 0, `filings.${i}.${section}.${key}`, 'must be a whole number, not negative');
      }
    }
    need(Array.isArray(f?.products), `filings.${i}.products`, 'must be a list');
  });
  if (problems.length) throw new BadInputError(problems);
  return file;
}
