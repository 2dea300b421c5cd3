import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** A JSON value as public records hold it: integers as decimal strings, instants as RFC 3339 UTC strings. */
export type RecordValue = string | number | boolean | null | RecordValue[] | { [key: string]: RecordValue };

/** A record: the explicit projection of one entity version. */
export type RecordObject = { [key: string]: RecordValue };

/** How one entity class enters the ledger. */
export interface RecordDefinition<T> {
  /** Stable type name in entries, e.g. `filing`; never renamed. */
  type: string;
  /** Whether this version belongs to the public log; private versions (credentials, staff, drafts) stay in the ledger's private part. */
  isPublic(entity: T): boolean;
  /** The record, listed field by field: what anyone may read (public) or what the registry keeps (private); never a secret. */
  project(entity: T): RecordObject;
}

type Class<T> = abstract new (...args: never[]) => T;

const definitions = new Map<Function, RecordDefinition<never>>();

/** Declares how `entityClass` enters the ledger; each domain module does so in its `x.record.ts`. */
export function defineRecord<T>(entityClass: Class<T>, definition: RecordDefinition<T>): void {
  definitions.set(entityClass, definition as RecordDefinition<never>);
}

/** The definition for `entity`'s class (or `entityClass`, for a plain row shaped like it), or undefined for classes outside the ledger. */
export function recordDefinitionOf(entity: object, entityClass: Function = entity.constructor): RecordDefinition<object> | undefined {
  return definitions.get(entityClass) as RecordDefinition<object> | undefined;
}

/** Every defined entity class (to check that every versioned entity has a record). */
export function definedClasses(): Function[] {
  return [...definitions.keys()];
}

/** An entry: one entity version with who, when and why; its canonical bytes are a leaf of the log when public. */
export interface EntryEnvelope {
  type: string;
  id: string;
  version: number;
  action: string;
  at: string;
  actor: { organisation: string; role: string | null };
  reason: string | null;
  record: RecordObject;
}

/** The entry's exact bytes (RFC 8785 canonical JSON, UTF-8) and their SHA-256. */
export function encodeEntry(envelope: EntryEnvelope): { bytes: Buffer; sha256: Buffer } {
  const bytes = Buffer.from(canonicalJson(envelope), 'utf8');
  return { bytes, sha256: createHash('sha256').update(bytes).digest() };
}

/**
 * RFC 8785 canonical JSON, exactly as the `canonicalize` package writes it (the verifier's and the tests'
 * reference). For plain JSON values it is JSON.stringify of a copy whose object keys are inserted in
 * canonical order: the same escaping and numbers, and a flat string. The package concatenates nested
 * template strings, and encoding its result first flattens it, which took as long again as writing it
 * (about 13 us per flag entry in all). Anything else (an integer-like key, which JavaScript would put
 * first, `__proto__`, a toJSON method, a function, bigint, NaN or Infinity, an array with holes) goes to
 * the package.
 */
export function canonicalJson(value: unknown): string {
  const sorted = sortedCopy(value);
  return sorted === OTHER ? (canonicalize(value) as string) : JSON.stringify(sorted);
}

const OTHER = Symbol('not plain JSON');
const INDEX_LIKE = /^(0|[1-9][0-9]*)$/;

/** A copy of a plain JSON value with object keys in canonical order (UTF-16 code units), or OTHER. */
function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return isFinite(value) ? value : OTHER;
  if (typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') return OTHER;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      // the package skips holes, JSON.stringify writes null
      if (!(i in value)) return OTHER;
      const item: unknown = value[i];
      const sorted = item === undefined || typeof item === 'symbol' ? null : sortedCopy(item);
      if (sorted === OTHER) return OTHER;
      copy.push(sorted);
    }
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'symbol') continue;
    const sorted = sortedCopy(item);
    if (sorted === OTHER || INDEX_LIKE.test(key) || key === '__proto__') return OTHER;
    copy[key] = sorted;
  }
  return copy;
}

/** An instant as records hold it: RFC 3339 UTC with milliseconds; null stays null. */
export function instant(value: Date | null | undefined): string | null {
  return value ? value.toISOString() : null;
}

/** A 64-bit integer as records hold it: a decimal string. */
export function integer(value: bigint | number): string {
  return value.toString();
}

/** A reference to another record: its id; null stays null. */
export function ref(value: { id: string } | null | undefined): string | null {
  return value ? value.id : null;
}
