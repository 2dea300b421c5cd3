import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { connectOrm } from '../../src/database/orm';
import { buildContext } from '../../src/context';
import { authenticate } from '../../src/modules/accounts/viewer';
import { createServer, RegistryServer, ServerConfig } from '../../src/server';
import { JOBS } from '../../src/jobs/definitions';
import { JobQueue } from '../../src/jobs/queue';
import pino from 'pino';
import { formatVerifierKey, noteKeyFromSeed } from '../../src/modules/ledger/note-keys';

/**
 * The log signing key of every test app: one fixed key, since test files share one database and so one
 * log, and any of them may sign its next checkpoint.
 */
export const TEST_LOG_KEY = noteKeyFromSeed('test.localhost/finreg-registry', Buffer.alloc(32, 7));

/** A GraphQL result as tests see it. */
export interface GqlResult<T = any> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

/** Counts SQL statements sent by the ORM, for N+1 budgets. */
export class SqlCounter {
  statements: string[] = [];
  counting = false;
  log = (message: string) => {
    if (this.counting) this.statements.push(message);
  };
  async count(work: () => Promise<unknown>): Promise<number> {
    this.statements = [];
    this.counting = true;
    try {
      await work();
    } finally {
      this.counting = false;
    }
    return this.statements.length;
  }
}

/** The registry wired to the test database: an ORM (with SQL counting) and a server, not listening. */
export interface TestApp {
  orm: MikroORM;
  server: RegistryServer;
  /** The job queue; tests run queued jobs with `jobs.runPending(name)`. */
  jobs: JobQueue;
  sql: SqlCounter;
  /** Runs an operation through Apollo with a real context, as the holder of `token` (or the public). */
  execute<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  /** The same over real HTTP (POST /graphql), starting the listener on first use; returns status and body. `headers` are sent too. */
  post<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: GqlResult<T> }>;
  close(): Promise<void>;
}

/**
 * Starts the app against DATABASE_URL (set by global setup). Call `close()` in afterAll. `options` may
 * turn on rate limits or proxy trust (both off by default: the suite makes many anonymous calls).
 */
export async function startTestApp(options: Pick<ServerConfig, 'rateLimits' | 'trustProxy'> = {}): Promise<TestApp> {
  const embedded = process.env.TEST_EMBEDDED_DB === '1';
  const sql = new SqlCounter();
  const orm = await connectOrm(process.env.DATABASE_URL as string, embedded, {
    debug: ['query'],
    logger: sql.log,
  });
  const log = pino({ level: 'silent' });
  const jobs = await JobQueue.start(orm, log, JOBS, false);
  const logVerifierKey = formatVerifierKey(TEST_LOG_KEY);
  const server = await createServer(orm, { bodyLimit: '100kb', logLevel: 'silent', logVerifierKey, embedded, ...options }, jobs, log);
  let port: number | undefined;
  return {
    orm,
    server,
    jobs,
    sql,
    async execute(query, variables, token) {
      const em = orm.em.fork();
      const viewer = await authenticate(em, token ? `Bearer ${token}` : undefined);
      const response = await server.apollo.executeOperation(
        { query, variables },
        { contextValue: buildContext(em, viewer, { requestId: 'test', log, jobs, logVerifierKey }) },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      // as a client reads it: values kept as raw JSON (the feed's records) parsed
      return JSON.parse(JSON.stringify(response.body.singleResult)) as GqlResult;
    },
    async post(query, variables, token, headers = {}) {
      port ??= await server.listen(0, '127.0.0.1');
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GqlResult };
    },
    async close() {
      await server.stop();
      await jobs.stop();
      await orm.close();
    },
  };
}

/** The `extensions.code` of each error, for compact assertions. */
export function errorCodes(result: GqlResult): string[] {
  return (result.errors ?? []).map((e) => e.extensions?.code);
}
