import { createHash } from 'node:crypto';
import { openCheckpoint } from '../../../src/modules/ledger/checkpoint';
import { rootFromLeafHashes } from '../../../src/modules/ledger/compact-range';
import { leafHash, verifyConsistency, verifyInclusion } from '../../../src/modules/ledger/merkle';
import { parseVerifierKey } from '../../../src/modules/ledger/note-keys';
import { inclusionProof, rootHash } from '../../../src/modules/ledger/subtrees';
import { TileId, tilePath, tileSubtreeHashes, tileWidth, unpackEntryBundle, unpackTile } from '../../../src/modules/ledger/tiles';
import { buildPlatform } from '../../../seeds/factories';
import { badInputPaths } from '../../helpers/bad-input';
import { buildFilingAssociation, buildFilingPlatform, FilingPlatform, POOLING, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';
import { integratedSize } from '../../../src/modules/ledger/log-store';
import { startTestApp, TEST_LOG_KEY, TestApp } from '../../helpers/test-app';
import { integrateAll } from './log-helpers';

const CHECKPOINT = 'query ($size: Int64) { logCheckpoint(size: $size) { origin size rootHash note signedAt } }';
const ENTRIES = 'query ($from: Int64!, $count: Int!) { logEntries(from: $from, count: $count) { logIndex entityType entityId version entry leafHash } }';
const INCLUSION = 'query ($logIndex: Int64!, $treeSize: Int64!) { logInclusionProof(logIndex: $logIndex, treeSize: $treeSize) }';
const CONSISTENCY = 'query ($fromSize: Int64!, $toSize: Int64!) { logConsistencyProof(fromSize: $fromSize, toSize: $toSize) }';
const SUBMIT = 'mutation ($input: SubmitFilingInput!) { submitFiling(input: $input) { id receipt { logIndex leafHash entrySha256 coveredBy } } }';

const b64 = (text: string) => Buffer.from(text, 'base64');

describe('transparency log API', () => {
  let app: TestApp;
  let platform: FilingPlatform;
  let base: string;
  beforeAll(async () => {
    app = await startTestApp();
    platform = await buildFilingPlatform(app, await buildFilingAssociation(app, { rulebook: false }));
    await app.post('{ __typename }');
    base = `http://127.0.0.1:${(app.server.httpServer.address() as { port: number }).port}/log/`;
  });
  afterAll(() => app.close());

  async function gql(query: string, variables?: Record<string, unknown>) {
    const result = await app.execute(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  }

  /** The latest checkpoint, verified with the verifier key the API serves. */
  async function checkpoint(size?: number) {
    const { logCheckpoint: c } = await gql(CHECKPOINT, { size: size ?? null });
    const verifier = parseVerifierKey((await gql('{ logVerifierKey }')).logVerifierKey);
    const opened = openCheckpoint(c.note, [verifier], TEST_LOG_KEY.name);
    expect([c.origin, c.size, c.rootHash]).toEqual([opened.origin, String(opened.size), opened.root.toString('base64')]);
    return opened;
  }

  it('a checkpoint verifies with the served key, its root is the root of logEntries, and inclusion proofs verify against it', async () => {
    const { data } = await app.execute(SUBMIT, submitVariables(platform, '2019-05'), platform.tokens.filer);
    await integrateAll(app.orm);
    const { size, root } = await checkpoint();
    const leaves: Buffer[] = [];
    for (let from = 0; from < size; from += 1000) {
      const { logEntries } = await gql(ENTRIES, { from, count: Math.min(1000, size - from) });
      for (const [i, e] of logEntries.entries()) {
        expect(e.logIndex).toBe(String(from + i));
        expect(e.leafHash).toBe(leafHash(b64(e.entry)).toString('base64'));
        leaves.push(b64(e.leafHash));
      }
    }
    expect(leaves).toHaveLength(size);
    expect(rootFromLeafHashes(leaves).equals(root)).toBe(true);

    const { logEntry } = await gql('query ($id: ID!) { logEntry(entityType: "filing", entityId: $id) { logIndex version entry } }', { id: data?.submitFiling.id });
    expect(JSON.parse(b64(logEntry.entry).toString('utf8'))).toMatchObject({ type: 'filing', id: data?.submitFiling.id, version: 1 });
    for (const index of new Set([0, Math.floor(size / 3), Number(logEntry.logIndex), size - 1])) {
      const { logInclusionProof } = await gql(INCLUSION, { logIndex: index, treeSize: size });
      expect(() => verifyInclusion(leaves[index], index, size, logInclusionProof.map(b64), root)).not.toThrow();
      expect(() => verifyInclusion(leaves[(index + 1) % size], index, size, logInclusionProof.map(b64), root)).toThrow();
    }
  });

  it('successive checkpoints are consistent, and an earlier one is still served by size', async () => {
    const first = await checkpoint();
    await app.execute(SUBMIT, submitVariables(platform, '2019-06'), platform.tokens.filer);
    await integrateAll(app.orm);
    const second = await checkpoint();
    expect(second.size).toBeGreaterThan(first.size);
    const { logConsistencyProof } = await gql(CONSISTENCY, { fromSize: first.size, toSize: second.size });
    verifyConsistency(first.size, second.size, logConsistencyProof.map(b64), first.root, second.root);
    expect((await checkpoint(first.size)).root.equals(first.root)).toBe(true);
    expect((await gql(CHECKPOINT, { size: second.size + 1000 })).logCheckpoint).toBeNull();
  });

  it('refuses proofs beyond the latest checkpoint and invalid ranges with the field path', async () => {
    const size = await integratedSize(app.orm.em.fork());
    expect(badInputPaths(await app.execute(INCLUSION, { logIndex: 0, treeSize: size + 1 }))).toEqual(['treeSize']);
    expect(badInputPaths(await app.execute(INCLUSION, { logIndex: size, treeSize: size }))).toEqual(['logIndex']);
    expect(badInputPaths(await app.execute(INCLUSION, { logIndex: -1, treeSize: size }))).toEqual(['logIndex']);
    expect(badInputPaths(await app.execute(CONSISTENCY, { fromSize: 1, toSize: size + 1 }))).toEqual(['toSize']);
    expect(badInputPaths(await app.execute(CONSISTENCY, { fromSize: 0, toSize: size }))).toEqual(['fromSize']);
    expect(badInputPaths(await app.execute(CONSISTENCY, { fromSize: size, toSize: size - 1 }))).toEqual(['fromSize']);
    expect(badInputPaths(await app.execute(ENTRIES, { from: 0, count: 1001 }))).toEqual(['count']);
    expect(badInputPaths(await app.execute(ENTRIES, { from: -1, count: 1 }))).toEqual(['from']);
  });

  it('serves the checkpoint, hash tiles and entry bundles over HTTP, matching the GraphQL answers', async () => {
    await integrateAll(app.orm);
    const response = await fetch(`${base}checkpoint`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=1');
    const { size, root } = openCheckpoint(await response.text(), [TEST_LOG_KEY]);
    const readTile = async (tile: TileId) => {
      const res = await fetch(base + tilePath(tile));
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe(tile.width === 256 ? 'public, max-age=31536000, immutable' : 'public, max-age=1');
      return Buffer.from(await res.arrayBuffer());
    };
    const hashes = tileSubtreeHashes(readTile, size);
    expect((await rootHash(hashes, size)).equals(root)).toBe(true);
    const index = size - 1;
    const { logInclusionProof } = await gql(INCLUSION, { logIndex: index, treeSize: size });
    expect((await inclusionProof(hashes, index, size)).map((h) => h.toString('base64'))).toEqual(logInclusionProof);

    const last = Math.floor(index / 256);
    const width = tileWidth(0, last, size);
    const bundle = unpackEntryBundle(await readTile({ level: 'entries', index: last, width }));
    const leaves = unpackTile(await readTile({ level: 0, index: last, width }));
    const { logEntries } = await gql(ENTRIES, { from: last * 256, count: width });
    expect(bundle.map((e) => e.toString('base64'))).toEqual(logEntries.map((e: { entry: string }) => e.entry));
    expect(leaves.map((h) => h.toString('base64'))).toEqual(logEntries.map((e: { leafHash: string }) => e.leafHash));
  });

  it('answers unknown or unavailable log paths with the JSON 404', async () => {
    const size = await integratedSize(app.orm.em.fork());
    const beyond = tilePath({ level: 0, index: Math.floor(size / 256), width: Math.min(256, (size % 256) + 1) });
    for (const path of [beyond, 'tile/0/1', 'tile/0/001.p/0', 'tile/entries/x', 'nothing', 'tile/64/000']) {
      const res = await fetch(base + path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('NOT_FOUND');
    }
  });

  it('gives every public record a receipt, covered once a checkpoint includes it, in one query for a whole page', async () => {
    const { data } = await app.execute(SUBMIT, submitVariables(platform, '2019-07'), platform.tokens.filer);
    const receipt = data?.submitFiling.receipt;
    if ((await integratedSize(app.orm.em.fork())) <= Number(receipt.logIndex)) expect(receipt.coveredBy).toBeNull();
    const { logEntry } = await gql('query ($id: ID!) { logEntry(entityType: "filing", entityId: $id, version: 1) { logIndex entry leafHash } }', { id: data?.submitFiling.id });
    expect(receipt.logIndex).toBe(logEntry.logIndex);
    expect(receipt.leafHash).toBe(logEntry.leafHash);
    expect(receipt.entrySha256).toBe(createHash('sha256').update(b64(logEntry.entry)).digest('base64'));

    await integrateAll(app.orm);
    const after = await gql('query ($id: ID!) { filing(id: $id) { receipt { logIndex coveredBy } } }', { id: data?.submitFiling.id });
    const coveredBy = Number(after.filing.receipt.coveredBy);
    expect(coveredBy).toBeGreaterThan(Number(receipt.logIndex));
    const { logInclusionProof } = await gql(INCLUSION, { logIndex: receipt.logIndex, treeSize: coveredBy });
    verifyInclusion(b64(receipt.leafHash), Number(receipt.logIndex), coveredBy, logInclusionProof.map(b64), (await checkpoint(coveredBy)).root);

    await buildPlatform(app.orm.em, { associationId: platform.associationId });
    // receipts are read with bound SQL, which the ORM's logger does not see: count what knex sends
    const statements: string[] = [];
    const knex = app.orm.em.getConnection().getKnex();
    const listen = (query: { sql: string }) => statements.push(query.sql);
    knex.on('query', listen);
    try {
      const { platforms } = await gql('{ platforms(first: 100) { nodes { id receipt { logIndex coveredBy } } } }');
      expect(platforms.nodes.length).toBeGreaterThan(1);
      expect(platforms.nodes.every((p: { receipt: { logIndex: string } | null }) => p.receipt !== null && Number(p.receipt.logIndex) >= 0)).toBe(true);
    } finally {
      knex.removeListener('query', listen);
    }
    expect(statements.filter((s) => s.includes('ledger_entry'))).toHaveLength(1);
  });

  it("gives a challenge and a flag's case step a receipt: the log entry of the version returned", async () => {
    const RECEIPT = 'receipt { logIndex leafHash entrySha256 }';
    const entryOf = async (entityType: string, entityId: string, version: number) =>
      (await gql('query ($t: String!, $id: ID!, $v: Int!) { logEntry(entityType: $t, entityId: $id, version: $v) { logIndex entry leafHash } }', { t: entityType, id: entityId, v: version })).logEntry;
    const expectReceiptOf = async (receipt: { logIndex: string; leafHash: string; entrySha256: string }, entityType: string, entityId: string, version: number) => {
      const entry = await entryOf(entityType, entityId, version);
      expect(receipt).toEqual({ logIndex: entry.logIndex, leafHash: entry.leafHash, entrySha256: createHash('sha256').update(b64(entry.entry)).digest('base64') });
    };
    const association = await buildFilingAssociation(app);
    const flagged = await buildFilingPlatform(app, association);

    const filed = await gql(`mutation ($input: FileChallengeInput!) { fileChallenge(input: $input) { id ${RECEIPT} } }`, {
      input: { targetType: 'PLATFORM', targetId: flagged.id, statement: 'Wrong address.' },
    });
    const challengeId = filed.fileChallenge.id;
    await expectReceiptOf(filed.fileChallenge.receipt, 'challenge', challengeId, 1);
    const decided = await app.execute(`mutation ($input: DecideChallengeInput!) { decideChallenge(input: $input) { ${RECEIPT} } }`, {
      input: { challengeId, outcome: 'REJECTED', reason: 'The address is right.' },
    }, association.tokens.reviewer);
    await expectReceiptOf(decided.data.decideChallenge.receipt, 'challenge', challengeId, 2);
    expect(Number(decided.data.decideChallenge.receipt.logIndex)).toBeGreaterThan(Number(filed.fileChallenge.receipt.logIndex));

    const submitted = await app.execute(SUBMIT_FILING, submitVariables(flagged, '2019-06', {}, POOLING), flagged.tokens.filer);
    const flagId = submitted.data.submitFiling.flags[0].id;
    const replied = await app.execute(`mutation ($input: ReplyToFlagInput!) { replyToFlag(input: $input) { case { steps { id seq ${RECEIPT} } } } }`, {
      input: { flagId, text: 'The funds were in custody.' },
    }, flagged.tokens.filer);
    const steps = replied.data.replyToFlag.case.steps;
    expect(steps.map((s: { seq: number }) => s.seq)).toEqual([1]);
    await expectReceiptOf(steps[0].receipt, 'flag-case-step', steps[0].id, 1);
    const { flag } = await gql(`query ($id: ID!) { flag(id: $id) { case { steps { ${RECEIPT} } } } }`, { id: flagId });
    expect(flag.case.steps.map((s: { receipt: unknown }) => s.receipt)).toEqual([steps[0].receipt]);
  });
});
