import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUscc } from '../../seeds/factories';
import { runCommand, UsageError } from '../../src/cli/commands';
import { startTestApp, TestApp } from '../helpers/test-app';

describe('operator CLI commands', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const run = (...argv: string[]) => runCommand(app.orm, argv) as Promise<any>;

  it('creates an association whose admin token works, adds a reviewer, issues and revokes a token', async () => {
    const created = await run('create-association', '--name', `CLI association ${Date.now()}`, '--admin', 'Ada');
    expect(created.adminToken).toMatch(/^frt_/);
    expect((await app.execute('{ me { name role associationId } }', {}, created.adminToken)).data.me).toEqual({
      name: 'Ada',
      role: 'ASSOCIATION_ADMIN',
      associationId: created.associationId,
    });

    const reviewer = await run('add-member', '--as', created.adminMemberId, '--name', 'Rui', '--role', 'REVIEWER');
    const issued = await run('issue-token', '--member', reviewer.memberId, '--label', 'laptop');
    expect((await app.execute('{ me { role } }', {}, issued.token)).data.me).toEqual({ role: 'REVIEWER' });
    expect(await run('list-members', '--organisation', created.associationId)).toEqual([
      { memberId: created.adminMemberId, name: 'Ada', role: 'ASSOCIATION_ADMIN' },
      { memberId: reviewer.memberId, name: 'Rui', role: 'REVIEWER' },
    ]);

    const revoked = await run('revoke-token', '--token', issued.tokenId);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    await expect(app.execute('{ me { role } }', {}, issued.token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('imports record files into a named association, idempotently', async () => {
    const { associationId } = await run('create-association', '--name', `CLI import ${Date.now()}`, '--admin', 'Ada');
    // the S11 example under a USCC of its own, so other test files importing S11 do not meet it
    const example = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seeds/examples/records/S11-missing-may-filing.json'), 'utf8'));
    example.platform.uscc = randomUscc();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'registry-cli-')), 'S11.json');
    fs.writeFileSync(file, JSON.stringify(example));
    const [first] = await run('import', file, '--association', associationId);
    // a new association has no rules yet, so nothing is flagged (the examples test covers the flags)
    expect(first).toMatchObject({ platformCreated: true, qualificationsCreated: 5, filingsCreated: 2, filingsUnchanged: 0, flagsRaised: 0 });
    const [again] = await run('import', file, '--association', associationId);
    expect(again).toMatchObject({ platformCreated: false, qualificationsCreated: 0, filingsCreated: 0, filingsUnchanged: 2, flagsRaised: 0 });
  });

  it('explains unknown commands and missing options', async () => {
    await expect(run('frobnicate')).rejects.toThrow(/Unknown command "frobnicate"/);
    await expect(run('create-association', '--name', 'X')).rejects.toThrow(new UsageError('--admin is required'));
    await expect(run('import')).rejects.toThrow('name at least one FILE to import');
  });
});
