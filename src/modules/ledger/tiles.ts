import { rootFromLeafHashes } from './compact-range';
import { HASH_SIZE } from './merkle';
import { SubtreeHashes } from './subtrees';

// C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the tree served as tiles of 256 consecutive hashes.
// Tile n at level l holds the hashes of the complete subtrees of 256^l leaves numbered n*256 .. n*256+255,
// i.e. the Merkle level 8*l; the rightmost tiles of a tree are partial (1 to 255 hashes).

/** Hashes in a full tile. */
export const TILE_WIDTH = 256;
/** Merkle levels spanned by one tile level. */
export const TILE_HEIGHT = 8;

/** A Merkle tile (level >= 0) or an entry bundle (level 'entries'), with its width (256 when full). */
export interface TileId {
  level: number | 'entries';
  index: number;
  width: number;
}

/** Where the hash of a complete subtree comes from: `count` hashes from `start` in a tile, hashed up. */
export interface SubtreeLocation {
  tileLevel: number;
  tileIndex: number;
  start: number;
  count: number;
}

/** Encodes a tile index as zero-padded 3-digit path elements, all but the last prefixed with `x`. */
export function encodeTileIndex(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`bad tile index ${index}`);
  const groups = [String(index % 1000).padStart(3, '0')];
  for (let rest = Math.floor(index / 1000); rest > 0; rest = Math.floor(rest / 1000)) {
    groups.unshift(`x${String(rest % 1000).padStart(3, '0')}`);
  }
  return groups.join('/');
}

/** The path of a tile or entry bundle: `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`. */
export function tilePath(tile: TileId): string {
  const { level, index, width } = tile;
  if (level !== 'entries' && !(Number.isInteger(level) && level >= 0 && level <= 63)) {
    throw new RangeError(`bad tile level ${level}`);
  }
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) throw new RangeError(`bad tile width ${width}`);
  return `tile/${level}/${encodeTileIndex(index)}${width < TILE_WIDTH ? `.p/${width}` : ''}`;
}

/** Parses a canonical tile or entry bundle path (as built by tilePath), or returns undefined. */
export function parseTilePath(path: string): TileId | undefined {
  const match = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(path);
  if (!match) return undefined;
  const level = match[1] === 'entries' ? 'entries' : Number(match[1]);
  const index = Number(match[2].replace(/[x/]/g, ''));
  const tile: TileId = { level, index, width: match[3] === undefined ? TILE_WIDTH : Number(match[3]) };
  try {
    return tilePath(tile) === path ? tile : undefined;
  } catch {
    return undefined;
  }
}

/** Width of tile `index` at tile level `level` in a tree of `size` leaves: 256, partial, or 0 if absent. */
export function tileWidth(level: number, index: number, size: number): number {
  const hashes = Math.floor(size / TILE_WIDTH ** level);
  const full = Math.floor(hashes / TILE_WIDTH);
  if (index < full) return TILE_WIDTH;
  return index === full ? hashes % TILE_WIDTH : 0;
}

/** The tiles (full or partial) that a tree of `newSize` leaves has and a tree of `oldSize` lacks. */
export function newTiles(oldSize: number, newSize: number): TileId[] {
  const out: TileId[] = [];
  for (let level = 0; Math.floor(newSize / TILE_WIDTH ** level) > 0; level++) {
    const first = Math.floor(oldSize / TILE_WIDTH ** (level + 1));
    for (let index = first; ; index++) {
      const width = tileWidth(level, index, newSize);
      if (width === 0) break;
      if (width !== tileWidth(level, index, oldSize)) out.push({ level, index, width });
    }
  }
  return out;
}

/** Locates the hash of the complete subtree (level, index) in the tiles. */
export function locateSubtree(level: number, index: number): SubtreeLocation {
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const count = 2 ** (level % TILE_HEIGHT);
  const first = index * count;
  return { tileLevel, tileIndex: Math.floor(first / TILE_WIDTH), start: first % TILE_WIDTH, count };
}

/** Concatenates 1 to 256 hashes into a tile body. */
export function packTile(hashes: readonly Buffer[]): Buffer {
  if (hashes.length < 1 || hashes.length > TILE_WIDTH || hashes.some((h) => h.length !== HASH_SIZE)) {
    throw new RangeError('a tile holds 1 to 256 hashes of 32 bytes');
  }
  return Buffer.concat(hashes);
}

/** Splits a tile body into its hashes; refuses a body that is not 1 to 256 whole hashes. */
export function unpackTile(body: Buffer): Buffer[] {
  const width = body.length / HASH_SIZE;
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) throw new RangeError('malformed tile body');
  return Array.from({ length: width }, (_, i) => body.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
}

/** Packs 1 to 256 log entries into an entry bundle: each prefixed by its big-endian uint16 length. */
export function packEntryBundle(entries: readonly Buffer[]): Buffer {
  if (entries.length < 1 || entries.length > TILE_WIDTH) throw new RangeError('a bundle holds 1 to 256 entries');
  return Buffer.concat(
    entries.flatMap((entry) => {
      if (entry.length > 0xffff) throw new RangeError('an entry in a bundle is at most 65535 bytes');
      const length = Buffer.alloc(2);
      length.writeUInt16BE(entry.length);
      return [length, entry];
    }),
  );
}

/** Splits an entry bundle into its entries; refuses truncated bundles. */
export function unpackEntryBundle(body: Buffer): Buffer[] {
  const entries: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    if (at + 2 > body.length) throw new RangeError('truncated entry bundle');
    const end = at + 2 + body.readUInt16BE(at);
    if (end > body.length) throw new RangeError('truncated entry bundle');
    entries.push(body.subarray(at + 2, end));
    at = end;
  }
  if (entries.length < 1 || entries.length > TILE_WIDTH) throw new RangeError('a bundle holds 1 to 256 entries');
  return entries;
}

/**
 * Complete-subtree hashes of a tree of `size` leaves read from its tiles (one tile read per hash; a
 * reader that caches tiles makes a whole proof cost a few tile reads).
 */
export function tileSubtreeHashes(readTile: (tile: TileId) => Promise<Buffer>, size: number): SubtreeHashes {
  return {
    async get(level, index) {
      const { tileLevel, tileIndex, start, count } = locateSubtree(level, index);
      const width = tileWidth(tileLevel, tileIndex, size);
      if (start + count > width) throw new RangeError(`subtree ${level}/${index} is not complete in a tree of size ${size}`);
      const hashes = unpackTile(await readTile({ level: tileLevel, index: tileIndex, width }));
      if (hashes.length !== width) throw new RangeError(`tile ${tileLevel}/${tileIndex} has ${hashes.length} hashes, not ${width}`);
      return rootFromLeafHashes(hashes.slice(start, start + count));
    },
  };
}
