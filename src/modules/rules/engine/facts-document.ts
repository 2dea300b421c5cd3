import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { RuleInput } from './facts';
import { RULE_FIELDS } from './rule-types';

/**
 * The facts of one evaluation as a public document anyone can re-run the rules on: the four variables as
 * JSON with every integer as a decimal string (as in the ledger), in RFC 8785 canonical form, with its
 * SHA-256. `factsFromDocument` reads it back into the engine's input, integers as bigint again.
 */
export interface FactsDocument {
  document: Record<string, unknown>;
  canonical: string;
  sha256: string;
}

/** The document of an input, its canonical text and SHA-256 (hex). */
export function factsDocument(input: RuleInput): FactsDocument {
  const document = jsonSafe(input) as Record<string, unknown>;
  const canonical = canonicalize(document) as string;
  return { document, canonical, sha256: createHash('sha256').update(canonical, 'utf8').digest('hex') };
}

/** The CEL type of each field path, `prev` read as `filing` and list elements as `[]`. */
const TYPES = new Map(RULE_FIELDS.map((field) => [field.path, field.type]));

/** Reads a facts document back: the decimal strings of `int` fields (and of ctx.params) become bigint. */
export function factsFromDocument(document: Record<string, unknown>): RuleInput {
  const read = (value: unknown, path: string): unknown => {
    const type = TYPES.get(path);
    if (type === 'int' && typeof value === 'string') return BigInt(value);
    if (type === 'map<string, int>' && isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, BigInt(v as string)]));
    if (Array.isArray(value)) return value.map((item) => read(item, `${path}[]`));
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, read(item, `${path}.${key}`)]));
    return value;
  };
  return {
    platform: read(document.platform, 'platform'),
    filing: read(document.filing, 'filing'),
    prev: read(document.prev ?? null, 'filing'),
    ctx: read(document.ctx, 'ctx'),
  } as RuleInput;
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
