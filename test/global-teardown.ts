/** Stops the embedded PGlite started by global setup, if any. */
export default async function globalTeardown(): Promise<void> {
  const pglite = (globalThis as Record<string, unknown>).__PGLITE__ as
    | { db: { close(): Promise<void> }; server: { stop(): Promise<void> } }
    | undefined;
  if (!pglite) return;
  await pglite.server.stop();
  await pglite.db.close();
}
