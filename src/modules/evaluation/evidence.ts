import type { ReadPath } from './ast';
import type { RuleInput } from './facts';
import { isRecord, jsonSafe } from '../../shared/canonical-json';

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
