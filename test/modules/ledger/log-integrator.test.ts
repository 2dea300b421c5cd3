import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { buildAssociation } from '../../../seeds/factories';
import { openCheckpoint } from '../../../src/modules/ledger/checkpoint';
import { rootFromLeafHashes } from '../../../src/modules/ledger/compact-range';
import { integrateLog, startLogIntegrator } from '../../../src/modules/ledger/integrator';
import { LogCheckpoint } from '../../../src/modules/ledger/log-checkpoint.entity';
import { LogKeyError, loadOrCreateLogKey } from '../../../src/modules/ledger/log-key';
import { latestCheckpoint, storedSubtrees } from '../../../src/modules/ledger/log-store';
import { leafHash, verifyConsistency } from '../../../src/modules/ledger/merkle';
import { formatVerifierKey } from '../../../src/modules/ledger/note-keys';
import { consistencyProof, rootHash } from '../../../src/modules/ledger/subtrees';
import { sql } from '../../../src/shared/sql';
import { behindTheLedger } from '../../helpers/ledger';
import { startTestApp, TEST_LOG_KEY, TestApp } from '../../helpers/test-app';
import { integrateAll, lastLogIndex } from './log-helpers';

describe('log integrator', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('signs a checkpoint that verifies and whose root is the root of every entry up to its size', async () => {
    const { association } = await buildAssociation(app.orm.em);
    const index = await lastLogIndex(app.orm, association.id);
    const size = await integrateAll(app.orm);
    expect(size).toBeGreaterThan(index);
    const stored = (await latestCheckpoint(app.orm.em.fork())) as LogCheckpoint;
    const checkpoint = openCheckpoint(stored.note, [TEST_LOG_KEY], TEST_LOG_KEY.name);
    expect(checkpoint.size).toBeGreaterThanOrEqual(size);
    const entries = await sql<{ entry: Buffer }>(app.orm.em.fork(), 'select entry from ledger_entry where log_index < ? order by log_index', [checkpoint.size]);
    expect(entries).toHaveLength(checkpoint.size);
    expect(rootFromLeafHashes(entries.map((e) => leafHash(e.entry))).toString('base64')).toBe(checkpoint.root.toString('base64'));
    expect(stored.root.equals(checkpoint.root)).toBe(true);
  });

  it('two integrators racing sign checkpoints that are consistent with each other and with the stored tree', async () => {
    await buildAssociation(app.orm.em);
    const before = await latestCheckpoint(app.orm.em.fork());
    await buildAssociation(app.orm.em);
    const results = await Promise.all([integrateLog(app.orm, TEST_LOG_KEY), integrateLog(app.orm, TEST_LOG_KEY)]);
    expect(results.some((r) => r !== null && r.added > 0)).toBe(true);
    const em = app.orm.em.fork();
    const checkpoints = await em.find(LogCheckpoint, { size: { $gte: before?.size ?? 0n } }, { orderBy: { size: 'asc' } });
    expect(checkpoints.length).toBeGreaterThanOrEqual(2);
    const hashes = storedSubtrees(em);
    for (const [i, c] of checkpoints.entries()) {
      const size = Number(c.size);
      expect((await rootHash(hashes, size)).equals(c.root)).toBe(true);
      expect(openCheckpoint(c.note, [TEST_LOG_KEY]).size).toBe(size);
      if (i === 0 || size === 0) continue;
      const from = Number(checkpoints[i - 1].size);
      if (from > 0) verifyConsistency(from, size, await consistencyProof(hashes, from, size), checkpoints[i - 1].root, c.root);
    }
  });

  it('running in the background, covers a write with a checkpoint within 5 s', async () => {
    await integrateAll(app.orm);
    const integrator = startLogIntegrator(app.orm, TEST_LOG_KEY, 100, pino({ level: 'silent' }));
    try {
      const { association } = await buildAssociation(app.orm.em);
      const written = Date.now();
      const index = await lastLogIndex(app.orm, association.id);
      let covered = 0;
      while (covered <= index && Date.now() - written < 5000) {
        covered = Number((await latestCheckpoint(app.orm.em.fork()))?.size ?? 0);
        if (covered <= index) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(covered).toBeGreaterThan(index);
      expect(Date.now() - written).toBeLessThan(5000);
    } finally {
      await integrator.stop();
    }
  });

  it('stored subtrees and checkpoints are append-only', async () => {
    await integrateAll(app.orm);
    const em = app.orm.em.fork();
    const refusals = ['update log_checkpoint set note = note', 'delete from log_checkpoint', 'update log_subtree set hash = hash', 'delete from log_subtree', 'truncate log_subtree'];
    for (const statement of refusals) {
      await expect(sql(em, statement)).rejects.toThrow(/append-only/);
    }
    // as the database owner with triggers off (a tamper test's way in), the refusal is gone: the triggers did it
    await expect(behindTheLedger(app.orm.em, 'update log_checkpoint set note = note where size = -1')).resolves.toBeUndefined();
  });
});

describe('log signing key file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-key-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is created once with mode 0600 and gives the same key after a restart', () => {
    const file = path.join(dir, 'nested', 'log-signing.key');
    const first = loadOrCreateLogKey(file, 'registry.example.org/log');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^PRIVATE\+KEY\+registry\.example\.org\/log\+[0-9a-f]{8}\+/);
    const again = loadOrCreateLogKey(file, 'registry.example.org/log');
    expect(formatVerifierKey(again)).toBe(formatVerifierKey(first));
    expect(again.seed.equals(first.seed)).toBe(true);
  });

  it('refuses a key for another origin, a malformed file and one others can read', () => {
    const file = path.join(dir, 'other.key');
    loadOrCreateLogKey(file, 'a.example/log');
    expect(() => loadOrCreateLogKey(file, 'b.example/log')).toThrow(/is for origin "a.example\/log"/);
    const bad = path.join(dir, 'bad.key');
    fs.writeFileSync(bad, 'not a key\n', { mode: 0o600 });
    expect(() => loadOrCreateLogKey(bad, 'a.example/log')).toThrow(LogKeyError);
    fs.chmodSync(file, 0o644);
    expect(() => loadOrCreateLogKey(file, 'a.example/log')).toThrow(/readable by others/);
  });
});
