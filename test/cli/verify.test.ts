import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import canonicalize from 'canonicalize';
import { signCheckpoint } from '../../src/modules/ledger/checkpoint';
import { formatVerifierKey, generateNoteKey } from '../../src/modules/ledger/note-keys';
import { leafHash } from '../../src/modules/ledger/merkle';
import { packEntryBundle, packTile, tilePath, tileWidth, unpackEntryBundle, unpackTile } from '../../src/modules/ledger/tiles';
import { runVerify } from '../../src/cli/verify';
import { FakeLog, randomEntry, startFakeLog } from '../helpers/fake-log';

/** Runs the verifier in this process; returns its exit code, its output lines and, with --json, the object. */
async function verify(...argv: string[]): Promise<{ code: number; out: string[]; err: string[]; json?: any }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runVerify(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err, json: argv.includes('--json') ? JSON.parse(out[0]) : undefined };
}

/** A log of `count` random entries and then `more`; `restore()` puts back whatever a test tampered with. */
async function logOf(count: number, more: Buffer[] = []): Promise<FakeLog & { restore(): void }> {
  const log = await startFakeLog([...Array.from({ length: count }, () => randomEntry()), ...more]);
  const files = new Map(log.files);
  const entries = [...log.entries];
  return Object.assign(log, {
    restore() {
      log.files = new Map(files);
      log.entries = [...entries];
    },
  });
}

/** Replaces log entry `index` (in its bundle and in GraphQL answers), leaving every hash as it was. */
function replaceEntry(log: FakeLog, index: number, bytes: Buffer): void {
  log.entries[index] = bytes;
  const bundle = { level: 'entries' as const, index: Math.floor(index / 256), width: tileWidth(0, Math.floor(index / 256), log.checkpoint.size) };
  const entries = unpackEntryBundle(log.files.get(tilePath(bundle)) as Buffer);
  entries[index % 256] = bytes;
  log.files.set(tilePath(bundle), packEntryBundle(entries));
}

/** Flips one bit of hash `position` in a tile. */
function flipTileHash(log: FakeLog, path: string, position: number): void {
  const hashes = unpackTile(log.files.get(path) as Buffer).map((h) => Buffer.from(h));
  hashes[position][0] ^= 1;
  log.files.set(path, packTile(hashes));
}

describe('verify replay', () => {
  let log: Awaited<ReturnType<typeof logOf>>;
  beforeAll(async () => {
    log = await logOf(2000); // tile levels 0 and 1, partial tiles at both
  });
  afterAll(() => log.close());
  afterEach(() => log.restore());
  const replay = () => verify('replay', '--url', log.url, '--key', log.vkey, '--json');

  it('recomputes every leaf, every stored subtree hash and the signed root', async () => {
    const { code, json } = await replay();
    expect(code).toBe(0);
    expect(json).toMatchObject({ ok: true, check: 'replay', origin: log.origin, treeSize: 2000, rootHash: log.checkpoint.root.toString('base64') });
    expect(json.tiles).toBe(8 * 2 + 1);
  });

  it('names the entry whose bytes changed', async () => {
    const entry = JSON.parse(log.entries[1234].toString('utf8'));
    entry.record.newLoanAmountMinor = '1';
    replaceEntry(log, 1234, Buffer.from(canonicalize(entry) as string));
    const { code, json } = await replay();
    expect(code).toBe(1);
    expect(json).toMatchObject({ ok: false, logIndex: 1234, tile: 'tile/0/004' });
    expect(json.error).toBe('log entry 1234 does not give the leaf hash stored in tile tile/0/004');
  });

  it('names an entry that is not canonical JSON, even when its leaf hash was stored for those bytes', async () => {
    const bytes = Buffer.from(JSON.stringify(JSON.parse(log.entries[300].toString('utf8')), null, 1));
    replaceEntry(log, 300, bytes);
    const hashes = unpackTile(log.files.get('tile/0/001') as Buffer);
    hashes[300 - 256] = leafHash(bytes);
    log.files.set('tile/0/001', packTile(hashes));
    const { code, json } = await replay();
    expect([code, json.logIndex, json.error]).toEqual([1, 300, 'log entry 300 is not canonical JSON (RFC 8785)']);
  });

  it('names the entry whose stored leaf hash changed, and the first entry under a changed subtree hash', async () => {
    flipTileHash(log, 'tile/0/007.p/208', 5);
    expect((await replay()).json).toMatchObject({ logIndex: 7 * 256 + 5, tile: 'tile/0/007.p/208' });
    log.restore();
    flipTileHash(log, 'tile/1/000.p/7', 3);
    const level8 = (await replay()).json;
    expect(level8).toMatchObject({ logIndex: 3 * 256, tile: 'tile/1/000.p/7' });
    expect(level8.error).toBe('tile tile/1/000.p/7 holds a hash of log entries 768-1023 that the entries do not give');
  });

  it('fails on a malformed tile, and on a checkpoint signed over another root', async () => {
    log.files.set('tile/0/002', Buffer.alloc(31));
    expect((await replay()).json).toMatchObject({ ok: false, logIndex: 512, error: 'tile tile/0/002 is malformed (it should hold 256 hashes)' });
    log.restore();
    const other = { ...log.checkpoint, root: leafHash(Buffer.from('another tree')) };
    log.files.set('checkpoint', Buffer.from(signCheckpoint(other, log.key)));
    const { code, json } = await replay();
    expect(code).toBe(1);
    expect(json.error).toMatch(/^the 2000 entries give root .+, but the signed checkpoint says /);
  });

  it('checks tiles of every level in a larger log (70,000 entries: three tile levels)', async () => {
    const large = await logOf(70_000);
    try {
      // every hash of tile levels 0 and 1 checks out before the one changed at level 2 is reached
      flipTileHash(large, 'tile/2/000.p/1', 0);
      expect((await verify('replay', '--url', large.url, '--key', large.vkey, '--json')).json).toMatchObject({
        ok: false,
        logIndex: 0,
        error: 'tile tile/2/000.p/1 holds a hash of log entries 0-65535 that the entries do not give',
      });
    } finally {
      await large.close();
    }
  }, 60_000);
});

