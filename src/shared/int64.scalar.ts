import { GraphQLScalarType, Kind } from 'graphql';

const MIN = -(2n ** 63n);
const MAX = 2n ** 63n - 1n;

function toInt64(value: unknown): bigint {
  let result: bigint;
  if (typeof value === 'bigint') result = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) result = BigInt(value);
  else if (typeof value === 'string' && /^-?\d{1,19}$/.test(value)) result = BigInt(value);
  else throw new TypeError(`Int64 must be a whole number (as a string or a safe integer), got ${JSON.stringify(value)}`);
  if (result < MIN || result > MAX) throw new TypeError('Int64 is out of the signed 64-bit range');
  return result;
}

/**
 * Signed 64-bit integer for money in minor units and other large counts. GraphQL `Int` is 32-bit, and
 * JSON numbers lose precision past 2^53, so values are sent as decimal strings; inputs accept strings
 * or safe integers. graphql-scalars' BigInt returns raw bigints that JSON cannot serialise, hence this one.
 */
export const Int64 = new GraphQLScalarType<bigint, string>({
  name: 'Int64',
  description: 'Signed 64-bit integer, serialised as a decimal string (e.g. "20000000"). Money is in minor units (fen).',
  serialize: (value) => toInt64(value).toString(),
  parseValue: (value) => toInt64(value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return toInt64(ast.value);
    throw new TypeError('Int64 literal must be an integer or a string of digits');
  },
});
