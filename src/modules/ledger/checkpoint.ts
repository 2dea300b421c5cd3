import { HASH_SIZE } from './merkle';
import { decodeBase64, NoteSigningKey, NoteVerifier } from './note-keys';
import { NoteError, openNote, signNote } from './note';

// C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): a signed note whose text is the log's
// origin line, its tree size in decimal, and the base64 root hash, each ending in a newline, then
// optional non-empty extension lines.

/** A log's tree head at some size. */
export interface Checkpoint {
  /** The log's identity, e.g. `registry.example.org/log`. */
  origin: string;
  /** Number of leaves in the tree. */
  size: number;
  /** RFC 6962 root hash of the tree at that size. */
  root: Buffer;
  /** Optional extension lines (not recommended by the spec). */
  extensions?: string[];
}

/** The checkpoint's note text: origin, size and base64 root, each line ending in a newline. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, root, extensions = [] } = checkpoint;
  if (origin.length === 0 || /[\x00-\x1f]/.test(origin)) throw new NoteError('invalid checkpoint origin');
  if (!Number.isSafeInteger(size) || size < 0) throw new NoteError(`invalid tree size ${size}`);
  if (root.length !== HASH_SIZE) throw new NoteError(`a root hash is ${HASH_SIZE} bytes`);
  if (extensions.some((line) => line.length === 0 || /[\x00-\x1f]/.test(line))) {
    throw new NoteError('invalid checkpoint extension line');
  }
  return [origin, String(size), root.toString('base64'), ...extensions].map((line) => `${line}\n`).join('');
}

/** Parses a checkpoint's note text; refuses anything not exactly in the tlog-checkpoint format. */
export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.pop() !== '' || lines.length < 3 || lines.some((line) => line.length === 0)) {
    throw new NoteError('malformed checkpoint');
  }
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  const size = Number(sizeLine);
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine) || !Number.isSafeInteger(size)) throw new NoteError('malformed checkpoint size');
  const root = decodeBase64(rootLine);
  if (!root || root.length !== HASH_SIZE) throw new NoteError('malformed checkpoint root hash');
  return extensions.length > 0 ? { origin, size, root, extensions } : { origin, size, root };
}

/** Signs a checkpoint with the log's key: the complete signed note to serve at `/checkpoint`. */
export function signCheckpoint(checkpoint: Checkpoint, key: NoteSigningKey): string {
  return signNote(formatCheckpoint(checkpoint), [key]);
}

/**
 * Verifies a signed checkpoint against the given verifiers (see openNote) and parses it; when `origin`
 * is given, a checkpoint of another log is refused.
 */
export function openCheckpoint(note: string | Uint8Array, verifiers: readonly NoteVerifier[], origin?: string): Checkpoint {
  const checkpoint = parseCheckpoint(openNote(note, verifiers).text);
  if (origin !== undefined && checkpoint.origin !== origin) {
    throw new NoteError(`checkpoint is for origin ${JSON.stringify(checkpoint.origin)}, not ${JSON.stringify(origin)}`);
  }
  return checkpoint;
}
