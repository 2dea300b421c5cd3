import fs from 'node:fs';
import path from 'node:path';
import { formatSignerKey, generateNoteKey, NoteSigningKey, parseSignerKey } from './note-keys';

/** The key file cannot serve: unreadable, malformed, readable by others, or for another origin. */
export class LogKeyError extends Error {
  override name = 'LogKeyError';
}

/**
 * The log's Ed25519 signing key, kept in `file` (outside the database) as a Go-style signer key line
 * `PRIVATE+KEY+<origin>+<id>+<base64>`. Created on first use with mode 0600 (never overwritten: two
 * processes starting together end up with the same key); the key's name is the log's origin. Never log
 * the key or the file's content.
 */
export function loadOrCreateLogKey(file: string, origin: string): NoteSigningKey {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, `${formatSignerKey(generateNoteKey(origin))}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return loadLogKey(file, origin);
}

/**
 * The log's signing key from `file`, which must exist (the caller says where it should be): refused when
 * readable by others, malformed or for another origin. Never creates one.
 */
export function loadLogKey(file: string, origin: string): NoteSigningKey {
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
    throw new LogKeyError(`The log signing key ${file} is readable by others: chmod 600 it.`);
  }
  let key: NoteSigningKey;
  try {
    key = parseSignerKey(fs.readFileSync(file, 'utf8').trim());
  } catch {
    throw new LogKeyError(`The log signing key ${file} is not a signer key line (PRIVATE+KEY+<origin>+<id>+<key>).`);
  }
  if (key.name !== origin) {
    throw new LogKeyError(`The log signing key ${file} is for origin "${key.name}", but LOG_ORIGIN is "${origin}": a log's origin never changes.`);
  }
  return key;
}
