import { createHash } from 'node:crypto';
import { canonicalJson, isRecord, jsonSafe } from '../../shared/canonical-json';
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
  const canonical = canonicalJson(document);
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
