import http from 'node:http';
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
import { UnauthenticatedError } from './errors';
import { publicReadCors } from './http/cors';
import { anonymousReadLimit, anonymousWriteLimit, chargeAnonymousRead, clientAddressOf, logReadLimit } from './http/anonymous-limits';
import { graphqlRequestGuard, jsonErrorHandler, jsonNotFound } from './http/json-errors';
import { AnonymousRateLimits } from './http/rate-limit';
import { assignRequestId, idempotencyKeyOf, requestIdOf } from './http/request-headers';
import { mountIde } from './ide';
import { logRouter } from './modules/ledger/log-http';
import { stringifyWithRawJson } from './shared/raw-json';
import { exportRouter } from './modules/feed/export-http';
import { authenticate } from './modules/accounts/viewer';
import { registrySchema } from './schema';
import { serveSubscriptions } from './http/subscriptions';
import { watchLog } from './modules/ledger/log-watch';
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
  /** Stops accepting, closes subscriptions, drains in-flight requests and stops Apollo. Does not close the ORM. */
  stop(): Promise<void>;
}

/**
 * What createServer needs of the config, and the transparency log's verifier key (see log-key.ts);
 * without `rateLimits` nothing is rate-limited (tests, bench).
 */
export type ServerConfig = Pick<Config, 'bodyLimit' | 'logLevel'> &
  Partial<Pick<Config, 'rateLimits' | 'trustProxy'>> & {
    logVerifierKey: string;
    /** Whether the database is the embedded PGlite: subscriptions are then woken in-process only (it cannot LISTEN on a second connection). */
    embedded: boolean;
  };

/** Builds the Express + Apollo server around a connected ORM; used by main and by tests. */
export async function createServer(orm: MikroORM, config: ServerConfig, jobs: JobQueue, log: Logger = pino({ level: config.logLevel })): Promise<RegistryServer> {
  const app = express();
  app.disable('x-powered-by');
  // no ETag: GraphQL answers are POSTs no cache revalidates, and hashing each body cost a feed page 5% of its time
  app.disable('etag');
  app.set('trust proxy', config.trustProxy ?? false);
  const limits = AnonymousRateLimits.create(
    config.rateLimits ?? { anonymousReads: null, anonymousWrites: null, store: 'memory' },
    orm,
  );
  const httpServer = http.createServer(app);
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases, allowList: [] }, // `__typename` counts like any field
    maxTokens: { enabled: false }, // graphql-js's own parser limit below answers 400, armor's 500
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    costLimit: { enabled: false },
    // its Apollo plugin leaves a dangling "?" after its mask and misses WebSocket errors: error-masking.ts
    // (formatError, and the subscription server's) removes suggestions whole
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const schema = await registrySchema();
  const apollo = new ApolloServer<Context>({
    schema,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    plugins: [
      ...armor.plugins,
      queryCostPlugin(),
      anonymousWriteLimit(limits),
      logUnexpectedErrors(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(), // no cache hints are used; it wraps every field resolver
    ],
    allowBatchedHttpRequests: false,
    stopOnTerminationSignals: false, // main.ts drains, closes the database and exits itself
    csrfPrevention: true,
    introspection: true,
    includeStacktraceInErrorResponses: false, // whatever NODE_ENV says: stacks go to the log, never to clients
    formatError: maskUnexpectedError,
    // the feed's ledger records go out as their stored canonical text (shared/raw-json.ts)
    stringifyResult: (result) => `${stringifyWithRawJson(result)}\n`,
  });
  await apollo.start();
  const logWatch = await watchLog(orm, !config.embedded, log);
  const subscriptions = serveSubscriptions({
    httpServer,
    schema,
    orm,
    limits,
    validationRules: armor.validationRules,
    maxTokens: QUERY_LIMITS.maxTokens,
    jobs,
    log,
    logVerifierKey: config.logVerifierKey,
    logWatch,
    trustProxy: app.get('trust proxy fn'),
  });

  app.use(assignRequestId);
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
  app.use('/log', publicReadCors, logReadLimit(limits), logRouter(orm));
  app.use('/export', publicReadCors, logReadLimit(limits), exportRouter(orm));
  app.all(
    '/graphql',
    publicReadCors,
    anonymousReadLimit(limits),
    graphqlRequestGuard,
    express.json({ limit: config.bodyLimit }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = requestIdOf(res);
        const idempotencyKey = idempotencyKeyOf(req.get('idempotency-key'));
        const em = orm.em.fork();
        const viewer = await authenticate(em, req.get('authorization')).catch(async (error: unknown) => {
          // a refused token is an anonymous request: it is charged (and may be answered 429 instead)
          if (error instanceof UnauthenticatedError) await chargeAnonymousRead(limits, req, res);
          throw error;
        });
        const clientAddress = clientAddressOf(req);
        const { logVerifierKey } = config;
        return buildContext(em, viewer, { requestId, log: log.child({ requestId }), jobs, logVerifierKey, idempotencyKey, clientAddress });
      },
    }),
  );
  app.use(jsonNotFound);
  app.use(jsonErrorHandler(log));

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
    async stop() {
      await subscriptions.dispose(); // first: open WebSockets would keep the HTTP server from closing
      await apollo.stop();
      await logWatch.close();
    },
  };
}
