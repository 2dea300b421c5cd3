import canonicalize from 'canonicalize';

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

/** A deep copy that JSON.stringify accepts unchanged: bigint becomes its decimal string, undefined null. */
export function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (isRecord(value)) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) if (value[key] !== undefined) copy[key] = jsonSafe(value[key]);
    return copy;
  }
  return value;
}

/** A non-array object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
