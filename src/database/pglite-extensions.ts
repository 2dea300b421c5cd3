import type { Extensions } from '@electric-sql/pglite';

/**
 * The extensions every embedded PGlite is created with (the app's, the tests' and the bench's), for the
 * migrations' `CREATE EXTENSION`: pg_trgm for search. PGlite loads an extension only when it is passed here.
 */
export async function pgliteExtensions(): Promise<Extensions> {
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  return { pg_trgm };
}
