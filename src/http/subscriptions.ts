import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { GraphQLError, GraphQLSchema, getOperationAST, parse, specifiedRules, validate, ValidationRule } from 'graphql';
import type { ExecutionResult } from 'graphql';
import { Extra as WsExtra, useServer } from 'graphql-ws/use/ws';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import proxyAddr from 'proxy-addr';
import { WebSocketServer } from 'ws';
import { buildContext } from '../context';
import { maskUnexpectedError } from '../error-masking';
import { ErrorCode, UnauthenticatedError } from '../errors';
import type { JobQueue } from '../jobs/queue';
import { authenticate, Viewer } from '../modules/accounts/viewer';
import type { LogWatch } from '../modules/ledger/log-watch';
import { checkOperationCost } from '../shared/query-cost';
import { AnonymousRateLimits } from './rate-limit';

/** Most subscriptions one WebSocket connection may hold at once. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 10;

/** Close code for a connection refused by the anonymous rate limit (graphql-ws leaves 4400-4499 to servers). */
const RATE_LIMITED_CLOSE = 4429;

/** What the subscription server needs of the registry. */
export interface SubscriptionOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  orm: MikroORM;
  limits: AnonymousRateLimits;
  /** The same depth, alias and directive rules as HTTP requests (graphql-armor's). */
  validationRules: readonly ValidationRule[];
  maxTokens: number;
  jobs: JobQueue;
  log: Logger;
  logVerifierKey: string;
  logWatch: LogWatch;
  /** Express's compiled `trust proxy` setting: which X-Forwarded-For hops name the client, as over HTTP. */
  trustProxy: (address: string, hop: number) => boolean;
}

/** A running subscription endpoint; `dispose` closes every connection (1001) and stops accepting. */
export interface SubscriptionServer {
  dispose(): Promise<void>;
}

type Extra = WsExtra & { viewer?: Viewer } & Record<PropertyKey, unknown>;

/**
 * GraphQL subscriptions over WebSocket (graphql-ws protocol) at /graphql on the registry's own HTTP server.
 * A connection authenticates with `connectionParams.authorization` (`Bearer frt_...`), or none for the
 * public. Every subscribe is held to the limits of an HTTP request: tokens, depth, aliases, the tier's
 * cost, the anonymous read budget (a connection and each subscribe spend one point), and at most
 * MAX_SUBSCRIPTIONS_PER_CONNECTION at once. Only subscriptions are served here: queries and mutations go
 * over HTTP, where their own limits apply. Unexpected errors are masked as over HTTP.
 */
export function serveSubscriptions(options: SubscriptionOptions): SubscriptionServer {
  const { schema, orm, limits, log } = options;
  const rules = [...specifiedRules, ...options.validationRules];
  const wss = new WebSocketServer({ server: options.httpServer, path: '/graphql' });
  const address = (extra: Extra) => proxyAddr(extra.request, options.trustProxy);
  const overBudget = async (extra: Extra) => extra.viewer?.kind === 'public' && (await limits.consume('read', address(extra)))?.allowed === false;
  const refuse = (message: string, code: string) => [new GraphQLError(message, { extensions: { code } })];
  const mask = (errors: readonly GraphQLError[]) =>
    errors.map((error) => {
      const masked = maskUnexpectedError(error.toJSON(), error);
      if (masked.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) log.error({ err: error.originalError ?? error }, 'unexpected subscription error');
      return masked;
    });
  const server = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema,
      async onConnect(ctx) {
        const authorization = ctx.connectionParams?.authorization;
        try {
          ctx.extra.viewer = await authenticate(orm.em.fork(), typeof authorization === 'string' ? authorization : undefined);
        } catch (error) {
          if (error instanceof UnauthenticatedError) return false;
          throw error;
        }
        if (!(await overBudget(ctx.extra))) return true;
        ctx.extra.socket.close(RATE_LIMITED_CLOSE, 'Rate limit reached for anonymous requests from this address');
        return false;
      },
      async onSubscribe(ctx, _id, payload) {
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return refuse(`At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection: complete one first, or open another connection.`, 'TOO_MANY_SUBSCRIPTIONS');
        }
        if (await overBudget(ctx.extra)) return refuse('Rate limit reached for anonymous requests from this address; retry later, or send an API token.', ErrorCode.RATE_LIMITED);
        try {
          const document = parse(payload.query, { maxTokens: options.maxTokens });
          const problems = validate(schema, document, rules);
          if (problems.length) return problems;
          const operation = getOperationAST(document, payload.operationName);
          if (operation?.operation !== 'subscription') return refuse('Over WebSocket only subscriptions are served: send queries and mutations to /graphql over HTTP.', ErrorCode.BAD_REQUEST);
          const viewer = ctx.extra.viewer!;
          checkOperationCost(operation, document, schema, payload.variables ?? {}, viewer.kind === 'public');
          const requestId = randomUUID();
          const context = buildContext(orm.em.fork(), viewer, {
            requestId,
            log: log.child({ requestId }),
            jobs: options.jobs,
            logVerifierKey: options.logVerifierKey,
            clientAddress: address(ctx.extra),
            logWatch: options.logWatch,
          });
          return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue: context };
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
      },
      onNext: (_ctx, _id, _payload, _args, result: ExecutionResult) => (result.errors ? { ...result, errors: mask(result.errors) } : undefined),
      onError: (_ctx, _id, _payload, errors) => mask(errors),
    },
    wss,
  );
  return {
    async dispose() {
      await server.dispose();
    },
  };
}
