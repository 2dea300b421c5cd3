import pino from 'pino';
import { connectOrm } from '../src/database/orm';
import { JOBS } from '../src/jobs/definitions';
import { JobQueue } from '../src/jobs/queue';
import { formatVerifierKey, generateNoteKey } from '../src/modules/ledger/note-keys';
import { createServer } from '../src/server';

/** A listening registry server. */
export interface BenchRegistry {
  port: number;
  stop(): Promise<void>;
}

/** Starts the real registry (createServer, production settings, silent log, no job workers) on a free port of `host`. */
export async function startRegistry(url: string, poolSize: number, host: string): Promise<BenchRegistry> {
  const orm = await connectOrm(url, poolSize === 1);
  const log = pino({ level: 'silent' });
  const jobs = await JobQueue.start(orm, log, JOBS, false);
  const logVerifierKey = formatVerifierKey(generateNoteKey('bench.localhost/finreg-registry'));
  const server = await createServer(orm, { bodyLimit: '100kb', logLevel: 'silent', logVerifierKey }, jobs, log);
  return {
    port: await server.listen(0, host),
    async stop() {
      await server.stop();
      await jobs.stop();
      await orm.close();
    },
  };
}
