import { createHash, randomBytes } from 'node:crypto';
import { SubtreeHashes } from '../../../src/modules/ledger/subtrees';

// An independent reference for the tests: RFC 9162 §2.1.1 MTH written straight from the definition
// (recursive, hashing inline), and an in-memory store of complete-subtree hashes computed with it.

const sha256 = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();

/** MTH(D[lo:hi]) over the given leaf entries, by the recursive definition. */
export function referenceRoot(entries: readonly Buffer[], lo = 0, hi = entries.length): Buffer {
  const n = hi - lo;
  if (n === 0) return sha256();
  if (n === 1) return sha256(Buffer.of(0), entries[lo]);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return sha256(Buffer.of(1), referenceRoot(entries, lo, lo + k), referenceRoot(entries, lo + k, hi));
}

/** A complete-subtree store over the given entries that counts its reads. */
export class MemorySubtrees implements SubtreeHashes {
  reads = 0;
  constructor(private readonly entries: readonly Buffer[]) {}

  async get(level: number, index: number): Promise<Buffer> {
    this.reads++;
    const lo = index * 2 ** level;
    const hi = lo + 2 ** level;
    if (hi > this.entries.length) throw new Error(`subtree ${level}/${index} is not complete`);
    return referenceRoot(this.entries, lo, hi);
  }
}

/** `n` random leaf entries of random lengths up to 40 bytes. */
export function randomEntries(n: number): Buffer[] {
  return Array.from({ length: n }, () => randomBytes(Math.floor(Math.random() * 41)));
}
