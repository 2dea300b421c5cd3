import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './database/connect';
import { seedDemoOnce } from '../seeds/demo';
import pino from 'pino';
import { createServer } from './server';
import { JOBS } from './jobs/definitions';
import { JobQueue } from './jobs/queue';

/** Boot: config -> database (server or embedded) -> migrations -> demo seed -> HTTP server; stops cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const demo = config.seedDemo ? await seedDemoOnce(database.orm.em.fork()) : null;
    const log = pino({ level: config.logLevel });
    const jobs = await JobQueue.start(database.orm, log, JOBS, true);
    const server = await createServer(database.orm, config, jobs, log);
    if (demo) server.log.info({ demoTokens: demo.tokens }, 'Demo data seeded. These demo API tokens are shown only now');
    const port = await server.listen(config.port, config.host);
    const where = database.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL at DATABASE_URL';
    server.log.info(`Registry ready on ${where}: GraphQL http://${config.host}:${port}/graphql, IDE http://${config.host}:${port}/ide/, health /healthz`);
    const shutdown = (signal: string) => {
      server.log.info(`${signal} received: draining and shutting down`);
      server
        .stop()
        .then(() => jobs.stop())
        .then(() => database.close())
        .then(
          () => process.exit(0),
          (error) => {
            server.log.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