describe('verify entry', () => {
  let log: Awaited<ReturnType<typeof logOf>>;
  beforeAll(async () => {
    log = await logOf(600, [randomEntry('filing', 'fil_proved', 1), randomEntry('flag', 'flg_other', 1), randomEntry('filing', 'fil_proved', 2)]);
  });
  afterAll(() => log.close());
  afterEach(() => log.restore());
  const entry = (...more: string[]) => verify('entry', '--url', log.url, '--key', log.vkey, '--type', 'filing', '--id', 'fil_proved', ...more);

  it('proves the latest version, or a given one, included in the signed tree', async () => {
    const latest = await entry('--json');
    expect(latest.code).toBe(0);
    expect(latest.json).toMatchObject({
      ok: true,
      logIndex: 602,
      treeSize: 603,
      rootHash: log.checkpoint.root.toString('base64'),
      leafHash: leafHash(log.entries[602]).toString('base64'),
      entry: { type: 'filing', id: 'fil_proved', version: 2 },
    });
    const first = await entry('--version', '1');
    expect(first.code).toBe(0);
    expect(first.out[0]).toMatch(/^verified: filing fil_proved version 1 is log entry 600, leaf hash /);
    expect(first.out[1]).toBe(`included in the tree of size 603 with root ${log.checkpoint.root.toString('base64')}, signed by registry.test/log`);
  });

  it('fails for changed bytes, an entry naming another record, and an entry the checkpoint does not cover', async () => {
    const changed = JSON.parse(log.entries[600].toString('utf8'));
    changed.record.period = '2019-06';
    replaceEntry(log, 600, Buffer.from(canonicalize(changed) as string));
    expect((await entry('--version', '1', '--json')).json).toMatchObject({ ok: false, logIndex: 600, error: expect.stringMatching(/^inclusion of log index 600 in tree size 603 fails/) });
    log.restore();
    expect((await verify('entry', '--url', log.url, '--key', log.vkey, '--type', 'flag', '--id', 'fil_proved')).code).toBe(1);
    expect((await entry('--version', '3')).err).toEqual(['VERIFICATION FAILED: the log has no public entry for filing fil_proved version 3']);
    log.entries.push(randomEntry('filing', 'fil_pending', 1));
    const pending = await verify('entry', '--url', log.url, '--key', log.vkey, '--type', 'filing', '--id', 'fil_pending');
    expect([pending.code, pending.err]).toEqual([1, ['VERIFICATION FAILED: log index 603 is not covered by the signed checkpoint (tree size 603) yet']]);
  });
});

