import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Context } from './context';
import { ErrorCode, RegistryError } from './errors';
import { variableProblems } from './http/variable-errors';

/** Errors clients may see as they are: the registry's own, and GraphQL's parse/validation errors. */
function isExpected(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof RegistryError) return true;
  return original instanceof GraphQLError && original.extensions?.code !== ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * Apollo `formatError`: anything unexpected is shown only as INTERNAL_SERVER_ERROR, without details;
 * expected errors lose graphql-js's field suggestions; a BAD_USER_INPUT without field paths (a variable
 * of the wrong type) gets them.
 */
export function maskUnexpectedError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (isExpected(error)) return withFieldPaths({ ...formatted, message: withoutSuggestions(formatted.message) }, error);
  return {
    message: 'Internal server error. It has been logged; quote the x-request-id response header when reporting it.',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/**
 * `message` without graphql-js's closing suggestion (` Did you mean "platforms"?`, `... the enum value
 * "OPEN"?`, `"token { ... }"?`): field suggestions are hidden, and the message still ends as a sentence.
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [\s\S]*\?$/, '');
}

function withFieldPaths(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (formatted.extensions?.code !== ErrorCode.BAD_USER_INPUT || formatted.extensions.fields) return formatted;
  const fields = variableProblems(error);
  return fields ? { ...formatted, extensions: { ...formatted.extensions, fields } } : formatted;
}

/** Logs every unexpected error in full with the request's id (the request logger carries it). */
export function logUnexpectedErrors(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (!isExpected(error)) contextValue.log.error({ err: unwrapResolverError(error), path: error.path }, 'unexpected error');
          }
        },
      };
    },
  };
}
