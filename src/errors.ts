import { GraphQLError } from 'graphql';

/** Stable error codes: part of the public API, never renamed. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** The HTTP request itself is malformed (bad JSON, missing query, batch, CSRF-blocked): Apollo's own code. */
  BAD_REQUEST: 'BAD_REQUEST',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** Too many requests from one client address in the window; see the Retry-After header. */
  RATE_LIMITED: 'RATE_LIMITED',
} as const;

/** One offending input field: its dotted path from the argument root and a readable message. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** Base of every error the registry shows to clients on purpose. */
export class RegistryError extends GraphQLError {
  constructor(message: string, code: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
  }
}

/** The caller sent no valid credentials for an operation that needs them. */
export class UnauthenticatedError extends RegistryError {
  constructor(message = 'This operation needs an API token (Authorization: Bearer <token>).') {
    super(message, ErrorCode.UNAUTHENTICATED, { http: { status: 401 } });
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends RegistryError {
  constructor(message = 'Your role does not allow this operation.') {
    super(message, ErrorCode.FORBIDDEN);
  }
}

/** The named record does not exist. */
export class NotFoundError extends RegistryError {
  constructor(entity: string, id: string) {
    super(`${entity} ${id} was not found.`, ErrorCode.NOT_FOUND, { entity, id });
  }
}

/** Input failed validation; `fields` lists every offending field path. */
export class BadInputError extends RegistryError {
  constructor(
    readonly fields: FieldProblem[],
    extensions: Record<string, unknown> = {},
  ) {
    super(fields.map((f) => `${f.path}: ${f.message}`).join('; '), ErrorCode.BAD_USER_INPUT, { fields, ...extensions });
  }
}

/** The write would contradict a record already there (duplicate, stale state); `code` may be a domain code. */
export class ConflictError extends RegistryError {
  constructor(message: string, code: string = ErrorCode.CONFLICT, extensions: Record<string, unknown> = {}) {
    super(message, code, extensions);
  }
}

/** Shorthand for a single-field input error. */
export function badInput(path: string, message: string): BadInputError {
  return new BadInputError([{ path, message }]);
}
