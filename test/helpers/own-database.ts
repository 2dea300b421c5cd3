import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { connectOrm, migrate } from '../../src/database/orm';
import { UTF8_DATABASE_OPTIONS } from '../../src/database/utf8-database';

/** A database a test file has to itself; `drop()` removes it. */
export interface OwnDatabase {
  url: string;
  drop(): Promise<void>;
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * On a real server, a fresh, migrated database named `<prefix>_<random>` beside the shared one; null on the
 * embedded database, which runs test files one at a time.
 */
export async function createOwnDatabase(prefix: string): Promise<OwnDatabase | null> {
  const shared = process.env.DATABASE_URL as string;
  if (process.env.TEST_EMBEDDED_DB === '1') return null;
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onServer(shared, `create database "${name}" ${UTF8_DATABASE_OPTIONS}`);
  const url = new URL(shared);
  url.pathname = `/${name}`;
  const orm = await connectOrm(url.toString(), false, { logger: () => undefined });
  await migrate(orm);
  await orm.close();
  return { url: url.toString(), drop: () => onServer(shared, `drop database if exists "${name}" with (force)`) };
}

/**
 * Points DATABASE_URL at a database of this file's own (see createOwnDatabase) until `drop()`: for a file whose
 * checks other files' parallel writes would blur (row counts before and after), or whose tampering behind the
 * ledger other files would see (a changed log entry or tile hash).
 */
export async function useOwnDatabase(prefix: string): Promise<Pick<OwnDatabase, 'drop'>> {
  const shared = process.env.DATABASE_URL as string;
  const own = await createOwnDatabase(prefix);
  if (!own) return { drop: async () => undefined };
  process.env.DATABASE_URL = own.url;
  return {
    async drop() {
      process.env.DATABASE_URL = shared;
      await own.drop();
    },
  };
}
