import type { ReadPath } from './ast';
import type { RuleInput } from './facts';

/**
 * The values a rule read, by field path, JSON-safe: integers as decimal strings, missing as null. `seen` holds
 * the values already read in this evaluation, so a path shared by several rules is walked and copied once.
 */
export function readValues(reads: readonly ReadPath[], input: RuleInput, seen: Map<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const read of reads) {
    let value = seen.get(read.path);
    if (value === undefined) {
      value = input[read.root];
      for (const field of read.fields) value = isRecord(value) ? value[field] : undefined;
      value = jsonSafe(value);
      seen.set(read.path, value);
    }
    values[read.path] = value;
  }
  return values;
}

/** A deep copy that JSON.stringify accepts unchanged: bigint becomes its decimal string, undefined null. */
function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (isRecord(value)) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = jsonSafe(value[key]);
    return copy;
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
