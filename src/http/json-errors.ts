import http from 'node:http';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { ErrorCode } from '../errors';

/** Sends `{"errors":[{"message","extensions":{"code"}}]}` with `status`: the one body shape of every HTTP-level refusal. */
export function sendJsonError(res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  res.status(status).type('application/json').send(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
}

/** What the registry answers for an error raised before GraphQL ran (body-parser, router, decompression). */
interface HttpRefusal {
  status: number;
  code: string;
  message: string;
}

// body-parser's error types (https://github.com/expressjs/body-parser#errors), in words for the caller
const BODY_ERRORS: Record<string, Omit<HttpRefusal, 'status'>> = {
  'entity.parse.failed': { code: ErrorCode.BAD_REQUEST, message: 'The request body is not valid JSON: send one JSON object.' },
  'entity.too.large': { code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'The request body is larger than the server accepts.' },
  'charset.unsupported': { code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, message: 'Unsupported charset: send the JSON body as UTF-8.' },
  'encoding.unsupported': { code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, message: 'Unsupported Content-Encoding: use gzip, deflate or none.' },
  'request.aborted': { code: ErrorCode.BAD_REQUEST, message: 'The request body was not received completely.' },
};

const CODE_BY_STATUS: Record<number, string> = {
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
};

/** Maps any error that reached Express to a status, a code and a message that reveals nothing about the server. */
export function describeHttpError(error: unknown): HttpRefusal {
  const { status, statusCode, type } = (error ?? {}) as { status?: unknown; statusCode?: unknown; type?: unknown };
  const given = Number(status ?? statusCode);
  if (!Number.isInteger(given) || given < 400 || given > 499) {
    return { status: 500, code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error. It has been logged; quote the x-request-id response header when reporting it.' };
  }
  const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
  if (known) return { status: given, ...known };
  // e.g. a corrupt gzip body or an undecodable path: the status is right, the library's message is not for callers
  return { status: given, code: CODE_BY_STATUS[given] ?? ErrorCode.BAD_REQUEST, message: `${http.STATUS_CODES[given] ?? 'Bad Request'}.` };
}

/** Express error handler (mounted last): JSON GraphQL errors, never Express's HTML page or a stack; 5xx are logged in full. */
export function jsonErrorHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const refusal = describeHttpError(error);
    const requestId = res.getHeader('x-request-id');
    if (refusal.status >= 500) log.error({ err: error, requestId, url: req.originalUrl }, 'unexpected HTTP error');
    else log.debug({ err: error, requestId, status: refusal.status }, 'HTTP request refused');
    if (res.headersSent) {
      res.end();
      return;
    }
    sendJsonError(res, refusal.status, refusal.code, refusal.message);
  };
}

/** The 404 for every path the registry does not serve (including anything under /graphql/). */
export const jsonNotFound: RequestHandler = (_req, res) => {
  sendJsonError(res, 404, ErrorCode.NOT_FOUND, 'Nothing is served at this path: the GraphQL API is at /graphql.');
};

/**
 * Refuses, before the body is read, what the GraphQL endpoint cannot serve: methods other than GET and
 * POST (405 with Allow) and POST bodies that are not `application/json` (415).
 */
export const graphqlRequestGuard: RequestHandler = (req, res, next) => {
  if (req.method !== 'GET' && req.method !== 'POST') {
    res.setHeader('Allow', 'GET, POST');
    sendJsonError(res, 405, ErrorCode.METHOD_NOT_ALLOWED, `${req.method} is not supported: send GraphQL with POST (or queries with GET).`);
    return;
  }
  if (req.method === 'POST' && (!req.headers['content-type'] || req.is('application/json') === false)) {
    sendJsonError(res, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send the GraphQL request as a JSON body with Content-Type: application/json.');
    return;
  }
  next();
};
