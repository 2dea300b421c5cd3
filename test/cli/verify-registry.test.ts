import { runVerify } from '../../src/cli/verify';
import { formatVerifierKey } from '../../src/modules/ledger/note-keys';
import { behindTheLedger } from '../helpers/ledger';
import { buildFilingAssociation, buildFilingPlatform, FilingPlatform, SUBMIT_FILING, submitVariables } from '../helpers/filing-world';
import { useOwnDatabase } from '../helpers/own-database';
import { startTestApp, TEST_LOG_KEY, TestApp } from '../helpers/test-app';
import { integrateAll, lastLogIndex } from '../modules/ledger/log-helpers';

/** Runs the verifier with --json against the app; returns its exit code and its JSON answer. */
async function verify(...argv: string[]): Promise<{ code: number; json: any }> {
  const out: string[] = [];
  const code = await runVerify([...argv, '--json'], { out: (line) => out.push(line), err: (line) => out.push(line) });
  return { code, json: JSON.parse(out[0]) };
}

describe('verify against the registry', () => {
  let app: TestApp;
  let platform: FilingPlatform;
  let common: string[];
  // its tampering behind the ledger (an entry, a tile hash) must not show in other files' reads of the log
  let own: Awaited<ReturnType<typeof useOwnDatabase>>;
  beforeAll(async () => {
    own = await useOwnDatabase('verify');
    app = await startTestApp();
    platform = await buildFilingPlatform(app, await buildFilingAssociation(app, { rulebook: false }));
    await app.post('{ __typename }');
    const { port } = app.server.httpServer.address() as { port: number };
    common = ['--url', `http://127.0.0.1:${port}`, '--key', formatVerifierKey(TEST_LOG_KEY)];
  });
  afterAll(async () => {
    await app?.close();
    await own?.drop();
  });

  it('proves a submitted filing included, replays the whole log, and names the entry changed behind the ledger', async () => {
    const submitted = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-05'), platform.tokens.filer);
    expect(submitted.errors).toBeUndefined();
    const filingId = submitted.data.submitFiling.id;
    // a later entry, so the filing's leaf is never on the tree's right edge, which the integrator reads back
    expect((await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-06'), platform.tokens.filer)).errors).toBeUndefined();
    await integrateAll(app.orm);
    const logIndex = await lastLogIndex(app.orm, filingId);

    const entry = await verify('entry', ...common, '--type', 'filing', '--id', filingId);
    expect(entry.code).toBe(0);
    expect(entry.json).toMatchObject({ ok: true, logIndex, origin: TEST_LOG_KEY.name, entry: { type: 'filing', id: filingId, version: 1 } });
    expect(entry.json.treeSize).toBeGreaterThan(logIndex);
    const replay = await verify('replay', ...common);
    expect(replay.json).toMatchObject({ ok: true, origin: TEST_LOG_KEY.name });
    expect(replay.json.treeSize).toBeGreaterThanOrEqual(entry.json.treeSize);

    const [{ entry: original }] = await app.orm.em.fork().getConnection().execute('select entry from ledger_entry where log_index = ?', [logIndex]);
    const changed = Buffer.from(original.toString('utf8').replace('"period":"2019-05"', '"period":"2019-04"'));
    expect(changed.equals(original)).toBe(false);
    await behindTheLedger(app.orm.em, 'update ledger_entry set entry = ? where log_index = ?', [changed, logIndex]);
    try {
      const tampered = await verify('replay', ...common);
      expect(tampered).toMatchObject({ code: 1, json: { ok: false, logIndex } });
      expect(tampered.json.error).toMatch(new RegExp(`^log entry ${logIndex} does not give the leaf hash stored in tile tile/0/`));
      expect(await verify('entry', ...common, '--type', 'filing', '--id', filingId)).toMatchObject({ code: 1, json: { logIndex } });
    } finally {
      await behindTheLedger(app.orm.em, 'update ledger_entry set entry = ? where log_index = ?', [original, logIndex]);
    }

    const [{ hash }] = await app.orm.em.fork().getConnection().execute('select hash from log_subtree where level = 0 and "index" = ?', [logIndex]);
    const flipped = Buffer.from(hash);
    flipped[31] ^= 1;
    await behindTheLedger(app.orm.em, 'update log_subtree set hash = ? where level = 0 and "index" = ?', [flipped, logIndex]);
    try {
      expect(await verify('replay', ...common)).toMatchObject({ code: 1, json: { ok: false, logIndex } });
    } finally {
      await behindTheLedger(app.orm.em, 'update log_subtree set hash = ? where level = 0 and "index" = ?', [hash, logIndex]);
    }
    expect((await verify('replay', ...common)).code).toBe(0);
  });
});
