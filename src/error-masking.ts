import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { ErrorCode, RegistryError } from './errors';

/**
 * Apollo `formatError`: errors the registry raises on purpose, and GraphQL's own parse/validation
 * errors, pass through; anything else is logged in full and shown only as INTERNAL_SERVER_ERROR.
 */
export function maskUnexpectedErrors(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof RegistryError) return formatted;
    if (original instanceof GraphQLError && formatted.extensions?.code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
    log.error({ err: original, path: formatted.path }, 'unexpected error');
    return {
      message: 'Internal server error. The registry has logged it.',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
