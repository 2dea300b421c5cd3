import { randomBytes } from 'node:crypto';

/** Collects the raw texts of one stringifyWithRawJson call; null outside one. */
let collecting: string[] | null = null;
let nonce = '';
/** Secret per process, so no client can write a placeholder; a counter makes each call's nonce its own (no random bytes per response). */
const SECRET = randomBytes(8).toString('hex');
let calls = 0;

/**
 * A JSON value kept as its exact text (a ledger record's canonical JSON), so a response can carry it without
 * parsing it into objects and writing it out again. stringifyWithRawJson writes the text verbatim; any other
 * serializer (graphql-ws, JSON.stringify, a test) calls toJSON and gets the parsed value, the same JSON.
 */
export class RawJson {
  constructor(readonly text: string) {}

  /** The parsed value, or inside stringifyWithRawJson a placeholder it replaces with the text. */
  toJSON(): unknown {
    if (!collecting) return JSON.parse(this.text);
    collecting.push(this.text);
    return `\u0000${nonce}:${collecting.length - 1}`;
  }
}

/**
 * JSON.stringify of `value` with every RawJson written as its text. Placeholders carry a nonce no client
 * knows, so no string of the value can be taken for one.
 */
export function stringifyWithRawJson(value: unknown): string {
  const texts: string[] = [];
  collecting = texts;
  nonce = `${SECRET}${(calls = (calls + 1) % Number.MAX_SAFE_INTEGER)}`;
  let json: string;
  try {
    json = JSON.stringify(value);
  } finally {
    collecting = null;
  }
  if (!texts.length) return json;
  // JSON.stringify writes the placeholder's NUL as \u0000
  return json.replace(new RegExp(`"\\\\u0000${nonce}:(\\d+)"`, 'g'), (_match, i: string) => texts[Number(i)]);
}
