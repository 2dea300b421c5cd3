import { foldRight, nodeHash } from './merkle';
import { completeSubtrees, SubtreeHashes, SubtreeId } from './subtrees';

// Incremental integration ("compact range" of the whole tree): a tree of n leaves is summed up by its
// frontier, the hashes of the complete subtrees its size decomposes into (one per set bit of n, largest
// first). Appending k leaves needs only that frontier and costs O(k + log n) hashes.

/** A complete subtree and its hash. */
export interface StoredSubtree extends SubtreeId {
  hash: Buffer;
}

/** What appending leaves produced. */
export interface AppendResult {
  /** The new tree size. */
  size: number;
  /** Hashes of the complete subtrees covering the new tree, largest first. */
  frontier: Buffer[];
  /** The new root hash. */
  root: Buffer;
  /** Every complete subtree the append finished (the new leaves at level 0 included), to store. */
  completed: StoredSubtree[];
}

/** Reads the frontier of the tree of `size` leaves from stored complete-subtree hashes (O(log n) reads). */
export function readFrontier(hashes: SubtreeHashes, size: number): Promise<Buffer[]> {
  return Promise.all(completeSubtrees(0, size).map((s) => hashes.get(s.level, s.index)));
}

/**
 * Extends the tree of `size` leaves, summed up by `frontier`, with the given leaf hashes: returns the
 * new frontier and root and the newly completed subtrees.
 */
export function appendLeaves(size: number, frontier: readonly Buffer[], leaves: readonly Buffer[]): AppendResult {
  const ids = completeSubtrees(0, size);
  if (ids.length !== frontier.length) {
    throw new RangeError(`a tree of size ${size} has ${ids.length} frontier hashes, not ${frontier.length}`);
  }
  const stack: StoredSubtree[] = ids.map((id, i) => ({ ...id, hash: frontier[i] }));
  const completed: StoredSubtree[] = [];
  leaves.forEach((hash, i) => {
    let top: StoredSubtree = { level: 0, index: size + i, hash };
    completed.push(top);
    while (stack.length > 0 && stack[stack.length - 1].level === top.level) {
      const left = stack.pop() as StoredSubtree;
      top = { level: top.level + 1, index: left.index / 2, hash: nodeHash(left.hash, top.hash) };
      completed.push(top);
    }
    stack.push(top);
  });
  const newFrontier = stack.map((s) => s.hash);
  return { size: size + leaves.length, frontier: newFrontier, root: foldRight(newFrontier), completed };
}

/** Root hash of the tree with these leaf hashes, in order (O(n)). */
export function rootFromLeafHashes(leaves: readonly Buffer[]): Buffer {
  return appendLeaves(0, [], leaves).root;
}
