import { randomBytes } from 'node:crypto';
import { appendLeaves } from '../../../src/modules/ledger/compact-range';
import { leafHash, verifyConsistency, verifyInclusion } from '../../../src/modules/ledger/merkle';
import { consistencyProof, inclusionProof, rootHash, SubtreeHashes } from '../../../src/modules/ledger/subtrees';
import {
  encodeTileIndex, locateSubtree, newTiles, packEntryBundle, packTile, parseTilePath, TileId, tilePath, tileSubtreeHashes,
  tileWidth, unpackEntryBundle, unpackTile,
} from '../../../src/modules/ledger/tiles';

test('tile index encoding and paths', () => {
  expect(encodeTileIndex(0)).toBe('000');
  expect(encodeTileIndex(999)).toBe('999');
  expect(encodeTileIndex(1000)).toBe('x001/000');
  expect(encodeTileIndex(1234067)).toBe('x001/x234/067');
  expect(tilePath({ level: 2, index: 1234067, width: 256 })).toBe('tile/2/x001/x234/067');
  expect(tilePath({ level: 0, index: 5, width: 8 })).toBe('tile/0/005.p/8');
  expect(tilePath({ level: 'entries', index: 1000, width: 255 })).toBe('tile/entries/x001/000.p/255');
  expect(() => tilePath({ level: 0, index: 0, width: 0 })).toThrow(RangeError);
  expect(() => tilePath({ level: 64, index: 0, width: 256 })).toThrow(RangeError);
  expect(() => encodeTileIndex(-1)).toThrow(RangeError);
});

test('tile paths parse back, and only canonical ones', () => {
  for (const tile of [
    { level: 0, index: 0, width: 256 },
    { level: 63, index: 1234067, width: 1 },
    { level: 'entries' as const, index: 70, width: 112 },
  ]) {
    expect(parseTilePath(tilePath(tile))).toEqual(tile);
  }
  for (const bad of [
    'tile/0/5', 'tile/00/005', 'tile/64/005', 'tile/0/x000/005', 'tile/0/x001', 'tile/0/005.p/256', 'tile/0/005.p/0',
    'tile/0/005.p/07', 'tile/0/005.p/', 'tile/data/005', '/tile/0/005', 'tile/0/005/', 'tile/-1/005',
  ]) {
    expect(parseTilePath(bad)).toBeUndefined();
  }
});

test('tile widths follow the spec example (70,000 leaves) and newTiles lists them', () => {
  const tiles = newTiles(0, 70000);
  const byLevel = (level: number) => tiles.filter((t) => t.level === level).map((t) => t.width);
  expect(byLevel(0)).toEqual([...Array(273).fill(256), 112]);
  expect(byLevel(1)).toEqual([256, 17]);
  expect(byLevel(2)).toEqual([1]);
  expect(tiles).toHaveLength(273 + 1 + 2 + 1);
  expect(newTiles(0, 256)).toEqual([{ level: 0, index: 0, width: 256 }, { level: 1, index: 0, width: 1 }]);
  expect(newTiles(70000, 70001)).toEqual([{ level: 0, index: 273, width: 113 }]);
  expect(newTiles(300, 300)).toEqual([]);
  expect(tileWidth(0, 274, 70000)).toBe(0);
});

test('locating complete subtrees in tiles', () => {
  expect(locateSubtree(0, 300)).toEqual({ tileLevel: 0, tileIndex: 1, start: 44, count: 1 });
  expect(locateSubtree(3, 33)).toEqual({ tileLevel: 0, tileIndex: 1, start: 8, count: 8 });
  expect(locateSubtree(8, 5)).toEqual({ tileLevel: 1, tileIndex: 0, start: 5, count: 1 });
  expect(locateSubtree(9, 130)).toEqual({ tileLevel: 1, tileIndex: 1, start: 4, count: 2 });
});

test('tile and entry bundle bodies round trip and refuse malformed input', () => {
  const hashes = [randomBytes(32), randomBytes(32)];
  expect(unpackTile(packTile(hashes))).toEqual(hashes);
  expect(() => unpackTile(Buffer.alloc(33))).toThrow(RangeError);
  expect(() => unpackTile(Buffer.alloc(0))).toThrow(RangeError);
  expect(() => packTile([Buffer.alloc(31)])).toThrow(RangeError);
  const entries = [Buffer.from('a'), Buffer.alloc(0), randomBytes(300)];
  const bundle = packEntryBundle(entries);
  expect(bundle.subarray(0, 3)).toEqual(Buffer.from([0, 1, 0x61]));
  expect(unpackEntryBundle(bundle)).toEqual(entries);
  expect(() => unpackEntryBundle(bundle.subarray(0, bundle.length - 1))).toThrow(RangeError);
  expect(() => unpackEntryBundle(Buffer.from([0]))).toThrow(RangeError);
  expect(() => packEntryBundle([Buffer.alloc(65536)])).toThrow(RangeError);
});

test('proofs served from tiles match proofs from all complete subtrees, and verify', async () => {
  const size = 70000;
  const leaves = Array.from({ length: size }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
  const built = appendLeaves(0, [], leaves);
  const all = new Map(built.completed.map((s) => [`${s.level}/${s.index}`, s.hash]));
  const direct: SubtreeHashes = { get: async (level, index) => all.get(`${level}/${index}`) as Buffer };
  const tiles = new Map<string, Buffer>();
  for (const tile of newTiles(0, size)) {
    const level = (tile.level as number) * 8;
    const hashes = Array.from({ length: tile.width }, (_, i) => all.get(`${level}/${tile.index * 256 + i}`) as Buffer);
    tiles.set(tilePath(tile), packTile(hashes));
  }
  const reads: string[] = [];
  const fromTiles = tileSubtreeHashes(async (tile: TileId) => {
    reads.push(tilePath(tile));
    return tiles.get(tilePath(tile)) as Buffer;
  }, size);
  expect(await rootHash(fromTiles, size)).toEqual(built.root);
  for (const index of [0, 255, 256, 65535, 65536, 69999, 12345]) {
    const proof = await inclusionProof(fromTiles, index, size);
    expect(proof).toEqual(await inclusionProof(direct, index, size));
    verifyInclusion(leaves[index], index, size, proof, built.root);
  }
  for (const size1 of [1, 256, 65536, 69999, 4242]) {
    const proof = await consistencyProof(fromTiles, size1, size);
    expect(proof).toEqual(await consistencyProof(direct, size1, size));
    verifyConsistency(size1, size, proof, await rootHash(direct, size1), built.root);
  }
  expect(reads.every((path) => tiles.has(path))).toBe(true);
  await expect(fromTiles.get(0, 70000)).rejects.toThrow(RangeError);
});
