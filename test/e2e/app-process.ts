import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The repository root: the child runs the compiled `dist/src/main.js` from here, as `npm start` does. */
export const REPO_ROOT = path.resolve(__dirname, '../..');

/** PGlite boot (and the first migration + demo seed) can take a while on a slow machine. */
export const BOOT_TIMEOUT_MS = 90_000;

/** How a child process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A registry started as a real child process: `node dist/src/main.js` (built by the global setup). */
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
  /** The registry's own pid from its log: the child's, or npm's child when started through npm. */
  pid: number;
}

/** How the registry is started: compiled JavaScript directly, or the operator's `npm start`. */
export const NODE_MAIN = [process.execPath, 'dist/src/main.js'];
/** `npm start`, as the README says (npm execs node, which rebuilds dist/ first if a source changed). */
export const NPM_START = ['npm', 'start'];

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

/** Spawns the app (by default `node dist/src/main.js`) without waiting for it to become ready. */
export function spawnApp(dataDir: string, extraEnv: Record<string, string> = {}, [command, ...args] = NODE_MAIN): AppProcess {
  const child = spawn(command, args, {
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

/** The pino log entries on stdout (npm's own lines and a line still being written are skipped). */
export function logEntries(stdout: string): { msg?: unknown; pid?: number }[] {
  const entries = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      entries.push(JSON.parse(line));
    } catch {
      continue;
    }
  }
  return entries;
}

/** The bound port and the pid from the pino "Registry ready" line on stdout, if it was logged yet. */
export function readyLine(stdout: string): { port: number; pid: number } | undefined {
  for (const entry of logEntries(stdout)) {
    if (typeof entry.msg !== 'string' || !entry.msg.startsWith('Registry ready')) continue;
    const match = /http:\/\/[^\s/]+:(\d+)\/graphql/.exec(entry.msg);
    if (match) return { port: Number(match[1]), pid: Number(entry.pid) };
  }
  return undefined;
}

/** Starts the app on `dataDir` and waits for its "Registry ready" log line. */
export async function startApp(dataDir: string, extraEnv: Record<string, string> = {}, command = NODE_MAIN): Promise<RunningApp> {
  const app = spawnApp(dataDir, extraEnv, command);
  const ready = await new Promise<{ port: number; pid: number }>((resolve, reject) => {
    const describe = (why: string) =>
      new Error(`${why}\n--- stdout ---\n${app.stdout().slice(-4000)}\n--- stderr ---\n${app.stderr().slice(-4000)}`);
    const timer = setTimeout(() => {
      cleanup();
      app.child.kill('SIGKILL');
      reject(describe(`the registry did not log "Registry ready" within ${BOOT_TIMEOUT_MS / 1000} s`));
    }, BOOT_TIMEOUT_MS);
    const onData = () => {
      const found = readyLine(app.stdout());
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
  return { ...app, ...ready, baseUrl: `http://127.0.0.1:${ready.port}` };
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
