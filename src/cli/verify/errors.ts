/** What a verification found wrong (exit code 1); `details` names where (log index, tree sizes, tile). */
export class VerificationFailure extends Error {
  override name = 'VerificationFailure';
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A command line the verifier does not understand (exit code 2). */
export class VerifyUsageError extends Error {
  override name = 'VerifyUsageError';
}

/** The log could not be read: network error, HTTP error status, or a GraphQL error (exit code 2). */
export class LogAccessError extends Error {
  override name = 'LogAccessError';
}
