import { Checkpoint } from '../../modules/ledger/checkpoint';
import { MerkleProofError, verifyConsistency, verifyInclusion } from '../../modules/ledger/merkle';
import { consistencyProof, inclusionProof, SubtreeHashes } from '../../modules/ledger/subtrees';
import { TileId, tilePath, tileSubtreeHashes } from '../../modules/ledger/tiles';
import { VerificationFailure } from './errors';
import { LogClient } from './log-client';

// Proofs computed here from the log's tiles (as tlog clients do), then verified against signed roots:
// the server's own proof answers are never trusted.

/** Complete-subtree hashes of the tree of `size` leaves, read from the log's tiles (each tile fetched once). */
function tileHashes(client: LogClient, size: number): SubtreeHashes {
  const tiles = new Map<string, Promise<Buffer>>();
  return tileSubtreeHashes((tile: TileId) => {
    const path = tilePath(tile);
    if (!tiles.has(path)) tiles.set(path, client.tile(tile));
    return tiles.get(path) as Promise<Buffer>;
  }, size);
}

/** Hashes from tiles that are not tiles (wrong length, missing hashes) make a proof fail, not the program. */
async function fromTiles(what: string, compute: () => Promise<Buffer[]>): Promise<Buffer[]> {
  try {
    return await compute();
  } catch (error) {
    if (error instanceof RangeError) throw new VerificationFailure(`${what}: the log's tiles are malformed (${error.message})`);
    throw error;
  }
}

/** Proves that the leaf hash `leaf` sits at `index` in the signed checkpoint's tree. */
export async function proveInclusion(client: LogClient, leaf: Buffer, index: number, checkpoint: Checkpoint): Promise<void> {
  const what = `inclusion of log index ${index} in tree size ${checkpoint.size}`;
  if (index >= checkpoint.size) {
    throw new VerificationFailure(`log index ${index} is not covered by the signed checkpoint (tree size ${checkpoint.size}) yet`, {
      logIndex: index,
      treeSize: checkpoint.size,
    });
  }
  const proof = await fromTiles(what, () => inclusionProof(tileHashes(client, checkpoint.size), index, checkpoint.size));
  try {
    verifyInclusion(leaf, index, checkpoint.size, proof, checkpoint.root);
  } catch (error) {
    if (!(error instanceof MerkleProofError)) throw error;
    throw new VerificationFailure(`${what} fails: ${error.message}`, { logIndex: index, treeSize: checkpoint.size });
  }
}

/**
 * Proves that the tree of `newer` extends the tree of `older`: a smaller size, a different root at the same
 * size or a failed consistency proof is a VerificationFailure naming both sizes.
 */
export async function proveConsistency(client: LogClient, older: Checkpoint, newer: Checkpoint): Promise<void> {
  const sizes = { fromSize: older.size, toSize: newer.size };
  if (newer.size < older.size) {
    throw new VerificationFailure(`the log shrank: tree size ${newer.size} after ${older.size} was signed`, sizes);
  }
  if (newer.size === older.size) {
    if (!newer.root.equals(older.root)) throw new VerificationFailure(`two different roots were signed for tree size ${newer.size}`, sizes);
    return;
  }
  if (older.size === 0) return;
  const what = `consistency of tree size ${older.size} with tree size ${newer.size}`;
  const proof = await fromTiles(what, () => consistencyProof(tileHashes(client, newer.size), older.size, newer.size));
  try {
    verifyConsistency(older.size, newer.size, proof, older.root, newer.root);
  } catch (error) {
    if (!(error instanceof MerkleProofError)) throw error;
    throw new VerificationFailure(`${what} fails: ${error.message}`, sizes);
  }
}
