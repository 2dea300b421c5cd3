import fs from 'node:fs';
import path from 'node:path';

/** A running embedded PostgreSQL (PGlite) reachable over the PostgreSQL wire protocol. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Raised when another process already holds the data directory. */
export class DataDirLockedError extends Error {}

/**
 * Starts PGlite on `dataDir` behind a loopback socket on a free port. PGlite takes no lock of its own,
 * so a lock file (holding our pid) keeps a second instance from silently losing writes.
 */
export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const releaseLock = takeLock(path.join(dataDir, 'registry.lock'));
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create(path.join(dataDir, 'pgdata'));
    const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 1 });
    await server.start();
    return {
      url: `postgresql://postgres:postgres@${server.getServerConn()}/postgres`,
      async stop() {
        await server.stop();
        await db.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

function takeLock(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockPath, 'utf8'));
      if (isAlive(holder)) {
        throw new DataDirLockedError(
          `The embedded database in ${path.dirname(lockPath)} is in use by process ${holder}. ` +
            'Stop that registry first, or set DATA_DIR to another folder, or DATABASE_URL to a PostgreSQL server.',
        );
      }
      fs.rmSync(lockPath, { force: true }); // left behind by a process that died
    }
  }
  throw new DataDirLockedError(`Could not take the lock ${lockPath}.`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
