import { createHash, timingSafeEqual } from 'node:crypto';

// RFC 6962 / RFC 9162 Merkle tree hashing and proof verification with SHA-256. Tree sizes and leaf
// indexes are JS numbers (safe integers, up to 2^53 - 1); bit operations are done arithmetically
// because JS bitwise operators truncate to 32 bits.

/** Size in bytes of every hash in the tree (SHA-256). */
export const HASH_SIZE = 32;

/** A proof, index or hash that does not check out; the message says what was wrong. */
export class MerkleProofError extends Error {
  override name = 'MerkleProofError';
}

/** RFC 6962 leaf hash: SHA-256(0x00 || entry bytes). */
export function leafHash(entry: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.of(0)).update(entry).digest();
}

/** RFC 6962 interior node hash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.of(1)).update(left).update(right).digest();
}

/** Root hash of the empty tree: SHA-256 of no bytes. */
export function emptyRoot(): Buffer {
  return createHash('sha256').digest();
}

/** Folds the hashes of a tree's perfect subtrees (left to right, decreasing size) into its root hash. */
export function foldRight(subtrees: readonly Buffer[]): Buffer {
  if (subtrees.length === 0) return emptyRoot();
  let root = subtrees[subtrees.length - 1];
  for (let i = subtrees.length - 2; i >= 0; i--) root = nodeHash(subtrees[i], root);
  return root;
}

/** Largest power of two strictly less than n (n >= 2): the split point k of RFC 9162 §2.1.1. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Verifies an RFC 9162 §2.1.3.2 inclusion proof that `leaf` (a leaf hash) sits at `index` in the tree of
 * `size` leaves whose root is `root`. Throws MerkleProofError if it does not.
 */
export function verifyInclusion(leaf: Buffer, index: number, size: number, proof: readonly Buffer[], root: Buffer): void {
  checkSize(index, 'leaf index');
  checkSize(size, 'tree size');
  if (index >= size) throw new MerkleProofError(`leaf index ${index} is not below tree size ${size}`);
  checkHashes([leaf, root, ...proof]);
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) throw new MerkleProofError('inclusion proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn / 2, Math.floor(sn / 2)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  if (sn !== 0) throw new MerkleProofError('inclusion proof is too short');
  if (!timingSafeEqual(r, root)) throw new MerkleProofError('inclusion proof does not lead to the root');
}

/**
 * Verifies an RFC 9162 §2.1.4.2 consistency proof that the tree of `size2` leaves with root `root2` extends
 * the tree of `size1` leaves with root `root1`. A proof from the empty tree is refused (it proves nothing).
 * Throws MerkleProofError if the proof does not hold.
 */
export function verifyConsistency(size1: number, size2: number, proof: readonly Buffer[], root1: Buffer, root2: Buffer): void {
  checkSize(size1, 'first tree size');
  checkSize(size2, 'second tree size');
  if (size1 > size2) throw new MerkleProofError(`first tree size ${size1} exceeds second tree size ${size2}`);
  if (size1 === 0) throw new MerkleProofError('a consistency proof from the empty tree is meaningless');
  if (size1 === size2) {
    // Nothing to hash here: the roots need only be equal (the reference probes accept any bytes).
    if (proof.length > 0) throw new MerkleProofError('equal tree sizes need an empty consistency proof');
    if (!root1.equals(root2)) throw new MerkleProofError('equal tree sizes but different roots');
    return;
  }
  checkHashes([root1, root2, ...proof]);
  if (proof.length === 0) throw new MerkleProofError('consistency proof is empty');
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) throw new MerkleProofError('consistency proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn / 2, Math.floor(sn / 2)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  if (sn !== 0) throw new MerkleProofError('consistency proof is too short');
  if (!timingSafeEqual(fr, root1)) throw new MerkleProofError('consistency proof does not lead to the first root');
  if (!timingSafeEqual(sr, root2)) throw new MerkleProofError('consistency proof does not lead to the second root');
}

function isPowerOfTwo(n: number): boolean {
  return n === 1 || (n >= 2 && splitPoint(n) * 2 === n);
}

function checkSize(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new MerkleProofError(`${what} ${n} is not a non-negative safe integer`);
}

function checkHashes(hashes: readonly Buffer[]): void {
  if (hashes.some((h) => h.length !== HASH_SIZE)) throw new MerkleProofError(`a hash is not ${HASH_SIZE} bytes`);
}
