import { leafHash, MerkleProofError, verifyConsistency, verifyInclusion } from '../../../src/modules/ledger/merkle';
import { appendLeaves, readFrontier, rootFromLeafHashes } from '../../../src/modules/ledger/compact-range';
import { completeSubtrees, consistencyProof, inclusionProof, rootHash } from '../../../src/modules/ledger/subtrees';
import { MemorySubtrees, randomEntries, referenceRoot } from './reference-tree';

// Generated proofs checked against roots computed independently (reference-tree.ts), exhaustively for
// small trees and at random sizes up to ~1000.

const small = randomEntries(8);
const large = randomEntries(1030);
const edgeSizes = [9, 15, 16, 17, 31, 33, 63, 64, 65, 127, 255, 256, 257, 511, 1000, 1024, 1025];
const randomSizes = [...edgeSizes, ...Array.from({ length: 8 }, () => 9 + Math.floor(Math.random() * 1020))];

async function checkAllProofs(entries: Buffer[], size: number, sample: (n: number) => number[]): Promise<void> {
  const store = new MemorySubtrees(entries);
  const roots = (m: number) => referenceRoot(entries, 0, m);
  const root = roots(size);
  expect(await rootHash(store, size)).toEqual(root);
  for (const index of sample(size)) {
    const proof = await inclusionProof(store, index, size);
    const leaf = leafHash(entries[index]);
    expect(() => verifyInclusion(leaf, index, size, proof, root)).not.toThrow();
    const otherLeaf = Buffer.from(leaf).fill(leaf[0] ^ 1, 0, 1);
    expect(() => verifyInclusion(otherLeaf, index, size, proof, root)).toThrow(MerkleProofError);
  }
  for (const size1 of sample(size)) {
    const m = size1 + 1;
    const proof = await consistencyProof(store, m, size);
    expect(() => verifyConsistency(m, size, proof, roots(m), root)).not.toThrow();
    if (m < size) expect(() => verifyConsistency(m, size, proof, roots(m + 1), root)).toThrow(MerkleProofError);
  }
}

const every = (n: number) => Array.from({ length: n }, (_, i) => i);
const some = (n: number) => {
  const picks = [0, 1, n - 2, n - 1, ...Array.from({ length: 12 }, () => Math.floor(Math.random() * n))];
  return [...new Set(picks)].filter((i) => i >= 0 && i < n);
};

test.each(every(8).map((i) => i + 1))('every inclusion and consistency proof of a tree of size %i verifies', (size) =>
  checkAllProofs(small, size, every),
);

test.each(randomSizes)('sampled proofs of a tree of size %i verify', (size) => checkAllProofs(large, size, some));

test('proofs read O(log n) stored hashes', async () => {
  const store = new MemorySubtrees(large);
  await inclusionProof(store, 700, 1023);
  expect(store.reads).toBeLessThanOrEqual(2 * 10);
  store.reads = 0;
  await consistencyProof(store, 513, 1023);
  expect(store.reads).toBeLessThanOrEqual(2 * 10);
});

test('the appender matches building from scratch, in any batch split', async () => {
  const leaves = large.map(leafHash);
  let state = appendLeaves(0, [], []);
  let size = 0;
  while (size < leaves.length) {
    const k = Math.min(leaves.length - size, Math.floor(Math.random() * 70));
    const store = new MemorySubtrees(large);
    expect(await readFrontier(store, size)).toEqual(state.frontier);
    state = appendLeaves(size, state.frontier, leaves.slice(size, size + k));
    size += k;
    expect(state.size).toBe(size);
    expect(state.root).toEqual(referenceRoot(large, 0, size));
  }
  expect(rootFromLeafHashes(leaves)).toEqual(state.root);
});

test('the appender reports every complete subtree it finished, each exactly once', async () => {
  const leaves = large.slice(0, 300).map(leafHash);
  const first = appendLeaves(0, [], leaves.slice(0, 137));
  const second = appendLeaves(137, first.frontier, leaves.slice(137));
  const store = new MemorySubtrees(large);
  const seen = new Set<string>();
  for (const s of [...first.completed, ...second.completed]) {
    const key = `${s.level}/${s.index}`;
    expect(seen.has(key)).toBe(false);
    seen.add(key);
    expect(s.hash).toEqual(await store.get(s.level, s.index));
  }
  let want = 0;
  for (let level = 0; 2 ** level <= 300; level++) want += Math.floor(300 / 2 ** level);
  expect(seen.size).toBe(want);
});

test('bad arguments are refused', async () => {
  const store = new MemorySubtrees(small);
  await expect(inclusionProof(store, 8, 8)).rejects.toThrow(RangeError);
  await expect(inclusionProof(store, -1, 8)).rejects.toThrow(RangeError);
  await expect(consistencyProof(store, 0, 8)).rejects.toThrow(RangeError);
  await expect(consistencyProof(store, 5, 4)).rejects.toThrow(RangeError);
  expect(await consistencyProof(store, 5, 5)).toEqual([]);
  expect(() => completeSubtrees(3, 5)).toThrow(RangeError);
  expect(() => appendLeaves(3, [], [])).toThrow(RangeError);
});
