import { spawn } from 'node:child_process';
import { pgliteExtensions } from '../src/database/pglite-extensions';

/**
 * Starts embedded PGlite (in memory) unless DATABASE_URL is set, exports its URL for the workers, and
 * applies the migrations once through the operator CLI in a child process (loading the ORM here
 * would share its metadata with the test realm). PGlite must start here: it cannot load in a worker.
 * The child runs the compiled CLI as `npm run registry` does, rebuilding dist/ first if a source
 * changed, so the end-to-end tests then start an up-to-date build.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create({ extensions: await pgliteExtensions() });
    const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 1 });
    await server.start();
    process.env.DATABASE_URL = `postgresql://postgres:postgres@${server.getServerConn()}/postgres`;
    process.env.TEST_EMBEDDED_DB = '1';
    (globalThis as Record<string, unknown>).__PGLITE__ = { db, server };
  }
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', './scripts/build.js', 'dist/src/cli/registry.js', 'migrate'], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`migrations failed (exit ${code})`))));
  });
}
