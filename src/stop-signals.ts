import type { Logger } from 'pino';

/** How often a registry started by npm checks that npm is still its parent. */
const PARENT_CHECK_MS = 1_000;

/**
 * Runs `stop` once, then exits 0 (1 if stopping failed), on SIGTERM (what process managers send),
 * SIGINT (Ctrl-C) or SIGHUP (terminal closed). `npm start` execs node, so npm forwards its own SIGTERM
 * here; should npm die without forwarding (kill -9), the registry notices it was orphaned and stops too,
 * rather than keep the data directory locked. Only under npm: a registry started directly may be
 * detached from its shell on purpose.
 */
export function stopOnSignals(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = (why: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${why}: draining and shutting down`);
    stop().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => shutdown(`${signal} received`));
  if (process.env.npm_lifecycle_event) {
    const parent = process.ppid;
    setInterval(() => process.ppid !== parent && shutdown(`npm (pid ${parent}) exited`), PARENT_CHECK_MS).unref();
  }
}
