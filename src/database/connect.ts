import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import type * as Embedded from './embedded';
import type { EmbeddedDatabase } from './embedded';
import type * as Orm from './orm';

/** An open database: the ORM plus, when embedded, the PGlite it runs on. */
export interface Database {
  orm: MikroORM;
  embedded?: EmbeddedDatabase;
  close(): Promise<void>;
}

/**
 * Opens the configured database (DATABASE_URL, or embedded PGlite in `dataDir`) and applies migrations;
 * the ORM's own messages (the migrations it applies) go to `logger`, else to stdout.
 */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>, logger?: (message: string) => void): Promise<Database> {
  // loaded here, not at the top: a CLI that only prints its usage never loads PGlite or the ORM
  const { startEmbeddedDatabase } = require('./embedded') as typeof Embedded;
  const { connectOrm, migrate } = require('./orm') as typeof Orm;
  const embedded = config.databaseUrl ? undefined : await startEmbeddedDatabase(config.dataDir);
  try {
    const orm = await connectOrm(config.databaseUrl ?? embedded!.url, Boolean(embedded), logger ? { logger } : {});
    await migrate(orm);
    return {
      orm,
      embedded,
      async close() {
        await orm.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
