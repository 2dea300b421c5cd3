import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { GraphQLSchema, getNamedType, isObjectType } from 'graphql';
import { buildAssociation, buildPlatform, randomUscc } from '../../seeds/factories';
import { CURRENT_ATTESTATION_VERSION } from '../../src/modules/platforms/attestation';
import { buildFilingAssociation, buildFilingPlatform, FilingPlatform, SUBMIT_FILING, submitVariables } from '../helpers/filing-world';
import { qualificationVariables, registerVariables } from '../helpers/operations';
import { TestApp } from '../helpers/test-app';
import { harvestSamples, Pools } from './plausible-values';
import { argumentsArbitrary, rootVariable, variableDefinitions } from './schema-arbitraries';

/** The callers the fuzzer sends requests as: the public, a platform owner and an association admin. */
export type Caller = 'anonymous' | 'owner' | 'admin';

/** What the fuzzer works against: tokens per caller, pools of real ids and cursors, the tables to count. */
export interface FuzzWorld {
  tokens: Record<Caller, string | undefined>;
  pools: Pools;
  tables: string[];
}

const RECORDS = path.join(__dirname, '../../seeds/examples/records');
const RULEBOOK = path.join(__dirname, '../../seeds/rulebook.json');

function readJson(file: string) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

async function sql<T>(app: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  return (await app.orm.em.getConnection().execute(text, params)) as T[];
}

async function run(app: TestApp, query: string, variables: Record<string, unknown>, token?: string) {
  const result = await app.execute(query, variables, token);
  if (result.errors) throw new Error(`world setup failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** Known-valid inputs by GraphQL type name: the fuzzer starts from these and then breaks them. */
function corpus(platform: FilingPlatform, importFile: object): Record<string, unknown[]> {
  const rules = readJson(RULEBOOK).rules.slice(0, 4);
  const filings = ['2019-05', '2019-06', '2019-07'].map((period) => submitVariables(platform, period).input);
  return {
    RegisterPlatformInput: [registerVariables(platform.associationId).input],
    SubmitFilingInput: filings,
    AmendFilingInput: filings.map(({ platformId, period, ...content }) => ({ ...content, reason: 'Corrected figures.' })),
    AddQualificationInput: [{ platformId: platform.id, qualification: qualificationVariables() }],
    SaveRuleDraftInput: rules.map((r: Record<string, string>) => ({
      code: r.id,
      title: r.title,
      category: r.category.toUpperCase(),
      severity: r.severity.toUpperCase(),
      text: r.text,
      basis: r.basis,
      threshold: r.threshold,
      expression: r.cel,
    })),
    PublishParameterInput: [{ name: 'marketMedianLenderYieldBps', period: '2019-06', value: '900', reason: 'Market data.' }],
    AttestationInput: [{ textVersion: CURRENT_ATTESTATION_VERSION, accept: true }],
    JSONObject: [importFile],
  };
}

/**
 * Every table of the public schema, from pg's catalog so new tables are counted too. None is left out: the one
 * store that does change on a refused request, the anonymous rate-limit counters, lives in its own schema
 * (`rate_limit`), as does the job queue (`pgboss`).
 */
async function publicTables(app: TestApp): Promise<string[]> {
  const rows = await sql<{ tablename: string }>(app, `select tablename from pg_tables where schemaname = 'public' order by tablename`);
  return rows.map((r) => r.tablename);
}

/** Up to 25 ids of every public table with an `id` column, newest (the world's) first; `keep` filters out ids the fuzzer must not touch. */
async function harvestIds(app: TestApp, keep: (table: string, id: string) => boolean): Promise<Record<string, string[]>> {
  const tables = await sql<{ table_name: string }>(
    app,
    `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'id' order by table_name`,
  );
  const ids: Record<string, string[]> = {};
  for (const { table_name: table } of tables) {
    const rows = await sql<{ id: string }>(app, `select id::text as id from "${table}" order by id desc limit 25`);
    ids[table] = rows.map((r) => r.id).filter((id) => keep(table, id));
  }
  return ids;
}

/** Cursors from every connection the schema has (fields with a `pageInfo`), asked with plausible arguments. */
async function harvestCursors(app: TestApp, schema: GraphQLSchema, pools: Pools, token: string): Promise<Map<string, string>> {
  const cursors = new Map<string, string>();
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    const type = getNamedType(field.type);
    if (!isObjectType(type) || !type.getFields().pageInfo) continue;
    for (const args of fc.sample(argumentsArbitrary(field.args, rootVariable(''), field.name, pools), { numRuns: 8, seed: 1 })) {
      const variables = Object.fromEntries(args.vars.map((v) => [v.name, v.value]));
      const result = await app.execute(`query Harvest${variableDefinitions(args.vars)} { ${field.name}${args.text} { edges { cursor } } }`, variables, token);
      for (const edge of result.data?.[field.name]?.edges ?? []) cursors.set(edge.cursor, field.name);
    }
  }
  return cursors;
}

/**
 * Builds, through the real commands, a world the fuzzer's inputs can name: two associations (one with the seed
 * rulebook), an approved platform with filings and flags, a pending one, an imported history, a rule draft.
 */
export async function buildFuzzWorld(app: TestApp, schema: GraphQLSchema): Promise<FuzzWorld> {
  const association = await buildFilingAssociation(app);
  const platform = await buildFilingPlatform(app, association);
  await buildPlatform(app.orm.em, { associationId: association.id });
  const other = await buildAssociation(app.orm.em);
  await buildPlatform(app.orm.em, { association: other.association });
  for (const period of ['2019-03', '2019-04', '2019-05']) await run(app, SUBMIT_FILING, submitVariables(platform, period), platform.tokens.owner);
  const importFile = readJson(path.join(RECORDS, 'S06-fund-pool-outside-custody.json'));
  importFile.platform.uscc = randomUscc();
  await run(app, `mutation($file: JSONObject!) { importRecords(file: $file) { filingsCreated } }`, { file: importFile }, association.tokens.admin);
  const known = corpus(platform, importFile);
  const draft = { ...(known.SaveRuleDraftInput[0] as object), code: 'FUZZ-001' };
  await run(app, `mutation($input: SaveRuleDraftInput!) { saveRuleDraft(input: $input) { id } }`, { input: draft }, association.tokens.editor);

  const callerMembers = new Set([association.admin.id, (await run(app, '{ me { memberId } }', {}, platform.tokens.owner)).me.memberId]);
  const callerTokenIds = new Set(
    (await sql<{ id: string }>(app, `select id from api_token where member_id in (?, ?)`, [...callerMembers])).map((r) => r.id),
  );
  const ids = await harvestIds(app, (table, id) => !(table === 'api_token' && callerTokenIds.has(id)));
  const pools: Pools = { ids, cursors: new Map(), samples: harvestSamples(schema, known) };
  pools.cursors = await harvestCursors(app, schema, pools, association.tokens.admin);
  return {
    tokens: { anonymous: undefined, owner: platform.tokens.owner, admin: association.tokens.admin },
    pools,
    tables: await publicTables(app),
  };
}

/** Row count of each table, in one statement. */
export async function rowCounts(app: TestApp, tables: string[]): Promise<Record<string, number>> {
  const text = tables.map((t) => `select '${t}' as t, count(*)::int as n from "${t}"`).join(' union all ');
  const rows = await sql<{ t: string; n: number }>(app, text);
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}
