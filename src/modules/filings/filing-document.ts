import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/canonical-json';
import { FilingContentInput } from './filing-content';

/** Product fields whose GraphQL enum values are stored in the domain's lower-case form. */
const ENUM_KEYS = new Set(['kind', 'yieldLabel', 'guaranteeType', 'exitMechanism']);

/** Integer fields whose names do not end in a unit suffix. */
const OTHER_INTEGER_KEYS = new Set(['reconciliationDaysMissed', 'underlyingLoanTermDaysMax']);

const integerKeys = new Map<string, boolean>();

/** Integer fields follow the domain's unit suffixes (plus the few named differently); decided once per field name. */
function isIntegerKey(key: string): boolean {
  let integer = integerKeys.get(key);
  if (integer === undefined) {
    integer = /(Minor|Bps|Days|Count)$/.test(key) || OTHER_INTEGER_KEYS.has(key);
    // field names come from the schema: a handful
    if (integerKeys.size < 1000) integerKeys.set(key, integer);
  }
  return integer;
}

/** A filing's figures as stored: the domain format, with integers as decimal strings (exact in JSON). */
export interface StoredFilingContent {
  ops: Record<string, string>;
  borrowerCaps: Record<string, string>;
  custody: Record<string, string>;
  products: Record<string, string | boolean>[];
}

type Plain = Record<string, unknown>;

/** A copy of `value` with `map` applied to each field (a loop: this runs for every filing a rule reads). */
function mapEntries(value: Plain, map: (key: string, v: unknown) => unknown): Plain {
  const mapped: Plain = {};
  // field names are the schema's (no `__proto__`): plain assignment keeps them in order
  for (const key of Object.keys(value)) mapped[key] = map(key, value[key]);
  return mapped;
}

function mapDocument(content: Plain, map: (key: string, v: unknown) => unknown): Plain {
  return mapEntries(content, (section, value) =>
    Array.isArray(value) ? value.map((item) => mapEntries(item as Plain, map)) : mapEntries(value as Plain, map),
  );
}

/** Input (bigints, upper-case enums) to the stored domain format. */
export function storedContent(input: FilingContentInput): StoredFilingContent {
  const plain = { ops: input.ops, borrowerCaps: input.borrowerCaps, custody: input.custody, products: input.products } as unknown as Plain;
  return mapDocument(plain, (key, v) => {
    if (typeof v === 'bigint') return v.toString();
    if (ENUM_KEYS.has(key) && typeof v === 'string') return v.toLowerCase();
    return v;
  }) as unknown as StoredFilingContent;
}

/** Stored content with integers as BigInt and enums in domain form: what rules evaluate. */
export function contentFacts(stored: StoredFilingContent): Plain {
  return mapDocument(stored as unknown as Plain, (key, v) => (isIntegerKey(key) && typeof v === 'string' ? BigInt(v) : v));
}

/** Stored content in the GraphQL output shape (BigInt, upper-case enums). */
export function contentOutput(stored: StoredFilingContent): Plain {
  return mapDocument(stored as unknown as Plain, (key, v) => {
    if (isIntegerKey(key) && typeof v === 'string') return BigInt(v);
    if (ENUM_KEYS.has(key) && typeof v === 'string') return v.toUpperCase();
    return v;
  });
}

/** SHA-256 of the content's canonical JSON (RFC 8785, as ledger entries): equal figures give equal hashes. */
export function contentHash(stored: StoredFilingContent): string {
  return createHash('sha256').update(canonicalJson(stored)).digest('hex');
}
