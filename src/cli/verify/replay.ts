import { appendLeaves, StoredSubtree } from '../../modules/ledger/compact-range';
import { Checkpoint } from '../../modules/ledger/checkpoint';
import { emptyRoot, leafHash } from '../../modules/ledger/merkle';
import { TILE_HEIGHT, TILE_WIDTH, TileId, tilePath, tileWidth, unpackEntryBundle, unpackTile } from '../../modules/ledger/tiles';
import { readEntry } from './entry-bytes';
import { VerificationFailure } from './errors';
import { LogClient } from './log-client';

// Replays the whole log up to a signed checkpoint: bundle by bundle, in order, with a few bundles fetched
// ahead; the tree is kept as its frontier (O(log n) hashes), and each tile level keeps one tile at a time.

/** Bundles (with their level-0 tiles) fetched at once. */
const CONCURRENCY = 8;

/** What a replay went through. */
export interface ReplaySummary {
  entries: number;
  tiles: number;
  root: Buffer;
}

/** The tile's hashes, or a VerificationFailure naming the first log index the tile covers. */
function hashesOf(tile: TileId, body: Buffer): Buffer[] {
  const hashes = (() => {
    try {
      return unpackTile(body);
    } catch {
      return [];
    }
  })();
  if (hashes.length !== tile.width) {
    const logIndex = tile.index * TILE_WIDTH ** ((tile.level as number) + 1);
    throw new VerificationFailure(`tile ${tilePath(tile)} is malformed (it should hold ${tile.width} hashes)`, { logIndex, tile: tilePath(tile) });
  }
  return hashes;
}

/** Entries of a bundle, or a VerificationFailure naming the bundle's first log index. */
function entriesOf(bundle: TileId, body: Buffer): Buffer[] {
  const entries = (() => {
    try {
      return unpackEntryBundle(body);
    } catch {
      return [];
    }
  })();
  if (entries.length !== bundle.width) {
    const logIndex = bundle.index * TILE_WIDTH;
    throw new VerificationFailure(`entry bundle ${tilePath(bundle)} is malformed (it should hold ${bundle.width} entries)`, {
      logIndex,
      tile: tilePath(bundle),
    });
  }
  return entries;
}

/** Yields fetch(0) .. fetch(count - 1) in order, with up to `concurrency` fetches running. */
async function* inOrder<T>(count: number, concurrency: number, fetch: (i: number) => Promise<T>): AsyncGenerator<T> {
  const running: Promise<T>[] = [];
  let next = 0;
  for (let i = 0; i < count; i++) {
    while (next < count && running.length < concurrency) {
      const started = fetch(next++);
      started.catch(() => undefined); // awaited in turn below; a later failure must not go unhandled meanwhile
      running.push(started);
    }
    yield await (running.shift() as Promise<T>);
  }
}

/**
 * Downloads every entry bundle and tile of the tree of `checkpoint.size` leaves and checks, in log order,
 * that each entry is canonical JSON, each leaf and complete-subtree hash in the tiles is the one the entries
 * give, and the root is the checkpoint's. The first difference is a VerificationFailure naming its log index.
 */
export async function replayLog(client: LogClient, checkpoint: Checkpoint): Promise<ReplaySummary> {
  const { size } = checkpoint;
  const upper = new Map<number, { tile: TileId; hashes: Buffer[] }>();
  let tiles = 0;

  const checkSubtree = async (subtree: StoredSubtree): Promise<void> => {
    const level = subtree.level / TILE_HEIGHT;
    const index = Math.floor(subtree.index / TILE_WIDTH);
    let current = upper.get(level);
    if (current?.tile.index !== index) {
      const tile = { level, index, width: tileWidth(level, index, size) };
      current = { tile, hashes: hashesOf(tile, await client.tile(tile)) };
      upper.set(level, current);
      tiles++;
    }
    if (!current.hashes[subtree.index % TILE_WIDTH].equals(subtree.hash)) {
      const first = subtree.index * 2 ** subtree.level;
      const last = first + 2 ** subtree.level - 1;
      throw new VerificationFailure(
        `tile ${tilePath(current.tile)} holds a hash of log entries ${first}-${last} that the entries do not give`,
        { logIndex: first, tile: tilePath(current.tile) },
      );
    }
  };

  let frontier: Buffer[] = [];
  let root = emptyRoot();
  const fetchBundle = async (index: number) => {
    const width = tileWidth(0, index, size);
    const bundle: TileId = { level: 'entries', index, width };
    const tile: TileId = { level: 0, index, width };
    const [entries, leaves] = await Promise.all([client.tile(bundle), client.tile(tile)]);
    return { bundle, tile, entries: entriesOf(bundle, entries), stored: hashesOf(tile, leaves) };
  };
  for await (const { bundle, tile, entries, stored } of inOrder(Math.ceil(size / TILE_WIDTH), CONCURRENCY, fetchBundle)) {
    tiles += 2;
    const first = bundle.index * TILE_WIDTH;
    const leaves = entries.map((entry, i) => {
      const logIndex = first + i;
      const read = readEntry(entry);
      if ('problem' in read) throw new VerificationFailure(`log entry ${logIndex} ${read.problem}`, { logIndex });
      const leaf = leafHash(entry);
      if (!leaf.equals(stored[i])) {
        throw new VerificationFailure(`log entry ${logIndex} does not give the leaf hash stored in tile ${tilePath(tile)}`, {
          logIndex,
          tile: tilePath(tile),
        });
      }
      return leaf;
    });
    const appended = appendLeaves(first, frontier, leaves);
    for (const subtree of appended.completed) {
      if (subtree.level > 0 && subtree.level % TILE_HEIGHT === 0) await checkSubtree(subtree);
    }
    [frontier, root] = [appended.frontier, appended.root];
  }
  if (!root.equals(checkpoint.root)) {
    throw new VerificationFailure(
      `the ${size} entries give root ${root.toString('base64')}, but the signed checkpoint says ${checkpoint.root.toString('base64')}`,
      { treeSize: size },
    );
  }
  return { entries: size, tiles, root };
}
