import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { connectOrm, migrate } from '../src/database/orm';
import { UTF8_DATABASE_OPTIONS } from '../src/database/utf8-database';
import { startChild } from './child-process';

const LOCAL_SERVER = 'postgresql://postgres@127.0.0.1:5432';
const BENCH_DATABASE = 'registry_bench';

/** The database the benchmark runs on, and how it was found. */
export interface BenchDatabase {
  url: string;
  /** `DATABASE_URL`, a fresh `registry_bench` on the local server, or embedded PGlite (one connection). */
  kind: 'DATABASE_URL' | 'local server' | 'embedded PGlite';
  /** Connections each server under test may open (PGlite serves one at a time). */
  poolSize: number;
  /** The PGlite child process, when embedded. */
  host?: ChildProcess;
}

/** Picks the database: DATABASE_URL, else a fresh `registry_bench` on the local server, else PGlite in a child process. */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const given = process.env.DATABASE_URL?.trim();
  if (given) return { url: given, kind: 'DATABASE_URL', poolSize: 10 };
  const admin = new Client({ connectionString: `${LOCAL_SERVER}/postgres`, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    const host = await startChild('pglite');
    return { url: host.message as string, kind: 'embedded PGlite', poolSize: 1, host: host.child };
  }
  try {
    await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
    await admin.query(`create database ${BENCH_DATABASE} ${UTF8_DATABASE_OPTIONS}`);
  } finally {
    await admin.end();
  }
  return { url: `${LOCAL_SERVER}/${BENCH_DATABASE}`, kind: 'local server', poolSize: 10 };
}

/** Applies the registry's migrations through its own ORM setup, then closes the ORM. */
export async function migrateBenchDatabase(db: BenchDatabase): Promise<void> {
  const orm = await connectOrm(db.url, db.poolSize === 1);
  try {
    await migrate(orm);
  } finally {
    await orm.close();
  }
}

/**
 * A fresh database `name` on the local server (UTF-8 ctype, migrated) for a section that seeds a world of its
 * own; on DATABASE_URL or embedded PGlite, the bench database itself.
 */
export async function openSectionDatabase(db: BenchDatabase, name: string): Promise<BenchDatabase> {
  if (db.kind !== 'local server') return db;
  const admin = new Client({ connectionString: `${LOCAL_SERVER}/postgres` });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name} ${UTF8_DATABASE_OPTIONS}`);
  } finally {
    await admin.end();
  }
  const own: BenchDatabase = { url: `${LOCAL_SERVER}/${name}`, kind: 'local server', poolSize: db.poolSize };
  await migrateBenchDatabase(own);
  return own;
}
