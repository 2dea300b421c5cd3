import fc from 'fast-check';
import { GraphQLSchema } from 'graphql';
import { registrySchema } from '../../src/schema';
import { GqlResult, startTestApp, TestApp } from '../helpers/test-app';
import { buildFuzzWorld, Caller, FuzzWorld, rowCounts } from './fuzz-world';
import { useOwnDatabase } from '../helpers/own-database';
import { FuzzOperation, operationArbitrary, rootVariable } from './schema-arbitraries';

/** Seed and number of runs: FUZZ_SEED=<seed printed by a failure> reproduces it; FUZZ_RUNS=5000 digs deeper. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

const STABLE_CODE = /^[A-Z][A-Z0-9_]*$/;

/** What was wrong with one answer; empty when the API answered cleanly. */
function problems(operation: FuzzOperation, cursorOrigin: string | undefined, status: number, body: GqlResult, wrote: string[]): string[] {
  const found: string[] = [];
  if (status >= 500) found.push(`HTTP ${status}`);
  for (const error of body.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string' || !STABLE_CODE.test(code)) found.push(`error without a stable extensions.code: ${error.message}`);
    else if (code === 'INTERNAL_SERVER_ERROR') found.push(`INTERNAL_SERVER_ERROR at ${JSON.stringify(error.path ?? [])}`);
    else if (code === 'BAD_USER_INPUT') {
      const fields = error.extensions?.fields;
      const withPaths = Array.isArray(fields) && fields.length > 0 && fields.every((f) => typeof f?.path === 'string' && f.path.length > 0);
      if (!withPaths) found.push(`BAD_USER_INPUT without extensions.fields paths: ${error.message.slice(0, 300)}`);
    }
  }
  // refused: an error on the request or the root field itself (an error deeper down is a field the caller may not see)
  const refused = (body.errors ?? []).some((e) => (e.path?.length ?? 0) <= 1);
  if ((refused || operation.kind === 'query') && wrote.length) found.push(`${refused ? 'refused request' : 'query'} wrote rows: ${wrote.join(', ')}`);
  if (cursorOrigin && cursorOrigin !== operation.field && !refused) found.push(`a cursor issued by ${cursorOrigin} was accepted by ${operation.field}`);
  return found;
}

/** Tables whose row count differs, as `table before -> after`. */
function changes(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after)
    .filter((t) => after[t] !== before[t])
    .map((t) => `${t} ${before[t]} -> ${after[t]}`);
}

/** JSON for reports: long strings and lists shortened, deep documents named. */
function brief(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v && typeof v === 'object' && fc.toStringMethod in v) return (v as Record<symbol, () => string>)[fc.toStringMethod]();
    if (typeof v === 'string' && v.length > 120) return `${v.slice(0, 40)}… (${v.length} chars)`;
    if (Array.isArray(v) && v.length > 20) return [...v.slice(0, 3), `… (${v.length} items)`];
    return v;
  });
}

describe('the API under fuzzed input (every query and mutation, from the schema)', () => {
  let own: Awaited<ReturnType<typeof useOwnDatabase>>;
  let app: TestApp;
  let schema: GraphQLSchema;
  let world: FuzzWorld;

  beforeAll(async () => {
    own = await useOwnDatabase('fuzz');
    app = await startTestApp();
    schema = await registrySchema();
    world = await buildFuzzWorld(app, schema);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await own?.drop();
  });

  it('answers every request with JSON, no 5xx, no internal error, stable codes with field paths, and writes nothing when it refuses', async () => {
    const callers = Object.keys(world.tokens) as Caller[];
    // every request is sent as each caller in turn: most operations are open to one of them only
    const property = fc.asyncProperty(operationArbitrary(schema, world.pools), async (operation) => {
      const after = operation.variables[rootVariable('after')];
      const cursorOrigin = typeof after === 'string' ? world.pools.cursors.get(after) : undefined;
      let before = await rowCounts(app, world.tables);
      for (const caller of callers) {
        let answer: { status: number; body: GqlResult };
        try {
          answer = await app.post(operation.document, operation.variables, world.tokens[caller]);
        } catch (error) {
          throw new Error(`as ${caller}: no JSON answer: ${(error as Error).message}`);
        }
        const now = await rowCounts(app, world.tables);
        const found = problems(operation, cursorOrigin, answer.status, answer.body, changes(before, now));
        if (found.length) throw new Error(`as ${caller}: ${found.join('\n')}\nanswer: ${brief({ status: answer.status, ...answer.body })}`);
        before = now;
      }
    });
    const details = await fc.check(property, { seed: SEED, numRuns: RUNS });
    if (details.failed) {
      const [operation] = details.counterexample ?? [];
      throw new Error(
        [
          `Fuzzing failed (reproduce with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}; fast-check path ${details.counterexamplePath}) after ${details.numRuns} runs, ${details.numShrinks} shrinks.`,
          `document: ${operation?.document}`,
          `variables: ${brief(operation?.variables)}`,
          String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance),
        ].join('\n'),
      );
    }
  }, 300_000);
});
