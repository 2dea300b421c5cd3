import canonicalize from 'canonicalize';
import type { EntryEnvelope } from '../../modules/ledger/records';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Parses a public log entry and checks that its bytes are the RFC 8785 canonical JSON of an entry
 * envelope (an object naming its type, id and version). Returns the entry, or the reason it is not one.
 */
export function readEntry(bytes: Uint8Array): { entry: EntryEnvelope } | { problem: string } {
  let text: string;
  let value: unknown;
  try {
    text = utf8.decode(bytes);
    value = JSON.parse(text);
  } catch {
    return { problem: 'is not UTF-8 JSON' };
  }
  if (canonicalize(value) !== text) return { problem: 'is not canonical JSON (RFC 8785)' };
  const entry = value as EntryEnvelope;
  const named =
    typeof entry === 'object' && entry !== null && typeof entry.type === 'string' && typeof entry.id === 'string' &&
    Number.isSafeInteger(entry.version) && entry.version >= 1;
  return named ? { entry } : { problem: 'does not name a type, id and version' };
}
