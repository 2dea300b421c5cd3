/** The pure rule engine: facts in, findings out; no database, no GraphQL. */
export * from './facts';
