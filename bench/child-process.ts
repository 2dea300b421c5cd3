import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

/** What a benchmark child process runs: the registry, the raw baseline, or the embedded database. */
export type ChildMode = 'registry' | 'raw' | 'pglite';

/** A started child and the one message it sent when ready (a port, or a database URL). */
export interface StartedChild {
  child: ChildProcess;
  message: unknown;
}

/**
 * Forks `bench/serve.ts <mode>` under ts-node with NODE_ENV=production and waits for its ready
 * message. `env` adds settings such as BENCH_DB_URL; `execArgv` adds Node flags such as --cpu-prof.
 */
export function startChild(mode: ChildMode, env: Record<string, string> = {}, execArgv: string[] = []): Promise<StartedChild> {
  const child = fork(path.join(__dirname, 'serve.ts'), [mode], {
    execArgv: ['-r', 'ts-node/register', ...execArgv],
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, message }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench child "${mode}" exited with code ${code} before it was ready`)));
  });
}

/** Asks a child to shut down (SIGTERM) and waits until it has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The child's CPU time so far (user + system), in milliseconds. */
export function cpuMillis(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (usage) => resolve(((usage as NodeJS.CpuUsage).user + (usage as NodeJS.CpuUsage).system) / 1000));
    child.send('cpu');
  });
}