describe('verify checkpoint', () => {
  let log: FakeLog;
  let state: string;
  beforeAll(async () => {
    log = await startFakeLog(Array.from({ length: 1000 }, () => randomEntry()));
    state = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'registry-verify-')), 'state.json');
  });
  afterAll(() => log.close());
  const check = (...more: string[]) => verify('checkpoint', '--url', log.url, '--key', log.vkey, '--state', state, ...more);

  it('checks the signature, saves the checkpoint, and proves later ones consistent with it', async () => {
    const first = await check();
    expect(first.code).toBe(0);
    expect(first.out).toEqual([
      `verified the checkpoint of registry.test/log: tree size 1000, root ${log.checkpoint.root.toString('base64')}, signed by registry.test/log`,
      `no earlier checkpoint of this log was saved; saved this one in ${state}`,
    ]);
    log.append(Array.from({ length: 70 }, () => randomEntry()));
    expect((await check('--json')).json).toMatchObject({ ok: true, treeSize: 1070, previousTreeSize: 1000 });
    expect((await check('--json')).json).toMatchObject({ ok: true, treeSize: 1070, previousTreeSize: 1070 });
    expect(JSON.parse(fs.readFileSync(state, 'utf8'))).toEqual({ 'registry.test/log': log.files.get('checkpoint')?.toString() });
  });

  it('refuses a forged signature, another key and another origin', async () => {
    const genuine = log.files.get('checkpoint') as Buffer;
    const forged = Buffer.from(genuine.toString().replace(/^1070$/m, '1071'));
    log.files.set('checkpoint', forged);
    expect((await check()).err).toEqual([`VERIFICATION FAILED: checkpoint from ${log.url}/log/checkpoint: invalid signature for key registry.test/log+${log.key.keyId.toString(16).padStart(8, '0')}`]);
    const impostor = generateNoteKey('registry.test/log');
    log.files.set('checkpoint', Buffer.from(signCheckpoint({ ...log.checkpoint }, impostor)));
    expect((await check()).code).toBe(1);
    log.files.set('checkpoint', genuine);
    const renamed = generateNoteKey('elsewhere.test/log');
    const wrongOrigin = await verify('checkpoint', '--url', log.url, '--key', formatVerifierKey(renamed), '--state', state);
    expect(wrongOrigin.code).toBe(1);
    expect((await check('--origin', 'elsewhere.test/log')).err[0]).toMatch(/checkpoint is for origin "registry.test\/log", not "elsewhere.test\/log"/);
    expect((await check()).code).toBe(0);
  });

  it('fails, naming the sizes, when the log shrank, re-signed a size with another root, or forked', async () => {
    const saved = fs.readFileSync(state, 'utf8');
    const signed = (size: number, root: Buffer) => Buffer.from(signCheckpoint({ origin: log.origin, size, root }, log.key));
    const genuine = log.files.get('checkpoint') as Buffer;
    log.files.set('checkpoint', signed(1000, log.checkpoint.root));
    expect((await check('--json')).json).toMatchObject({ ok: false, fromSize: 1070, toSize: 1000, error: 'the log shrank: tree size 1000 after 1070 was signed' });
    log.files.set('checkpoint', signed(1070, leafHash(Buffer.from('fork'))));
    expect((await check()).err).toEqual(['VERIFICATION FAILED: two different roots were signed for tree size 1070']);
    // a fork: another history of 2000 entries under the same key
    const fork = await startFakeLog(Array.from({ length: 2000 }, () => randomEntry()));
    log.files = new Map([...fork.files].filter(([name]) => name !== 'checkpoint'));
    log.files.set('checkpoint', signed(2000, fork.checkpoint.root));
    await fork.close();
    const forked = await check('--json');
    expect(forked.json).toMatchObject({ ok: false, fromSize: 1070, toSize: 2000 });
    expect(forked.json.error).toMatch(/^consistency of tree size 1070 with tree size 2000 fails: /);
    expect(fs.readFileSync(state, 'utf8')).toBe(saved);
    log.files.set('checkpoint', genuine);
  });
});

describe('verify command line', () => {
  it('answers usage and network errors with exit code 2', async () => {
    const key = formatVerifierKey(generateNoteKey('registry.test/log'));
    const nothing = await verify('frobnicate');
    expect([nothing.code, nothing.err[0]]).toEqual([2, 'Unknown check "frobnicate".']);
    expect(nothing.err.join('\n')).toContain('Exit codes: 0 verified');
    expect((await verify('replay', '--url', 'http://127.0.0.1:1')).err[0]).toBe('--key is required');
    expect((await verify('replay', '--url', 'http://127.0.0.1:1', '--key', 'nonsense')).err[0]).toBe('--key: a key has three parts separated by +');
    expect((await verify('entry', '--url', 'http://127.0.0.1:1', '--key', key, '--id', 'x')).err[0]).toBe('--type is required');
    const unreachable = await verify('replay', '--url', 'http://127.0.0.1:1', '--key', key, '--json');
    expect(unreachable.code).toBe(2);
    expect(unreachable.json.error).toMatch(/^cannot reach http:\/\/127.0.0.1:1\/log\/checkpoint/);
  });

  it('runs as `registry verify` in a child process without loading the database layer', async () => {
    const log = await startFakeLog(Array.from({ length: 300 }, () => randomEntry()));
    try {
      const root = path.resolve(__dirname, '../..');
      const run = (...argv: string[]) =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
          const child = require('node:child_process').spawn(process.execPath, ['dist/src/cli/registry.js', 'verify', ...argv], { cwd: root });
          let [stdout, stderr] = ['', ''];
          child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
          child.on('exit', (status: number | null) => resolve({ status, stdout, stderr }));
        });
      const ok = await run('replay', '--url', log.url, '--key', log.vkey);
      expect([ok.status, ok.stderr]).toEqual([0, '']);
      expect(ok.stdout).toMatch(/^replayed 300 entries of registry.test\/log/);
      flipTileHash(log, 'tile/0/001.p/44', 3);
      const failed = await run('replay', '--url', log.url, '--key', log.vkey);
      expect([failed.status, failed.stderr]).toEqual([1, 'VERIFICATION FAILED: log entry 259 does not give the leaf hash stored in tile tile/0/001.p/44\n']);
      const loaded = spawnSync(process.execPath, ['-e', "require('./dist/src/cli/verify'); console.log(Object.keys(require.cache).filter((f) => /mikro-orm|@apollo|node_modules\\/pg\\//.test(f)).length)"], { cwd: root });
      expect(loaded.stdout.toString().trim()).toBe('0');
    } finally {
      await log.close();
    }
  });
});
