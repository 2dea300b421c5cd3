import { emptyRoot, foldRight, splitPoint } from './merkle';

// Proof generation over stored complete-subtree hashes. Every node an RFC 9162 proof needs is the hash
// of a leaf range the §2.1 recursion produces: either a complete subtree (2^level leaves, aligned) or a
// range running to the tree's incomplete right edge, which is the right fold of at most log2(n) complete
// subtrees. So a proof needs O(log n) reads, issued together (a store can batch them, e.g. a DataLoader).

/** Reader of stored hashes of complete subtrees: 2^level leaves starting at leaf index * 2^level. */
export interface SubtreeHashes {
  /** The hash of that complete subtree; it must exist in the tree the caller asks about. */
  get(level: number, index: number): Promise<Buffer>;
}

/** Coordinates of one complete subtree. */
export interface SubtreeId {
  level: number;
  index: number;
}

/** A half-open leaf range [lo, hi). */
type LeafRange = readonly [lo: number, hi: number];

/**
 * Splits the leaf range [lo, hi) into complete subtrees, largest first. The range must be one the RFC
 * recursion produces: lo a multiple of the smallest power of two >= hi - lo (e.g. lo = 0).
 */
export function completeSubtrees(lo: number, hi: number): SubtreeId[] {
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || lo < 0 || hi < lo) {
    throw new RangeError(`bad leaf range [${lo}, ${hi})`);
  }
  let size = 1;
  let level = 0;
  while (size < hi - lo) [size, level] = [size * 2, level + 1];
  if (lo % size !== 0) throw new RangeError(`leaf range [${lo}, ${hi}) is not aligned`);
  const out: SubtreeId[] = [];
  for (let p = lo; p < hi; p += size) {
    while (p + size > hi) [size, level] = [size / 2, level - 1];
    out.push({ level, index: p / size });
  }
  return out;
}

/** Hash of the leaf range [lo, hi) (aligned as for completeSubtrees) from its complete subtrees. */
export async function rangeHash(hashes: SubtreeHashes, lo: number, hi: number): Promise<Buffer> {
  const parts = await Promise.all(completeSubtrees(lo, hi).map((s) => hashes.get(s.level, s.index)));
  return foldRight(parts);
}

/** Root hash of the tree of the first `size` leaves (the empty-tree hash for size 0). */
export async function rootHash(hashes: SubtreeHashes, size: number): Promise<Buffer> {
  return size === 0 ? emptyRoot() : rangeHash(hashes, 0, size);
}

/** RFC 9162 §2.1.3.1 inclusion proof (audit path) for the leaf at `index` in the tree of `size` leaves. */
export async function inclusionProof(hashes: SubtreeHashes, index: number, size: number): Promise<Buffer[]> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new RangeError(`leaf index ${index} is not in a tree of size ${size}`);
  }
  const siblings: LeafRange[] = [];
  let [lo, hi] = [0, size];
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      siblings.push([lo + k, hi]);
      hi = lo + k;
    } else {
      siblings.push([lo, lo + k]);
      lo += k;
    }
  }
  return readRanges(hashes, siblings.reverse());
}

/**
 * RFC 9162 §2.1.4.1 consistency proof from the tree of `size1` leaves to the tree of `size2` leaves
 * (empty when the sizes are equal; size1 must be at least 1).
 */
export async function consistencyProof(hashes: SubtreeHashes, size1: number, size2: number): Promise<Buffer[]> {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 1 || size1 > size2) {
    throw new RangeError(`no consistency proof from tree size ${size1} to ${size2}`);
  }
  if (size1 === size2) return [];
  const siblings: LeafRange[] = [];
  let [lo, hi] = [0, size2];
  let whole = true;
  while (size1 - lo !== hi - lo) {
    const k = splitPoint(hi - lo);
    if (size1 - lo <= k) {
      siblings.push([lo + k, hi]);
      hi = lo + k;
    } else {
      siblings.push([lo, lo + k]);
      lo += k;
      whole = false;
    }
  }
  const nodes: LeafRange[] = whole ? [] : [[lo, hi]];
  return readRanges(hashes, [...nodes, ...siblings.reverse()]);
}

function readRanges(hashes: SubtreeHashes, ranges: readonly LeafRange[]): Promise<Buffer[]> {
  return Promise.all(ranges.map(([lo, hi]) => rangeHash(hashes, lo, hi)));
}
