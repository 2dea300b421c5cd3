/**
 * Entry of a benchmark child process (see child-process.ts): `registry` or `raw` serves HTTP on a free
 * loopback port and sends the port (the registry runs the log integrator when BENCH_LOG_SIGNER_KEY is set,
 * and has its ledger switched off, bench only, when BENCH_LEDGER_OFF=1); `pglite` hosts an in-memory
 * PGlite and sends its URL. Each answers any later message with its `process.cpuUsage()`, and stops on
 * SIGTERM.
 */
import 'reflect-metadata';
import { pgliteExtensions } from '../src/database/pglite-extensions';

const HOST = '127.0.0.1';

async function main(mode: string): Promise<() => Promise<unknown>> {
  const url = process.env.BENCH_DB_URL as string;
  const poolSize = Number(process.env.BENCH_POOL ?? 10);
  if (mode === 'registry' || mode === 'raw') {
    // required here rather than imported, so that each child loads only the server it runs
    const server =
      mode === 'registry'
        ? await (require('./registry-server') as typeof import('./registry-server')).startRegistry(url, poolSize, HOST, {
            logSignerKey: process.env.BENCH_LOG_SIGNER_KEY || undefined,
            logIntervalMs: process.env.BENCH_LOG_INTERVAL_MS ? Number(process.env.BENCH_LOG_INTERVAL_MS) : undefined,
            ledgerOff: process.env.BENCH_LEDGER_OFF === '1',
          })
        : await (require('./raw-server') as typeof import('./raw-server')).startRawServer(url, poolSize, HOST);
    process.send?.(server.port);
    return server.stop;
  }
  if (mode === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create({ extensions: await pgliteExtensions() });
    const server = new PGLiteSocketServer({ db, port: 0, host: HOST, maxConnections: 1 });
    await server.start();
    process.send?.(`postgresql://postgres:postgres@${server.getServerConn()}/postgres`);
    return async () => {
      await server.stop();
      await db.close();
    };
  }
  throw new Error(`unknown bench child mode "${mode}"`);
}

main(process.argv[2]).then(
  (stop) => {
    process.on('message', () => process.send?.(process.cpuUsage()));
    // Exit normally (not by the signal) so that --cpu-prof can write its profile.
    process.once('SIGTERM', () => {
      const timer = setTimeout(() => process.exit(0), 2000);
      stop().finally(() => {
        clearTimeout(timer);
        process.exit(0);
      });
    });
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
