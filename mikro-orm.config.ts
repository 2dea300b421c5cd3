import 'reflect-metadata';
import path from 'node:path';
import { defineConfig, Options } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/core';
import { entities } from './src/entities';
import { LogAppendNotifier } from './src/modules/ledger/log-events';
import { WriteGuard } from './src/modules/ledger/write-guard';

/** MikroORM settings for a database URL; `extra` lets tests and the embedded database tune the pool or logger. */
export function ormConfig(clientUrl: string, extra: Partial<Options> = {}) {
  return defineConfig({
    clientUrl,
    entities,
    metadataProvider: ReflectMetadataProvider,
    // no `extensions`: MikroORM loads @mikro-orm/migrations (and the seeder) itself when first asked for
    // them (orm.migrator, orm.seeder), so a boot without pending migrations never loads the migration tooling
    // no entity of the ledger is flushed without its entry (src/modules/ledger/write-guard.ts); commits that
    // appended public entries wake this process's subscribers (src/modules/ledger/log-events.ts)
    subscribers: [new WriteGuard(), new LogAppendNotifier()],
    migrations: {
      path: path.join(__dirname, 'src/migrations'),
      pathTs: path.join(__dirname, 'src/migrations'),
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
    },
    // tables that are no entity's: the rate-limit counters (migrated, see Migration20261130013000)
    schemaGenerator: { ignoreSchema: ['rate_limit'] },
    seeder: { path: path.join(__dirname, 'seeds'), defaultSeeder: 'DatabaseSeeder', emit: 'ts' },
    forceUtcTimezone: true,
    ignoreUndefinedInQuery: true,
    allowGlobalContext: false,
    ...extra,
  });
}

/** Used by the MikroORM CLI (`npx mikro-orm migration:create`), reading DATABASE_URL. */
export default ormConfig(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test');
