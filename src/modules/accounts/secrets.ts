import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'frt_';

/** A new high-entropy token secret (256 random bits). */
export function newTokenSecret(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/** SHA-256 of a secret: enough for 256-bit random secrets, and lets lookups use an index. */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
