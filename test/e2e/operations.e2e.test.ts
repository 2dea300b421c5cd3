import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { lockDataDir, STALE_AFTER_MS } from '../../src/database/data-dir-lock';
import { BOOT_TIMEOUT_MS, killAllApps, logEntries, makeDataDir, NPM_START, REPO_ROOT, RunningApp, startApp, waitForExit } from './app-process';

/**
 * The registry as an operator runs it, `npm start` as a real process on embedded PGlite: the data
 * directory lock against a live and a killed holder, plain log lines, and stopping through the pid
 * that `npm start` gives (SIGTERM, as a process manager sends; SIGKILL of npm itself).
 */
describe('operating the registry through npm start', () => {
  let dataDir: string;
  let app: RunningApp;
  const lockDir = () => path.join(dataDir, 'registry.lock');

  beforeAll(() => {
    dataDir = makeDataDir('registry-ops-e2e-');
  });

  afterAll(async () => {
    await killAllApps();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses while a live process holds the lock, and starts at once after that holder is killed with SIGKILL', async () => {
    const holder = await holdLock(dataDir);
    const refusedAt = Date.now();
    await expect(lockDataDir(dataDir, () => undefined)).rejects.toThrow(`in use by process ${holder.pid}.`);
    expect(Date.now() - refusedAt).toBeLessThan(1_500); // a lock refreshed lately is refused without waiting

    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(fs.existsSync(lockDir())).toBe(true); // left behind: nobody released it
    const startedAt = Date.now();
    app = await startApp(dataDir, {}, NPM_START);
    expect(app.stderr()).not.toContain('in use by');
    expect(Date.now() - startedAt).toBeLessThan(BOOT_TIMEOUT_MS);
    expect(fs.readFileSync(path.join(dataDir, 'registry.pid'), 'utf8')).toBe(String(app.pid));
  }, BOOT_TIMEOUT_MS + STALE_AFTER_MS + 10_000);

  it('runs node directly under npm (no shell in between)', () => {
    expect(app.pid).not.toBe(app.child.pid);
    expect(parentOf(app.pid)).toBe(app.child.pid);
  });

  it('logs without colour codes and prints each demo token on its own readable line', () => {
    expect(app.stdout()).not.toContain('\u001b[');
    expect(app.stdout()).not.toContain('demoTokens');
    const tokens = logEntries(app.stdout())
      .map((entry) => String(entry.msg))
      .filter((msg) => msg.startsWith('demo token: '));
    expect(tokens.map((msg) => /^demo token: (.+?) of .+ \((asn|plt)_\w+\): frt_[\w-]+$/.exec(msg)?.[1])).toEqual([
      'association admin',
      'reviewer',
      'rule editor',
      'platform owner',
    ]);
  });

  it('stops gracefully when npm gets SIGTERM: the registry exits, npm exits 0, the lock is released', async () => {
    process.kill(app.child.pid!, 'SIGTERM');
    const exit = await waitForExit(app, 20_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(isRunning(app.pid)).toBe(false);
    expect(logEntries(app.stdout()).map((entry) => entry.msg)).toContain('SIGTERM received: draining and shutting down');
    expect(fs.existsSync(lockDir())).toBe(false);
  }, 30_000);

  it('stops by itself when npm is killed with SIGKILL, instead of running on orphaned with the lock', async () => {
    const again = await startApp(dataDir, {}, NPM_START);
    process.kill(again.child.pid!, 'SIGKILL');
    await waitForExit(again, 5_000);
    const deadline = Date.now() + 15_000;
    while (isRunning(again.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(isRunning(again.pid)).toBe(false);
    expect(again.stdout()).toContain(`npm (pid ${again.child.pid}) exited: draining and shutting down`);
    expect(fs.existsSync(lockDir())).toBe(false);
  }, BOOT_TIMEOUT_MS + 30_000);
});

/** A real child process that takes the data-directory lock (compiled code) and keeps it until killed. */
async function holdLock(dataDir: string) {
  const script = `require('./dist/src/database/data-dir-lock.js').lockDataDir(${JSON.stringify(dataDir)}, () => {})
    .then(() => { console.log('locked'); setInterval(() => {}, 1000); });`;
  const holder = spawn(process.execPath, ['-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    holder.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return holder;
}

/** Whether `pid` is a live process (a zombie awaiting its parent's wait() counts as gone). */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The parent pid of a live process, from /proc (Linux, as in CI). */
function parentOf(pid: number): number {
  return Number(/^\d+ \(.*\) \S (\d+)/.exec(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))![1]);
}
