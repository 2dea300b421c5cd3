import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { badInput } from '../errors';
import { TEXT_LIMITS, textProblem } from '../shared/text';

// what a request id may look like when echoed: UUIDs, ULIDs, trace ids, "req-123"
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (`res.locals.requestId`, header `x-request-id`): the caller's when it is a
 * short token of safe characters, else a fresh UUID, so the header never echoes arbitrary input.
 */
export const assignRequestId: RequestHandler = (req, res, next) => {
  const given = req.get('x-request-id');
  const requestId = given && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
  res.locals.requestId = requestId;
  res.setHeader('x-request-id', requestId);
  next();
};

/** The request id `assignRequestId` gave this response. */
export function requestIdOf(res: Response): string {
  return res.locals.requestId as string;
}

/**
 * The `Idempotency-Key` header, or null when absent. One the `idempotencyKey` argument would refuse
 * (same rule and limit: blank, control characters, over 200 characters) is refused as BAD_USER_INPUT
 * (status 400) before anything runs, rather than cut: two long keys cut to one prefix would collide.
 */
export function idempotencyKeyOf(header: string | undefined): string | null {
  if (header === undefined) return null;
  const problem = textProblem(header, { max: TEXT_LIMITS.idempotencyKey });
  if (!problem) return header;
  const error = badInput('headers.Idempotency-Key', problem);
  Object.assign(error.extensions, { http: { status: 400 } });
  throw error;
}
