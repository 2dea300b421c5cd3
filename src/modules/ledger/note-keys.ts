import { createHash, createPrivateKey, createPublicKey, KeyObject, randomBytes } from 'node:crypto';

// Ed25519 keys for C2SP signed notes (https://c2sp.org/signed-note), as raw key material: a 32-byte
// seed (the RFC 8032 private key) and a 32-byte public key. Text forms: the verifier key
// `<name>+<hex key id>+<base64(0x01 || public key)>` of the spec, and for storage Go's signer key
// `PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 || seed)>` (golang.org/x/mod/sumdb/note).

const ED25519 = 0x01;
const KEY_SIZE = 32;
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const SIGNER_PREFIX = 'PRIVATE+KEY+';

/** A malformed key, or a key whose id does not match its name and material. */
export class NoteKeyError extends Error {
  override name = 'NoteKeyError';
}

/** A signing key: its name, its 32-byte seed, 32-byte public key and 4-byte key id. */
export interface NoteSigningKey {
  name: string;
  seed: Buffer;
  publicKey: Buffer;
  keyId: number;
}

/** A verifier: the name, key id and 32-byte public key of a signer. */
export interface NoteVerifier {
  name: string;
  keyId: number;
  publicKey: Buffer;
}

/** True when `name` can name a key: non-empty, well-formed, no Unicode spaces and no plus sign. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s\u0085+]/u.test(name) && Buffer.from(name, 'utf8').toString('utf8') === name;
}

/** Key id = first 4 bytes (big-endian) of SHA-256(name || 0x0A || 0x01 || public key). */
export function noteKeyId(name: string, publicKey: Buffer): number {
  return createHash('sha256').update(`${name}\n`).update(Buffer.of(ED25519)).update(publicKey).digest().readUInt32BE(0);
}

/** A new random signing key under `name`. */
export function generateNoteKey(name: string): NoteSigningKey {
  return noteKeyFromSeed(name, randomBytes(KEY_SIZE));
}

/** The signing key with this name and 32-byte seed (the public key and key id are derived). */
export function noteKeyFromSeed(name: string, seed: Buffer): NoteSigningKey {
  if (!isValidKeyName(name)) throw new NoteKeyError(`invalid key name ${JSON.stringify(name)}`);
  if (seed.length !== KEY_SIZE) throw new NoteKeyError(`an Ed25519 seed is ${KEY_SIZE} bytes`);
  const spki = createPublicKey(ed25519PrivateKey(seed)).export({ format: 'der', type: 'spki' });
  const publicKey = Buffer.from(spki.subarray(SPKI_PREFIX.length));
  return { name, seed: Buffer.from(seed), publicKey, keyId: noteKeyId(name, publicKey) };
}

/** The verifier key string `<name>+<hex key id>+<base64(0x01 || public key)>` of a key. */
export function formatVerifierKey(key: NoteVerifier): string {
  return [key.name, hexId(key.keyId), Buffer.concat([Buffer.of(ED25519), key.publicKey]).toString('base64')].join('+');
}

/** Parses a verifier key string; refuses malformed ones, other algorithms and mismatched key ids. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const [name, publicKey, keyId] = parseKeyParts(vkey);
  const want = noteKeyId(name, publicKey);
  if (keyId !== want) throw new NoteKeyError('verifier key id does not match its name and public key');
  return { name, keyId, publicKey };
}

/** The signer key string `PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 || seed)>` (keep it secret). */
export function formatSignerKey(key: NoteSigningKey): string {
  return SIGNER_PREFIX + [key.name, hexId(key.keyId), Buffer.concat([Buffer.of(ED25519), key.seed]).toString('base64')].join('+');
}

/** Parses a signer key string; refuses malformed ones and key ids that do not match the seed. */
export function parseSignerKey(skey: string): NoteSigningKey {
  if (!skey.startsWith(SIGNER_PREFIX)) throw new NoteKeyError('a signer key starts with PRIVATE+KEY+');
  const [name, seed, keyId] = parseKeyParts(skey.slice(SIGNER_PREFIX.length));
  const key = noteKeyFromSeed(name, seed);
  if (key.keyId !== keyId) throw new NoteKeyError('signer key id does not match its name and seed');
  return key;
}

/** The node:crypto private key object for a 32-byte Ed25519 seed. */
export function ed25519PrivateKey(seed: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** The node:crypto public key object for a 32-byte Ed25519 public key. */
export function ed25519PublicKey(publicKey: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
}

/** Decodes strict (canonical, padded) standard base64, or returns undefined. */
export function decodeBase64(text: string): Buffer | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

function hexId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

/** Splits `<name>+<hex id>+<base64>` (the base64 part may itself contain plus signs). */
function parseKeyParts(text: string): [name: string, material: Buffer, keyId: number] {
  const [name, id, ...rest] = text.split('+');
  if (id === undefined || rest.length === 0) throw new NoteKeyError('a key has three parts separated by +');
  const encoded = rest.join('+');
  const material = decodeBase64(encoded);
  if (!isValidKeyName(name)) throw new NoteKeyError(`invalid key name ${JSON.stringify(name)}`);
  if (!/^[0-9a-f]{8}$/.test(id)) throw new NoteKeyError('a key id is 8 lowercase hex digits');
  if (!material || material.length !== 1 + KEY_SIZE || material[0] !== ED25519) {
    throw new NoteKeyError('only Ed25519 keys (type 0x01, 32 bytes) are supported');
  }
  return [name, material.subarray(1), parseInt(id, 16)];
}
