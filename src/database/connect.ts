import { MikroORM } from '@mikro-orm/postgresql';
import { Config } from '../config';
import { EmbeddedDatabase, startEmbeddedDatabase } from './embedded';
import { connectOrm, migrate } from './orm';

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
