import pino from 'pino';
import { connectOrm } from '../src/database/orm';
import { JOBS } from '../src/jobs/definitions';
import { JobQueue } from '../src/jobs/queue';
import { LogIntegrator, startLogIntegrator } from '../src/modules/ledger/integrator';
import { formatVerifierKey, generateNoteKey, parseSignerKey } from '../src/modules/ledger/note-keys';
import { createServer } from '../src/server';

/** A listening registry server. */
export interface BenchRegistry {
  port: number;
  stop(): Promise<void>;
}

/** How the bench runs the registry: with the log integrator (its signer key) and/or with the ledger switched off (bench only). */
export interface BenchRegistryOptions {
  /** A signer key line (formatSignerKey): runs the log integrator with it, as main.ts does. */
  logSignerKey?: string;
  /** Checkpoint interval of that integrator (500 ms, the default of LOG_CHECKPOINT_INTERVAL_MS). */
  logIntervalMs?: number;
  /** Switches the ledger off in this process (bench/ledger-off.ts); the `ledger` section's baseline. */
  ledgerOff?: boolean;
}

/** Starts the real registry (createServer, production settings, silent log, no job workers) on a free port of `host`. */
export async function startRegistry(url: string, poolSize: number, host: string, options: BenchRegistryOptions = {}): Promise<BenchRegistry> {
  if (options.ledgerOff) (require('./ledger-off') as typeof import('./ledger-off')).switchLedgerOffForBench();
  const orm = await connectOrm(url, poolSize === 1);
  const log = pino({ level: 'silent' });
  const jobs = await JobQueue.start(orm, log, JOBS, false);
  const key = options.logSignerKey ? parseSignerKey(options.logSignerKey) : generateNoteKey('bench.localhost/finreg-registry');
  const server = await createServer(orm, { bodyLimit: '100kb', logLevel: 'silent', logVerifierKey: formatVerifierKey(key), embedded: poolSize === 1 }, jobs, log);
  const port = await server.listen(0, host);
  let integrator: LogIntegrator | undefined;
  if (options.logSignerKey) integrator = startLogIntegrator(orm, key, options.logIntervalMs ?? 500, pino({ level: 'error' }));
  return {
    port,
    async stop() {
      await server.stop();
      await integrator?.stop();
      await jobs.stop();
      await orm.close();
    },
  };
}
