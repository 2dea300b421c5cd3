import { sign, verify } from 'node:crypto';
import { decodeBase64, ed25519PrivateKey, ed25519PublicKey, isValidKeyName, NoteSigningKey, NoteVerifier } from './note-keys';

// C2SP signed notes (https://c2sp.org/signed-note): the text (ending in a newline), a blank line, then
// one line per signature: em dash U+2014, space, key name, space, base64(4-byte key id || signature).

/** Most signature lines a note may carry (the spec requires accepting at least 16). */
const MAX_NOTE_SIGNATURES = 100;

/** A note that is malformed, carries a bad signature from a known key, or none from any known key. */
export class NoteError extends Error {
  override name = 'NoteError';
}

/** One signature line of a note. */
export interface NoteSignature {
  name: string;
  keyId: number;
  signature: Buffer;
}

/** A note whose signatures were checked. */
export interface OpenedNote {
  /** The signed text, final newline included. */
  text: string;
  /** Signatures by known keys, all verified. */
  verified: NoteSignature[];
  /** Signatures by keys the caller did not name (ignored, per the spec). */
  unknown: NoteSignature[];
}

const DASH = '\u2014 ';

/** Signs `text` with each key and returns the signed note. */
export function signNote(text: string, keys: readonly NoteSigningKey[]): string {
  checkText(text);
  if (keys.length === 0) throw new NoteError('a note needs at least one signature');
  const bytes = Buffer.from(text, 'utf8');
  const lines = keys.map((key) => {
    const id = Buffer.alloc(4);
    id.writeUInt32BE(key.keyId);
    const signature = sign(null, bytes, ed25519PrivateKey(key.seed));
    return `${DASH}${key.name} ${Buffer.concat([id, signature]).toString('base64')}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/**
 * Parses a signed note and verifies its signatures against the given verifiers. Signatures by unknown
 * keys are ignored; a bad signature by a known key, or no verified signature at all, is refused.
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures } = parseNote(note);
  const bytes = Buffer.from(text, 'utf8');
  const verified: NoteSignature[] = [];
  const unknown: NoteSignature[] = [];
  for (const sig of signatures) {
    const key = verifiers.find((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (!key) {
      unknown.push(sig);
    } else if (!verify(null, bytes, ed25519PublicKey(key.publicKey), sig.signature)) {
      throw new NoteError(`invalid signature for key ${sig.name}+${sig.keyId.toString(16).padStart(8, '0')}`);
    } else if (!verified.some((v) => v.name === sig.name && v.keyId === sig.keyId)) {
      verified.push(sig);
    }
  }
  if (verified.length === 0) throw new NoteError('note has no signature by a known key');
  return { text, verified, unknown };
}

/** Splits a note into its text and signature lines without checking any signature. */
export function parseNote(note: string | Uint8Array): { text: string; signatures: NoteSignature[] } {
  const message = typeof note === 'string' ? note : decodeUtf8(note);
  const split = message.lastIndexOf('\n\n');
  if (split < 0 || !message.endsWith('\n')) throw new NoteError('malformed note');
  checkText(message);
  const text = message.slice(0, split + 1);
  const lines = message.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw new NoteError('malformed note: too many signatures');
  return { text, signatures: lines.map(parseSignatureLine) };
}

function parseSignatureLine(line: string): NoteSignature {
  const match = /^\u2014 ([^ ]+) ([^ ]+)$/u.exec(line);
  const raw = match ? decodeBase64(match[2]) : undefined;
  if (!match || !isValidKeyName(match[1]) || !raw || raw.length < 5) {
    throw new NoteError('malformed note: bad signature line');
  }
  return { name: match[1], keyId: raw.readUInt32BE(0), signature: raw.subarray(4) };
}

function checkText(text: string): void {
  if (!text.endsWith('\n')) throw new NoteError('malformed note: the text must end in a newline');
  if (/[\x00-\x09\x0b-\x1f]/.test(text)) throw new NoteError('malformed note: control character');
  if (Buffer.from(text, 'utf8').toString('utf8') !== text) throw new NoteError('malformed note: not UTF-8');
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new NoteError('malformed note: not UTF-8');
  }
}
