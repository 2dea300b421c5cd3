import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import pino, { Logger } from 'pino';
import { Config } from './config';
import { buildContext, Context } from './context';
import { logUnexpectedErrors, maskUnexpectedError } from './error-masking';
import { mountIde } from './ide';
import { authenticate } from './modules/accounts/viewer';
import { registrySchema } from './schema';
import { queryCostPlugin } from './shared/query-cost';
import { JobQueue } from './jobs/queue';

/** Limits that hold for every caller; cost is tiered separately (see query-cost.ts). */
export const QUERY_LIMITS = { maxDepth: 6, maxAliases: 10, maxTokens: 1000, maxDirectives: 10 };

/** A configured, not yet listening registry HTTP server. */
export interface RegistryServer {
  app: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  log: Logger;
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting, drains in-flight requests and stops Apollo. Does not close the ORM. */
  stop(): Promise<void>;
}

/** Builds the Express + Apollo server around a connected ORM; used by main and by tests. */
export async function createServer(
  orm: MikroORM,
  config: Pick<Config, 'bodyLimit' | 'logLevel' | 'production'>,
  jobs: JobQueue,
  log: Logger = pino({ level: config.logLevel }),
): Promise<RegistryServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases, allowList: [] }, // `__typename` counts like any field
    maxTokens: { enabled: false }, // graphql-js's own parser limit below answers 400, armor's 500
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  const apollo = new ApolloServer<Context>({
    schema: await registrySchema(),
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    plugins: [
      ...armor.plugins,
      queryCostPlugin(),
      logUnexpectedErrors(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(), // no cache hints are used; it wraps every field resolver
    ],
    allowBatchedHttpRequests: false,
    stopOnTerminationSignals: false, // main.ts drains, closes the database and exits itself
    csrfPrevention: true,
    introspection: true,
    includeStacktraceInErrorResponses: !config.production,
    formatError: maskUnexpectedError,
  });
  await apollo.start();

  app.get('/healthz', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ok', database: 'ok' });
    } catch (error) {
      log.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });
  mountIde(app);
  app.use(
    '/graphql',
    express.json({ limit: config.bodyLimit }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = req.get('x-request-id')?.slice(0, 100) || randomUUID();
        res.setHeader('x-request-id', requestId);
        const em = orm.em.fork();
        const viewer = await authenticate(em, req.get('authorization'));
        const idempotencyKey = req.get('idempotency-key')?.slice(0, 200) ?? null;
        return buildContext(em, viewer, { requestId, log: log.child({ requestId }), jobs, idempotencyKey });
      },
    }),
  );

  return {
    app,
    httpServer,
    apollo,
    log,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as { port: number }).port));
      }),
    stop: () => apollo.stop(),
  };
}
