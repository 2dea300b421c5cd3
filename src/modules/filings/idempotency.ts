import { createHash } from 'node:crypto';
import { ConflictError } from '../../errors';
import { Write } from '../ledger';
import { MemberViewer } from '../accounts/viewer';
import { Filing } from './filing.entity';
import { IdempotencyKey } from './idempotency-key.entity';

/** A request under an idempotency key: the key and the hash of what was asked. */
export interface KeyedRequest {
  key: string;
  requestSha256: string;
}

/** Describes a request for idempotency: the operation name and its input, canonically hashed. */
export function keyedRequest(key: string | null | undefined, operation: string, input: object): KeyedRequest | null {
  if (!key) return null;
  const { idempotencyKey: _ignored, ...payload } = input as Record<string, unknown>;
  return { key, requestSha256: createHash('sha256').update(operation).update(requestJson(payload)).digest('hex') };
}

/**
 * The filing stored earlier under this key by this credential, or null when the key is new. The same
 * key with a different payload is refused: a retry must repeat the request exactly.
 */
export async function replayed(write: Write, viewer: MemberViewer, request: KeyedRequest | null): Promise<Filing | null> {
  if (!request) return null;
  const earlier = await write.em.findOne(IdempotencyKey, { tokenId: viewer.tokenId, key: request.key }, { populate: ['filing'] });
  if (!earlier) return null;
  if (earlier.requestSha256 !== request.requestSha256) {
    throw new ConflictError(
      `Idempotency key "${request.key}" was already used for a different request. Use a new key for a new request.`,
      'IDEMPOTENCY_KEY_REUSED',
    );
  }
  return earlier.filing;
}

/** Remembers the result of a keyed request, in the same transaction as the write. */
export function rememberKey(write: Write, viewer: MemberViewer, request: KeyedRequest | null, filing: Filing): void {
  if (!request) return;
  write.em.persist(write.em.create(IdempotencyKey, { tokenId: viewer.tokenId, ...request, filing, createdAt: write.at }));
}

/**
 * A request's fingerprint text: JSON of the GraphQL input with object keys sorted at every level and bigints as
 * decimal strings. Only compared with itself (same key, same request), never published.
 */
function requestJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(requestJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${requestJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(typeof value === 'bigint' ? value.toString() : value);
}
