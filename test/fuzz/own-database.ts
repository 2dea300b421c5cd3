import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { connectOrm, migrate } from '../../src/database/orm';

/** A database the fuzz test has to itself; `drop()` removes it. */
export interface OwnDatabase {
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
 * On a real server, points DATABASE_URL at a fresh, migrated database: other test files write to the shared one
 * in parallel, which would blur the fuzzer's before/after row counts. The embedded database runs test files one
 * at a time, so there the shared one is kept.
 */
export async function useOwnDatabase(): Promise<OwnDatabase> {
  const shared = process.env.DATABASE_URL as string;
  if (process.env.TEST_EMBEDDED_DB === '1') return { drop: async () => undefined };
  const name = `fuzz_${randomBytes(6).toString('hex')}`;
  await onServer(shared, `create database "${name}"`);
  const url = new URL(shared);
  url.pathname = `/${name}`;
  const orm = await connectOrm(url.toString(), false, { logger: () => undefined });
  await migrate(orm);
  await orm.close();
  process.env.DATABASE_URL = url.toString();
  return {
    async drop() {
      process.env.DATABASE_URL = shared;
      await onServer(shared, `drop database if exists "${name}" with (force)`);
    },
  };
}
