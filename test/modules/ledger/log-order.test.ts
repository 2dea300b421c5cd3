import { sql } from '../../../src/shared/sql';
import { buildAssociation } from '../../../seeds/factories';
import { REGISTER, registerVariables } from '../../helpers/operations';
import { startTestApp, TestApp } from '../../helpers/test-app';

const WRITERS = 40;

describe('log indexes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('follow commit order with no gaps: a reader paging the log while many writers commit never skips or reorders an entry', async () => {
    const { association } = await buildAssociation(app.orm.em);
    const em = app.orm.em.fork();
    const [{ next }] = await sql<{ next: string }>(em, 'select next from log_state where id = 1');
    let cursor = Number(next);
    const seen: string[] = [];
    let writing = true;

    /** Reads the next page after `cursor`; every index it returns must be the next one expected. */
    const readPage = async () => {
      const rows = await sql<{ log_index: string; entity_id: string }>(em, 'select log_index, entity_id from ledger_entry where log_index >= ? order by log_index limit 25', [cursor]);
      for (const row of rows) {
        expect(Number(row.log_index)).toBe(cursor);
        cursor++;
        seen.push(row.entity_id);
      }
      return rows.length;
    };
    const reader = (async () => {
      while (writing) await readPage();
      while ((await readPage()) > 0);
    })();

    const results = await Promise.all(Array.from({ length: WRITERS }, () => app.execute(REGISTER, registerVariables(association.id))));
    writing = false;
    await reader;

    const ids = results.map((r) => r.data.registerPlatform.platform.id);
    // each registration wrote its platform and its first status change publicly; the reader saw each exactly once
    for (const id of ids) expect(seen.filter((entityId) => entityId === id)).toHaveLength(1);
    expect(seen.length).toBeGreaterThanOrEqual(WRITERS * 2);
  });
});
