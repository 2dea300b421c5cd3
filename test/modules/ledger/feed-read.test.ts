import { readFeed, readFeedBackwards } from '../../../src/modules/ledger/feed';
import { sql } from '../../../src/shared/sql';
import { buildWorld } from '../../helpers/world';
import { startTestApp, TestApp } from '../../helpers/test-app';

describe('reading the feed within a byte budget', () => {
  let app: TestApp;
  let sizes: number[];
  beforeAll(async () => {
    app = await startTestApp();
    await buildWorld(app.orm.em);
    const rows = await sql<{ bytes: number }>(app.orm.em.fork(), 'select octet_length(entry) as bytes from ledger_entry where log_index < 4 order by log_index');
    sizes = rows.map((row) => Number(row.bytes));
  });
  afterAll(() => app.close());

  const indexes = (page: { entries: { logIndex: bigint }[] }) => page.entries.map((entry) => Number(entry.logIndex));

  it('stops before the entry that would pass maxBytes, and says the read was cut', async () => {
    const em = app.orm.em.fork();
    const whole = await readFeed(em, null, { limit: 4 });
    expect([indexes(whole), whole.cut]).toEqual([[0, 1, 2, 3], false]);
    expect(whole.entries.map((entry) => Buffer.byteLength(entry.text))).toEqual(sizes);
    const two = await readFeed(em, null, { limit: 4, maxBytes: sizes[0] + sizes[1] });
    expect([indexes(two), two.cut]).toEqual([[0, 1], true]);
    const one = await readFeed(em, null, { limit: 4, maxBytes: sizes[0] + sizes[1] - 1 });
    expect([indexes(one), one.cut]).toEqual([[0], true]);
    const exact = await readFeed(em, null, { limit: 2, maxBytes: sizes[0] + sizes[1] });
    expect([indexes(exact), exact.cut]).toEqual([[0, 1], false]);
  });

  it('always returns one entry, however large, so a reader never stalls', async () => {
    const page = await readFeed(app.orm.em.fork(), 1n, { limit: 3, maxBytes: 1 });
    expect([indexes(page), page.cut]).toEqual([[2], true]);
  });

  it('counts the budget from the cursor when reading backwards', async () => {
    const page = await readFeedBackwards(app.orm.em.fork(), 4n, { limit: 4, maxBytes: sizes[3] + sizes[2] });
    expect([indexes(page), page.cut]).toEqual([[3, 2], true]);
  });
});
