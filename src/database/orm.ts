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
  await orm.getMigrator().up();
}
