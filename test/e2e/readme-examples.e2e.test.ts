import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildClientSchema, getIntrospectionQuery, GraphQLSchema, Kind, OperationDefinitionNode, parse, validate } from 'graphql';
import { BOOT_TIMEOUT_MS, graphql, killAllApps, makeDataDir, REPO_ROOT, RunningApp, startApp } from './app-process';

/**
 * Keeps the README honest: every ```graphql block in it is pasteable as is into the IDE (it parses, and
 * a block with several operations names each of them, so the IDE can run one), every operation is valid
 * against the schema of a freshly started registry, and every query runs there without errors, with the
 * README's placeholder ids (`asn_...`, `plt_...`) replaced by the demo's.
 */
const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const BLOCKS = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);

const operations = (block: string) =>
  parse(block).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

describe('README GraphQL examples', () => {
  let dataDir: string;
  let app: RunningApp;
  let schema: GraphQLSchema;
  let ids: { asn: string; plt: string };

  beforeAll(async () => {
    dataDir = makeDataDir('registry-readme-');
    app = await startApp(dataDir, { RATE_LIMIT_ANON_READS: '0' });
    const introspection = await graphql(app, getIntrospectionQuery());
    expect(introspection.body.errors).toBeUndefined();
    schema = buildClientSchema(introspection.body.data);
    const { body } = await graphql(app, '{ associations(first: 1) { nodes { id } } platforms(first: 1, orderBy: NAME_ASC) { nodes { id } } }');
    expect(body.errors).toBeUndefined();
    ids = { asn: body.data.associations.nodes[0].id, plt: body.data.platforms.nodes[0].id };
  }, BOOT_TIMEOUT_MS + 20_000);

  afterAll(async () => {
    await killAllApps();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('has GraphQL examples', () => {
    expect(BLOCKS.length).toBeGreaterThan(5);
  });

  it.each(BLOCKS.map((block, index) => [index + 1, block]))('block %i parses; with several operations, each is named, once', (_, block) => {
    const ops = operations(block);
    expect(ops.length).toBeGreaterThan(0);
    if (ops.length > 1) {
      const names = ops.map((op) => op.name?.value);
      expect(names.filter((name) => !name)).toEqual([]);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it.each(BLOCKS.map((block, index) => [index + 1, block]))('block %i is valid against the running schema', (_, block) => {
    expect(validate(schema, parse(block)).map((error) => error.message)).toEqual([]);
  });

  const parsedOrNone = (block: string) => {
    try {
      return operations(block);
    } catch {
      return []; // reported by the parse test above
    }
  };
  const queries = BLOCKS.flatMap((block) =>
    parsedOrNone(block)
      .filter((op) => op.operation === 'query')
      .map((op) => ({ block, name: op.name?.value, label: op.name?.value ?? block.trim().split('\n')[0] })),
  );

  it.each(queries.map((q) => [q.label, q]))('query %s runs without errors', async (_, { block, name }) => {
    const document = block.replaceAll('"asn_..."', JSON.stringify(ids.asn)).replaceAll('"plt_..."', JSON.stringify(ids.plt));
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: document, operationName: name }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
    expect(body.errors).toBeUndefined();
    expect(response.status).toBe(200);
    expect(body.data).toBeTruthy();
  });
});

/** The README's one ```js block (the subscription follower) and its ```bash block that checks an export. */
const FOLLOWER = [...README.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]).find((block) => block.includes('registryEvents'));
const EXPORT_CHECK = [...README.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1]).find((block) => block.includes('sha256sum -c'));

describe('README follower and export check, run as written against a running registry', () => {
  let dataDir: string;
  let workDir: string;
  let app: RunningApp;
  beforeAll(async () => {
    dataDir = makeDataDir('registry-readme-feed-');
    workDir = makeDataDir('registry-readme-export-');
    app = await startApp(dataDir, { RATE_LIMIT_ANON_READS: '0' });
  }, BOOT_TIMEOUT_MS + 20_000);
  afterAll(async () => {
    await killAllApps();
    for (const dir of [dataDir, workDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const onPort = (script: string) => script.replaceAll('127.0.0.1:4000', app.baseUrl.replace('http://', ''));

  it('the follower prints the demo flags from cursor 0, one line per event with its cursor', async () => {
    const file = path.join(REPO_ROOT, `.readme-follow-${process.pid}.mjs`); // in the repository, where graphql-ws and ws resolve
    fs.writeFileSync(file, onPort(FOLLOWER!));
    try {
      const child = spawn(process.execPath, [file, '0'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      const deadline = Date.now() + 20_000;
      while (out.split('\n').length < 3 && Date.now() < deadline && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 100));
      child.kill();
      expect(out.split('\n')[0]).toMatch(/^\d+ FLAG_RAISED flg_\S+ [A-Z]+-\d{3} OPEN$/);
    } finally {
      fs.rmSync(file, { force: true });
    }
  }, 30_000);

  it('the export check downloads every file and sha256sum -c passes on all ten', () => {
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', onPort(EXPORT_CHECK!)], { cwd: workDir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual(['platforms', 'qualifications', 'filings', 'flags', 'rules'].flatMap((set) => [`${set}.ndjson: OK`, `${set}.csv: OK`]));
  }, 60_000);
});
