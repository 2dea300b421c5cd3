import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { connectOrm, migrate } from '../../../src/database/orm';

/** Runs one statement on the suite's server as its user. */
async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// the embedded database is always created with a UTF-8 ctype (C.UTF-8); a server's databases may not be
const onAServer = process.env.TEST_EMBEDDED_DB === '1' ? describe.skip : describe;

onAServer('a database whose ctype is not UTF-8', () => {
  const name = `search_ctype_${randomBytes(6).toString('hex')}`;
  afterAll(() => onServer(`drop database if exists "${name}" with (force)`));

  it('is refused by the migrations with a message saying how to create one, rather than searched wrongly', async () => {
    await onServer(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
    const url = new URL(process.env.DATABASE_URL as string);
    url.pathname = `/${name}`;
    const orm = await connectOrm(url.toString(), false, { logger: () => undefined });
    try {
      await expect(migrate(orm)).rejects.toThrow(/needs a database whose LC_CTYPE is UTF-8[\s\S]*CREATE DATABASE <name> template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'/);
      // the migrations run in one transaction: none of their tables stays behind (only MikroORM's own record of them)
      const tables: { tablename: string }[] = await orm.em.getConnection().execute(`select tablename from pg_tables where schemaname = 'public'`);
      expect(tables.map((t) => t.tablename)).toEqual(['mikro_orm_migrations']);
    } finally {
      await orm.close();
    }
  });
});
