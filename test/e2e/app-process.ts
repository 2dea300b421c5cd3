import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The repository root: the child runs `src/main.ts` from here, as `npm start` does. */
export const REPO_ROOT = path.resolve(__dirname, '../..');

/** ts-node + PGlite boot (and the first migration + demo seed) can take a while on a slow machine. */
export const BOOT_TIMEOUT_MS = 90_000;

/** How a child process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A registry started as a real child process: `node -r ts-node/register src/main.ts`. */
export interface AppProcess {
  child: ChildProcess;
  dataDir: string;
  /** Everything written to stdout / stderr so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited. */
  exited: Promise<Exit>;
}

/** A started registry that logged "Registry ready". */
export interface RunningApp extends AppProcess {
  port: number;
  baseUrl: string;
}

/** Every app process started here that has not exited yet, with its exit. */
const children = new Map<ChildProcess, Promise<Exit>>();

/** Makes a fresh temporary data directory. */
export function makeDataDir(prefix = 'registry-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * The child's environment: the embedded PGlite in `dataDir` on a free port. DATABASE_URL is removed
 * because the suite may run against a PostgreSQL server (set by CI or by global setup). NODE_ENV is
 * removed too: Jest sets it to "test", which makes Apollo skip its own signal handlers, so the child
 * would not shut down the way `npm start` does.
 */
function childEnv(dataDir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'TEST_EMBEDDED_DB', 'NODE_ENV', 'SEED_DEMO', 'HOST', 'BODY_LIMIT']) delete env[name];
  return { ...env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...extra };
}

/** Spawns the app without waiting for it to become ready. */
export function spawnApp(dataDir: string, extraEnv: Record<string, string> = {}): AppProcess {
  const child = spawn(process.execPath, ['-r', 'ts-node/register', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: childEnv(dataDir, extraEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
    child.once('error', () => {
      children.delete(child);
      resolve({ code: null, signal: null });
    });
  });
  children.set(child, exited);
  return { child, dataDir, stdout: () => stdout, stderr: () => stderr, exited };
}

/** The bound port from the pino "Registry ready" line on stdout, if it was logged yet. */
export function readyPort(stdout: string): number | undefined {
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue; // the migrator also prints plain, coloured lines
    let entry: { msg?: unknown };
    try {
      entry = JSON.parse(line);
    } catch {
      continue; // a line still being written
    }
    if (typeof entry.msg !== 'string' || !entry.msg.startsWith('Registry ready')) continue;
    const match = /http:\/\/[^\s/]+:(\d+)\/graphql/.exec(entry.msg);
    if (match) return Number(match[1]);
  }
  return undefined;
}

/** Starts the app on `dataDir` and waits for its "Registry ready" log line. */
export async function startApp(dataDir: string, extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  const app = spawnApp(dataDir, extraEnv);
  const port = await new Promise<number>((resolve, reject) => {
    const describe = (why: string) =>
      new Error(`${why}\n--- stdout ---\n${app.stdout().slice(-4000)}\n--- stderr ---\n${app.stderr().slice(-4000)}`);
    const timer = setTimeout(() => {
      cleanup();
      app.child.kill('SIGKILL');
      reject(describe(`the registry did not log "Registry ready" within ${BOOT_TIMEOUT_MS / 1000} s`));
    }, BOOT_TIMEOUT_MS);
    const onData = () => {
      const found = readyPort(app.stdout());
      if (found === undefined) return;
      cleanup();
      resolve(found);
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(describe(`the registry exited before it was ready (code ${code}, signal ${signal})`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      app.child.stdout!.off('data', onData);
      app.child.off('exit', onExit);
    };
    // Registered after spawnApp's own 'data' listener, so app.stdout() already holds the chunk.
    app.child.stdout!.on('data', onData);
    app.child.once('exit', onExit);
  });
  return { ...app, port, baseUrl: `http://127.0.0.1:${port}` };
}

/** Waits for the process to exit, or rejects after `timeoutMs` (leaving it running). */
export function waitForExit(app: AppProcess, timeoutMs: number): Promise<Exit> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`process ${app.child.pid} did not exit within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  return Promise.race([app.exited, timeout]).finally(() => clearTimeout(timer));
}

/** Sends SIGTERM and waits for the exit; SIGKILLs it if it does not exit within `timeoutMs`. */
export async function stopApp(app: AppProcess, timeoutMs = 10_000): Promise<Exit> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return app.exited;
  app.child.kill('SIGTERM');
  try {
    return await waitForExit(app, timeoutMs);
  } catch (error) {
    app.child.kill('SIGKILL');
    await app.exited;
    throw error;
  }
}

/** SIGKILLs every app process this module started that is still running (for afterAll). */
export async function killAllApps(): Promise<void> {
  const running = [...children];
  for (const [child] of running) child.kill('SIGKILL');
  await Promise.all(running.map(([, exited]) => exited));
}

/** POSTs a GraphQL document to the running app and returns the parsed body. */
export async function graphql<T = any>(app: RunningApp, query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: { data?: T; errors?: { message: string }[] } }> {
  const response = await fetch(`${app.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: T; errors?: { message: string }[] } };
}
