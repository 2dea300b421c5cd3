import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/** Raised when another process already holds the data directory. */
export class DataDirLockedError extends Error {}

/** How long a lock whose holder stopped refreshing it (killed, crashed) keeps blocking a new start. */
export const STALE_AFTER_MS = 5_000;
/** How often the holder refreshes the lock's mtime. */
const REFRESH_MS = 1_000;

/**
 * Takes `<dataDir>/registry.lock` with proper-lockfile: an atomic `mkdir` that the holder keeps fresh
 * (its mtime) while it lives, so a lock left by a killed process goes stale within STALE_AFTER_MS and
 * never blocks a restart, whatever pid the next process gets (pid 1 in a container). `registry.pid`
 * beside it names the holder: a lock refreshed lately by a live other process is refused at once,
 * any other is waited for until it is stale. Resolves to the release function. If another process ever
 * takes the lock from us (we were frozen longer than STALE_AFTER_MS), `onLost` runs: stop writing at once.
 */
export async function lockDataDir(dataDir: string, onLost: (error: Error) => void): Promise<() => Promise<void>> {
  const lockfilePath = path.join(dataDir, 'registry.lock');
  const pidPath = path.join(dataDir, 'registry.pid');
  const options = { lockfilePath, stale: STALE_AFTER_MS, update: REFRESH_MS, realpath: false, onCompromised: onLost };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || heldByLiveProcess(lockfilePath, pidPath)) throw locked(dataDir, pidPath, error);
    const retries = { retries: Math.ceil(STALE_AFTER_MS / REFRESH_MS) + 1, factor: 1, minTimeout: REFRESH_MS, maxTimeout: REFRESH_MS };
    release = await lockfile.lock(dataDir, { ...options, retries }).catch((again) => {
      throw locked(dataDir, pidPath, again);
    });
  }
  fs.writeFileSync(pidPath, String(process.pid));
  return async () => {
    fs.rmSync(pidPath, { force: true });
    await release();
  };
}

/**
 * Whether the lock was refreshed within two refresh periods by a process that is still there (and not
 * this one, which a restarted container gives the same pid): then waiting for it to go stale is pointless.
 */
function heldByLiveProcess(lockfilePath: string, pidPath: string): boolean {
  const holder = holderPid(pidPath);
  try {
    if (Date.now() - fs.statSync(lockfilePath).mtimeMs >= 2 * REFRESH_MS || !holder || holder === process.pid) return false;
    process.kill(holder, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderPid(pidPath: string): number | undefined {
  try {
    return Number(fs.readFileSync(pidPath, 'utf8')) || undefined;
  } catch {
    return undefined; // the holder has not written its pid yet
  }
}

function locked(dataDir: string, pidPath: string, cause: unknown): Error {
  if ((cause as NodeJS.ErrnoException).code !== 'ELOCKED') return cause as Error;
  const holder = holderPid(pidPath);
  return new DataDirLockedError(
    `The embedded database in ${dataDir} is in use by ${holder ? `process ${holder}` : 'another process'}. ` +
      'Stop that registry first, or set DATA_DIR to another folder, or DATABASE_URL to a PostgreSQL server.',
  );
}
