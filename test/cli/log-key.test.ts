import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { logVerifierKeyLine } from '../../src/cli/log-key';
import { LogKeyError, loadOrCreateLogKey } from '../../src/modules/ledger/log-key';
import { formatVerifierKey } from '../../src/modules/ledger/note-keys';

describe('npm run registry -- log-key', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-log-key-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("prints the verifier key of the server's key file in DATA_DIR", () => {
    const serverKey = loadOrCreateLogKey(path.join(dir, 'server', 'log-signing.key'), 'cli.example/log');
    const line = logVerifierKeyLine({ DATA_DIR: path.join(dir, 'server'), LOG_ORIGIN: 'cli.example/log' });
    expect(line).toMatch(/^cli\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(line).toBe(formatVerifierKey(serverKey));
  });

  it('reads LOG_KEY_FILE when set', () => {
    const file = path.join(dir, 'elsewhere.key');
    const serverKey = loadOrCreateLogKey(file, 'cli.example/log');
    expect(logVerifierKeyLine({ DATA_DIR: path.join(dir, 'unused'), LOG_KEY_FILE: file, LOG_ORIGIN: 'cli.example/log' })).toBe(formatVerifierKey(serverKey));
  });

  it('creates no key when there is none, and says where the server keeps it', () => {
    const empty = path.join(dir, 'empty');
    const run = () => logVerifierKeyLine({ DATA_DIR: empty, LOG_ORIGIN: 'cli.example/log' });
    expect(run).toThrow(LogKeyError);
    expect(run).toThrow(`There is no log signing key at ${path.join(empty, 'log-signing.key')}`);
    expect(run).toThrow(/\$DATA_DIR\/log-signing\.key .*LOG_KEY_FILE/);
    expect(fs.existsSync(empty)).toBe(false);
  });

  it('refuses a key file for another origin rather than print its key', () => {
    loadOrCreateLogKey(path.join(dir, 'other', 'log-signing.key'), 'a.example/log');
    expect(() => logVerifierKeyLine({ DATA_DIR: path.join(dir, 'other'), LOG_ORIGIN: 'b.example/log' })).toThrow(/is for origin "a.example\/log"/);
  });
});
