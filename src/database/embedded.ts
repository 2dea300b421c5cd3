import fs from 'node:fs';
import path from 'node:path';
import { lockDataDir } from './data-dir-lock';
import { pgliteExtensions } from './pglite-extensions';

/** PostgreSQL's buffer cache in the embedded database. */
const EMBEDDED_SHARED_BUFFERS = '32MB';

/** A running embedded PostgreSQL (PGlite) reachable over the PostgreSQL wire protocol. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite on `dataDir` behind a loopback socket on a free port. PGlite takes no lock of its own,
 * so the data directory is locked first (see lockDataDir) to keep a second instance from silently
 * losing writes. Should the lock ever be taken over, this process stops at once rather than write on.
 */
export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const releaseLock = await lockDataDir(dataDir, (error) => {
    console.error(`Lost the lock on ${dataDir} (${error.message}): stopping so two processes never write the same data.`);
    process.exit(1);
  });
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    // 32 MB of shared buffers instead of initdb's 128 MB: PGlite zeroes them in WebAssembly at every start,
    // which was a third of its start time, and the embedded database is far smaller than that anyway
    const db = await PGlite.create(path.join(dataDir, 'pgdata'), {
      extensions: await pgliteExtensions(),
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
    });
    const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 1 });
    await server.start();
    return {
      url: `postgresql://postgres:postgres@${server.getServerConn()}/postgres`,
      async stop() {
        await server.stop();
        await db.close();
        await releaseLock();
      },
    };
  } catch (error) {
    await releaseLock();
    throw error;
  }
}
