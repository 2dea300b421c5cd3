import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/canonical-json';

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
  /**
   * The inverse of `project` for public types read as of a past instant: the entity's shape (dates, 64-bit
   * integers, references as `{ id }`) rebuilt from a recorded version. Fields the record does not hold
   * are left out, or defined with `notInRecord` so that reading them says so.
   */
  revive?(record: RecordObject, entry: EntryEnvelope): T;
}

type Class<T> = abstract new (...args: never[]) => T;

const definitions = new Map<Function, RecordDefinition<never>>();
const definitionsByType = new Map<string, RecordDefinition<never>>();

/** Declares how `entityClass` enters the ledger; each domain module does so in its `x.record.ts`. */
export function defineRecord<T>(entityClass: Class<T>, definition: RecordDefinition<T>): void {
  definitions.set(entityClass, definition as RecordDefinition<never>);
  definitionsByType.set(definition.type, definition as RecordDefinition<never>);
}

/** The definition of a stable type name (`platform`, `filing`, ...), or undefined for an unknown one. */
export function recordDefinitionOfType(type: string): RecordDefinition<object> | undefined {
  return definitionsByType.get(type) as RecordDefinition<object> | undefined;
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

/** An entry's envelope and record from its canonical bytes, or their UTF-8 text (what the feed and subscriptions serve). */
export function decodeEntry(bytes: Buffer | string): EntryEnvelope {
  return JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8')) as EntryEnvelope;
}

/**
 * An entry's envelope with its record left as text: the record's exact canonical JSON (served as is), the rest
 * parsed. Canonical JSON sorts the envelope's keys (action, actor, at, id, reason, record, type, version) and
 * escapes every quote inside a string, so the first `"record":` opens the record and the last `,"type":` closes it.
 */
export function splitEntry(text: string): { envelope: Omit<EntryEnvelope, 'record'>; recordText: string } {
  const start = text.indexOf('"record":');
  const end = text.lastIndexOf(',"type":');
  if (start < 0 || end < start) throw new Error('not a ledger entry envelope: no record between its keys');
  const { record: _none, ...envelope } = JSON.parse(`${text.slice(0, start)}"record":null${text.slice(end)}`) as EntryEnvelope;
  return { envelope, recordText: text.slice(start + '"record":'.length, end) };
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

/** An instant a record holds (see `instant`) as a Date; null stays null. */
export function readInstant(value: RecordValue | undefined): Date | null {
  return typeof value === 'string' ? new Date(value) : null;
}

/** A reference a record holds (see `ref`) in the entity's shape, `{ id }`; null stays null. */
export function readRef(value: RecordValue | undefined): { id: string } | null {
  return typeof value === 'string' ? { id: value } : null;
}
