import cors from 'cors';
import type { RequestHandler } from 'express';

/** Response headers a browser page on another origin may read: the request id and the rate-limit budget. */
const EXPOSED_HEADERS = ['x-request-id', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'ratelimit-policy', 'retry-after'];

const SETTINGS: cors.CorsOptions = {
  origin: '*',
  credentials: false,
  methods: ['GET', 'POST'],
  allowedHeaders: ['Content-Type'],
  exposedHeaders: EXPOSED_HEADERS,
  maxAge: 24 * 60 * 60,
  optionsSuccessStatus: 204,
};
const answeringPreflights = cors(SETTINGS);
const headersOnly = cors({ ...SETTINGS, preflightContinue: true });

/**
 * CORS for public reads: any origin may call /graphql (POST with Content-Type: application/json, or GET)
 * and the log's read paths from a browser, never with credentials. `Access-Control-Allow-Origin: *` with no
 * `Access-Control-Allow-Credentials`, and only Content-Type allowed as a request header, so a browser can send
 * neither cookies nor an Authorization header cross-origin: a page on another site reads what the public reads.
 * Preflights (OPTIONS with Access-Control-Request-Method) are answered here, 204 and cached for a day, before
 * rate limits and the GraphQL request guard; any other OPTIONS goes on to be refused as before (405).
 * The `cors` package (Express's own) rather than hand-written headers: it handles preflight and Vary details.
 */
export const publicReadCors: RequestHandler = (req, res, next) =>
  (req.method === 'OPTIONS' && !req.get('access-control-request-method') ? headersOnly : answeringPreflights)(req, res, next);
