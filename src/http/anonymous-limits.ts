import type { ApolloServerPlugin } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import type { Context } from '../context';
import { ErrorCode } from '../errors';
import { sendJsonError } from './json-errors';
import { AnonymousRateLimits, RateLimitedError, rateLimitHeaders } from './rate-limit';

/** The caller's address: the socket's, or X-Forwarded-For's as far as TRUST_PROXY allows (Express `req.ip`). */
export function clientAddressOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** Counts one anonymous request of `req`'s client: sets the RateLimit-* headers, throws RateLimitedError when over. */
export async function chargeAnonymousRead(limits: AnonymousRateLimits, req: Request, res: Response, kind: 'read' | 'log' = 'read'): Promise<void> {
  const state = await limits.consume(kind, clientAddressOf(req));
  if (!state) return;
  for (const [name, value] of rateLimitHeaders(state)) res.setHeader(name, value);
  if (!state.allowed) throw new RateLimitedError(kind, state);
}

/**
 * Express middleware before the body is read: every GraphQL request without an Authorization header
 * spends one point of the anonymous read budget; over it, 429 RATE_LIMITED. A request with a token that
 * turns out invalid is charged when it is refused (see server.ts), so a junk token is no way around it.
 */
export function anonymousReadLimit(limits: AnonymousRateLimits): RequestHandler {
  return chargingMiddleware(limits, 'read');
}

/** Express middleware for the transparency log's read paths: every request spends one point of the log budget (they take no token). */
export function logReadLimit(limits: AnonymousRateLimits): RequestHandler {
  return chargingMiddleware(limits, 'log');
}

/** Charges `kind` for each request (GraphQL reads: only those without an Authorization header); over it, 429 RATE_LIMITED. */
function chargingMiddleware(limits: AnonymousRateLimits, kind: 'read' | 'log'): RequestHandler {
  return async (req, res, next) => {
    if (kind === 'read' && req.get('authorization')) return next();
    try {
      await chargeAnonymousRead(limits, req, res, kind);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      sendJsonError(res, 429, ErrorCode.RATE_LIMITED, error.message, { retryAfterSeconds: error.extensions.retryAfterSeconds });
      return;
    }
    next();
  };
}

/**
 * Apollo plugin: every anonymous mutation operation, whichever its fields (registerPlatform, validateFiling,
 * fileChallenge, or one the public may not run) and whatever its outcome, also spends one point of the
 * write budget once the operation is known and before anything runs; over it, 429 and nothing is
 * written. Its RateLimit-* headers replace the read budget's, being the tighter one.
 */
export function anonymousWriteLimit(limits: AnonymousRateLimits): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const client = contextValue.clientAddress;
      if (contextValue.viewer.kind !== 'public' || client === undefined) return;
      return {
        async didResolveOperation({ operation, response }) {
          if (operation?.operation !== 'mutation') return;
          const state = await limits.consume('write', client);
          if (!state) return;
          if (!state.allowed) throw new RateLimitedError('write', state);
          for (const [name, value] of rateLimitHeaders(state)) response.http.headers.set(name, value);
        },
      };
    },
  };
}
