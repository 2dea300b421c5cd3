import 'reflect-metadata';
import pino from 'pino';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './database/connect';
import { DataDirLockedError } from './database/data-dir-lock';
import { seedDemoOnce } from '../seeds/demo';
import { createServer } from './server';
import { JOBS } from './jobs/definitions';
import { JobQueue } from './jobs/queue';
import { stopOnSignals } from './stop-signals';
import { startLogIntegrator } from './modules/ledger/integrator';
import { LogKeyError, loadOrCreateLogKey } from './modules/ledger/log-key';
import { formatVerifierKey } from './modules/ledger/note-keys';

/** Boot: config -> log key -> database (server or embedded) -> migrations -> demo seed -> HTTP server and log integrator; stops cleanly on signals. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  const logKey = loadOrCreateLogKey(config.logKeyFile, config.logOrigin);
  const database = await openDatabase(config, (message) => log.info(message));
  try {
    const demo = config.seedDemo ? await seedDemoOnce(database.orm.em.fork()) : null;
    const jobs = await JobQueue.start(database.orm, log, JOBS, true);
    const server = await createServer(database.orm, { ...config, logVerifierKey: formatVerifierKey(logKey), embedded: Boolean(database.embedded) }, jobs, log);
    const port = await server.listen(config.port, config.host);
    const integrator = startLogIntegrator(database.orm, logKey, config.logCheckpointIntervalMs, log);
    if (demo) {
      log.info('Demo data seeded. Demo API tokens, shown only now (send as "Authorization: Bearer <token>"):');
      for (const { role, organisation, token } of demo.tokens) log.info(`demo token: ${role} of ${organisation}: ${token}`);
    }
    const where = database.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL at DATABASE_URL';
    log.info(`Transparency log ${config.logOrigin}, verifier key ${formatVerifierKey(logKey)}`);
    log.info(`Registry ready on ${where}: GraphQL http://${config.host}:${port}/graphql, IDE http://${config.host}:${port}/ide/, health /healthz`);
    stopOnSignals(log, async () => {
      await server.stop();
      await integrator.stop();
      await jobs.stop();
      await database.close();
    });
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof LogKeyError ? error.message : error);
  process.exit(1);
});
