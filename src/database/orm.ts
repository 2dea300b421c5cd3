import fs from 'node:fs';
import { MikroORM, Options } from '@mikro-orm/postgresql';
import { ormConfig } from '../../mikro-orm.config';

/**
 * Connects the ORM; `embedded` keeps the pool at one connection, the most the PGlite socket serves.
 * Its log lines are coloured only on a terminal: a log file or collector gets no ANSI codes.
 */
export async function connectOrm(url: string, embedded: boolean, extra: Partial<Options> = {}) {
  const pool = embedded ? { min: 0, max: 1 } : { min: 0, max: 10 };
  return MikroORM.init(ormConfig(url, { pool, colors: Boolean(process.stdout.isTTY), ...extra }));
}

/** Applies every pending committed migration. */
export async function migrate(orm: MikroORM): Promise<void> {
  if (!(await mayHavePendingMigrations(orm))) return;
  await (await migratorOf(orm)).up();
}

/**
 * The ORM's migrator, loaded on first use and registered explicitly: MikroORM's own lookup resolves the
 * package from the working directory and misreads a directory with a dot in its name (`/tmp/tmp.X1y2`) as
 * a file, failing with "Please install @mikro-orm/migrations".
 */
export async function migratorOf(orm: MikroORM) {
  const { Migrator } = await import('@mikro-orm/migrations');
  Migrator.register(orm);
  return orm.getMigrator();
}

/**
 * False only when every migration file is recorded as applied: one directory listing and one query,
 * without loading the migrator (umzug and MikroORM's migration tooling, several hundred milliseconds of
 * a boot). Whenever the answer is not certain (no table yet, an unreadable directory) the migrator decides.
 */
async function mayHavePendingMigrations(orm: MikroORM): Promise<boolean> {
  const { path: dir, tableName = 'mikro_orm_migrations' } = orm.config.get('migrations');
  const stripped = (name: string) => name.replace(/\.(js|ts|cjs)$/, '');
  try {
    const files = fs.readdirSync(dir!).filter((f) => /\.(js|ts|cjs)$/.test(f) && !f.endsWith('.d.ts'));
    const connection = orm.em.getConnection();
    const [{ present }] = await connection.execute<{ present: boolean }[]>('select to_regclass(?) is not null as present', [tableName]);
    if (!present) return true;
    const applied = new Set((await connection.execute<{ name: string }[]>(`select name from ${tableName}`)).map((r) => stripped(r.name)));
    return files.some((f) => !applied.has(stripped(f)));
  } catch {
    return true;
  }
}
