import { GraphQLError } from 'graphql';
import { maskUnexpectedError } from '../../src/error-masking';
import { ConflictError } from '../../src/errors';

describe('maskUnexpectedError', () => {
  const formatted = (error: GraphQLError) => ({ message: error.message, path: ['x'], extensions: error.extensions });

  it('hides the message of an unexpected error thrown in a resolver', () => {
    const wrapped = new GraphQLError('connection reset by peer at 10.0.0.5', { path: ['x'], originalError: new TypeError('connection reset by peer at 10.0.0.5') });
    const shown = maskUnexpectedError({ ...formatted(wrapped), extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrapped);
    expect(shown.message).not.toContain('10.0.0.5');
    expect(shown.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('passes the registry’s own errors through with their code', () => {
    const conflict = new ConflictError('taken', 'CONFLICT', { field: 'input.uscc' });
    const wrapped = new GraphQLError(conflict.message, { path: ['x'], originalError: conflict });
    expect(maskUnexpectedError(formatted(conflict), wrapped)).toEqual(formatted(conflict));
  });
});
