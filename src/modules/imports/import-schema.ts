import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { isURL } from 'class-validator';
import schemaDocument from '../../../schema/import-record.schema.json';
import { FieldProblem } from '../../errors';
import { dateToUtcMs } from '../calendar/dates';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** RFC 3339 with an offset, a real calendar date and a year from 1900 (PostgreSQL and the calendar take what JS parses). */
function isTimestamp(value: string): boolean {
  const match = TIMESTAMP.exec(value);
  if (!match || Number(value.slice(0, 4)) < 1900) return false;
  try {
    dateToUtcMs(match[1]);
    return true;
  } catch {
    return false;
  }
}

// allErrors: every problem of a file is listed at once; verbose: errors carry their schema, whose
// `errorMessage` annotation (the ajv-errors keyword name, used here as a plain annotation) is the message.
// Compiled on the first import, not at load: it costs about half a second that no boot should pay.
let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
  ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
  ajv.addFormat('int64', { type: 'string', validate: (s) => /^-?\d{1,19}$/.test(s) && BigInt(s) >= INT64_MIN && BigInt(s) <= INT64_MAX });
  ajv.addFormat('date-time', { type: 'string', validate: isTimestamp });
  ajv.addFormat('http-url', { type: 'string', validate: (s) => isURL(s, { require_protocol: true, protocols: ['http', 'https'] }) });
  compiled = ajv.compile(schemaDocument);
  return compiled;
}

/**
 * Checks a record file against the published schema; returns every problem with its dotted path under
 * `root` (e.g. `file.filings.0.ops.newLoanAmountMinor`). Run `nestingProblem` first: ajv recurses.
 */
export function schemaProblems(value: unknown, root: string): FieldProblem[] {
  const validate = validator();
  if (validate(value)) return [];
  const unique = new Map<string, FieldProblem>();
  // a propertyNames error only repeats the failure of its subschema, which names the key and says why
  for (const error of (validate.errors ?? []).filter((e) => e.keyword !== 'propertyNames')) {
    const problem = { path: pathOf(error, root), message: messageOf(error) };
    unique.set(`${problem.path} ${problem.message}`, problem);
  }
  return [...unique.values()];
}

function pathOf(error: ErrorObject, root: string): string {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const child = error.params.missingProperty ?? error.params.additionalProperty ?? error.propertyName;
  return [root, ...segments, ...(child === undefined ? [] : [child])].join('.');
}

function messageOf(error: ErrorObject): string {
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'additionalProperties') return 'is not part of the import format (see schema/import-record.schema.json)';
  if (error.keyword === 'enum') return `must be one of: ${(error.params.allowedValues as string[]).join(', ')}`;
  if (error.keyword === 'const') return `must be ${error.params.allowedValue}`;
  return error.parentSchema?.errorMessage ?? error.message ?? 'is invalid';
}
