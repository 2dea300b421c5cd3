/**
 * Entry of a benchmark child process (see child-process.ts): `registry` or `raw` serves HTTP on a free
 * loopback port and sends the port; `pglite` hosts an in-memory PGlite and sends its URL. Each stops on SIGTERM.
 */
import 'reflect-metadata';
import { connectOrm } from '../src/database/orm';
import { createServer } from '../src/server';
import { startRawServer } from './raw-server';

const HOST = '127.0.0.1';

async function main(mode: string): Promise<() => Promise<unknown>> {
  const url = process.env.BENCH_DB_URL as string;
  const poolSize = Number(process.env.BENCH_POOL ?? 10);
  if (mode === 'registry') {
    const orm = await connectOrm(url, poolSize === 1);
    const server = await createServer(orm, { bodyLimit: '100kb', logLevel: 'silent', production: true });
    process.send?.(await server.listen(0, HOST));
    return async () => {
      await server.stop();
      await orm.close();
    };
  }
  if (mode === 'raw') {
    const raw = await startRawServer(url, poolSize, HOST);
    process.send?.(raw.port);
    return raw.stop;
  }
  if (mode === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create();
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
