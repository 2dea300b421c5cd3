import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { buildPlatform } from '../../../seeds/factories';
import { runWrite } from '../../../src/modules/ledger';
import { LedgerEntry } from '../../../src/modules/ledger/ledger-entry.entity';
import { UnrecordedWriteError } from '../../../src/modules/ledger/write-guard';
import { Platform } from '../../../src/modules/platforms/platform.entity';
import { CHANGE_STATUS, REGISTER, registerVariables } from '../../helpers/operations';
import { buildFilingAssociation, buildFilingPlatform, FilingAssociation, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';
import { ledgerEntries } from '../../helpers/ledger';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';

describe('the ledger write path', () => {
  let app: TestApp;
  let association: FilingAssociation;
  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
  });
  afterAll(() => app.close());

  it('records each version as exact canonical bytes with their SHA-256; public entries get log indexes, staff stay private', async () => {
    const registered = await app.execute(REGISTER, registerVariables(association.id));
    const { platform, owner } = registered.data.registerPlatform;
    const rows = await app.orm.em.fork().find(LedgerEntry, { entityId: { $in: [platform.id, owner.id] } }, { orderBy: { entityType: 'desc' } });
    expect(rows.map((r) => [r.entityType, r.version, r.public, r.logIndex === null])).toEqual([
      ['platform', 1, true, false],
      ['member', 1, false, true],
    ]);
    for (const row of rows) {
      expect(createHash('sha256').update(row.entry).digest()).toEqual(row.entrySha256);
      expect(canonicalize(JSON.parse(row.entry.toString('utf8')))).toBe(row.entry.toString('utf8'));
    }
    const [entry] = await ledgerEntries(app.orm.em, { entityId: platform.id });
    expect(entry).toMatchObject({ type: 'platform', id: platform.id, version: 1, action: 'platform.registered', actor: { organisation: 'public', role: null } });
    expect(Object.keys(entry.record)).not.toContain('id');
  });

  it('lets exactly one of two racing status changes win; the other gets a clear conflict and writes nothing', async () => {
    const losers: string[] = [];
    for (let round = 0; round < 5; round++) {
      const { platform } = await buildPlatform(app.orm.em, { associationId: association.id });
      const decide = (to: string) => app.execute(CHANGE_STATUS, { input: { platformId: platform.id, to, reason: to } }, association.tokens.reviewer);
      const results = await Promise.all([decide('APPROVED'), decide('REJECTED')]);
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      const loser = results.find((r) => r.errors)!;
      // on one connection (embedded) the loser comes second and is refused by the transition table
      expect(['VERSION_CONFLICT', 'REGISTRY_STATUS_TRANSITION_NOT_ALLOWED']).toContain(errorCodes(loser)[0]);
      losers.push(errorCodes(loser)[0]);
      const versions = (await ledgerEntries(app.orm.em, { entityType: 'platform', entityId: platform.id })).map((e) => [e.version, e.record.registryStatus]);
      const winner = results.find((r) => !r.errors)!.data.changeRegistryStatus.registryStatus;
      expect(versions).toEqual([
        [1, 'PENDING'],
        [2, winner],
      ]);
    }
    // with concurrent connections (a server) the two really race: the ledger's unique version decides
    if (process.env.TEST_EMBEDDED_DB !== '1') expect(losers).toContain('VERSION_CONFLICT');
  });

  it('refuses a flush that changes an entity without its entry', async () => {
    const { platform } = await buildPlatform(app.orm.em, { associationId: association.id });
    const rename = runWrite(app.orm.em.fork(), { memberId: null, label: 'system' }, async (write) => {
      const found = await write.em.findOneOrFail(Platform, platform.id);
      found.legalName = 'Renamed behind the ledger';
    });
    await expect(rename).rejects.toThrow(UnrecordedWriteError);
    expect((await app.orm.em.fork().findOneOrFail(Platform, platform.id)).legalName).toBe(platform.legalName);
    expect(await app.orm.em.fork().count(LedgerEntry, { entityId: platform.id })).toBe(1);
  });

  describe('in the database itself', () => {
    let filingId: string;
    let flagId: string;
    const run = (query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute(query, params);

    beforeAll(async () => {
      const platform = await buildFilingPlatform(app, association);
      const filed = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-05'), platform.tokens.filer);
      filingId = filed.data.submitFiling.id;
      flagId = filed.data.submitFiling.flags[0].id;
    });

    it.each([
      ['update ledger_entry set action = ? where entity_id = ?', () => ['x', filingId]],
      ['delete from ledger_entry where entity_id = ?', () => [filingId]],
      ['truncate ledger_entry', () => []],
      ['delete from log_state', () => []],
      ['update filing set period = ? where id = ?', () => ['2019-04', filingId]],
      ['delete from filing where id = ?', () => [filingId]],
      ['update flag set evidence = ? where id = ?', () => ['{}', flagId]],
      ['delete from flag where id = ?', () => [flagId]],
      ['truncate flag cascade', () => []],
    ])('refuses `%s`', async (query, params) => {
      await expect(run(query, params())).rejects.toThrow(/refused/);
    });

    it('lets a projection column change, with the version', async () => {
      await run('update flag set status_reason = status_reason, version = version where id = ?', [flagId]);
      await expect(run('update flag set status = status, raised_at = now() where id = ?', [flagId])).rejects.toThrow(/refused/);
    });

    it('restricts foreign keys: with the refusing trigger off, a filing that flags point to still cannot be deleted', async () => {
      const attempt = app.orm.em.fork().transactional(async (tx) => {
        const ctx = tx.getTransactionContext();
        await tx.getConnection().execute('alter table filing disable trigger filing_published', [], 'run', ctx);
        await tx.getConnection().execute('delete from filing where id = ?', [filingId], 'run', ctx);
      });
      await expect(attempt).rejects.toThrow(/foreign key/);
      expect(await run('select id from filing where id = ?', [filingId])).toHaveLength(1);
    });
  });
});
