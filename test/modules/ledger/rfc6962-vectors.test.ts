import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  emptyRoot, leafHash, MerkleProofError, nodeHash, verifyConsistency, verifyInclusion,
} from '../../../src/modules/ledger/merkle';
import { rootFromLeafHashes } from '../../../src/modules/ledger/compact-range';

// Every probe of the RFC 6962 reference data (transparency-dev/merkle, copied into vectors/rfc6962).

const dir = join(__dirname, 'vectors', 'rfc6962');
const tree = JSON.parse(readFileSync(join(dir, 'tree.json'), 'utf8')) as {
  leafInputsHex: string[];
  nodeHashesHexByLevel: string[][];
  rootHashHexByTreeSize: string[];
};

interface Probe {
  proof: string[] | null;
  wantErr: boolean;
}
interface Inclusion extends Probe {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
}
interface Consistency extends Probe {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
}

function probes<T>(kind: string): Array<[string, T]> {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  return walk(join(dir, kind))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [relative(dir, f), JSON.parse(readFileSync(f, 'utf8')) as T]);
}

const b64 = (s: string): Buffer => Buffer.from(s, 'base64');
const proofOf = (p: string[] | null): Buffer[] => (p ?? []).map(b64);
const inclusion = probes<Inclusion>('inclusion');
const consistency = probes<Consistency>('consistency');

test('the copy holds all 196 probes', () => {
  expect(inclusion.length + consistency.length).toBe(196);
});

describe('tree.json', () => {
  const leaves = tree.leafInputsHex.map((h) => leafHash(Buffer.from(h, 'hex')));

  test('leaf hashes are the level-0 node hashes', () => {
    expect(leaves.map((l) => l.toString('hex'))).toEqual(tree.nodeHashesHexByLevel[0]);
  });

  test('node hashes of every level', () => {
    for (let level = 1; level < tree.nodeHashesHexByLevel.length; level++) {
      const below = tree.nodeHashesHexByLevel[level - 1].map((h) => Buffer.from(h, 'hex'));
      const want = tree.nodeHashesHexByLevel[level];
      expect(want.map((_, i) => nodeHash(below[2 * i], below[2 * i + 1]).toString('hex'))).toEqual(want);
    }
  });

  test.each(tree.rootHashHexByTreeSize.map((root, size) => [size, root] as const))('root of size %i', (size, root) => {
    expect(rootFromLeafHashes(leaves.slice(0, size)).toString('hex')).toBe(root);
  });

  test('the empty root', () => {
    expect(emptyRoot().toString('hex')).toBe(tree.rootHashHexByTreeSize[0]);
  });
});

describe('inclusion probes', () => {
  test.each(inclusion)('%s', (_, p) => {
    const run = () => verifyInclusion(b64(p.leafHash), p.leafIdx, p.treeSize, proofOf(p.proof), b64(p.root));
    if (p.wantErr) expect(run).toThrow(MerkleProofError);
    else expect(run).not.toThrow();
  });
});

describe('consistency probes', () => {
  test.each(consistency)('%s', (_, p) => {
    const run = () => verifyConsistency(p.size1, p.size2, proofOf(p.proof), b64(p.root1), b64(p.root2));
    if (p.wantErr) expect(run).toThrow(MerkleProofError);
    else expect(run).not.toThrow();
  });
});
