import { getIntrospectionQuery } from 'graphql';
import { COST_LIMITS, MAX_ARGUMENT_LIST_LENGTH } from '../../src/shared/query-cost';
import { errorCodes, startTestApp, TestApp } from '../helpers/test-app';

/** Ten aliases of a 100-flag page with nested filings, platforms and rule versions: 10 * 100 * 6 objects. */
const costlyFlags = Array.from(
  { length: 10 },
  (_, i) => `f${i}: flags(first: 100) { nodes { id filing { id platform { id } } platform { id } ruleVersion { id } } }`,
).join(' ');

describe('query cost, whatever the operation is named', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it.each(['IntrospectionQuery', 'Anything'])('refuses a costly data query named %s', async (name) => {
    const { status, body } = await app.post(`query ${name} { ${costlyFlags} }`);
    expect(status).toBe(400);
    expect(errorCodes(body)).toEqual(['QUERY_TOO_COSTLY']);
    expect(body.errors?.[0].extensions?.limit).toBe(COST_LIMITS.public);
    expect(body.errors?.[0].extensions?.cost).toBe(6000);
  });

  it('refuses the costly query unnamed, and with an introspection field beside it', async () => {
    expect(errorCodes((await app.post(`{ ${costlyFlags} }`)).body)).toEqual(['QUERY_TOO_COSTLY']);
    expect(errorCodes((await app.post(`query IntrospectionQuery { __schema { queryType { name } } ${costlyFlags} }`)).body)).toEqual(['QUERY_TOO_COSTLY']);
  });

  it("answers an IDE's standard introspection query to anyone", async () => {
    const { status, body } = await app.post(getIntrospectionQuery());
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.__schema.queryType.name).toBe('Query');
    expect(body.data.__schema.types.length).toBeGreaterThan(50);
  });

  it('costs introspection: a second full introspection in the same request is refused', async () => {
    const twice = getIntrospectionQuery().replace('__schema {', 'again: __schema { types { ...FullType } } __schema {');
    const refusedTwice = await app.post(twice);
    expect(refusedTwice.status).toBe(400);
    expect(errorCodes(refusedTwice.body)).toEqual(['QUERY_TOO_COSTLY']);
    expect(refusedTwice.body.errors?.[0].extensions?.limit).toBe(COST_LIMITS.introspection);
  });

  it('counts __typename aliases like any other alias', async () => {
    const aliases = Array.from({ length: 11 }, (_, i) => `t${i}: __typename`).join(' ');
    const { status, body } = await app.post(`{ ${aliases} }`);
    expect(status).toBe(400);
    expect(body.errors?.[0].message).toMatch(/aliases limit of 10 exceeded/i);
  });

  it('refuses an argument list longer than the limit, naming the argument', async () => {
    const severity = Array.from({ length: 8000 }, () => 'HIGH');
    const query = `query($filter: FlagFilter) { flags(first: 1, filter: $filter) { totalCount } }`;
    const { status, body } = await app.post(query, { filter: { severity } });
    expect(status).toBe(400);
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0].extensions?.fields).toEqual([
      { path: 'filter.severity', message: `holds 8000 items; at most ${MAX_ARGUMENT_LIST_LENGTH} are accepted` },
    ]);
    const fine = await app.post(query, { filter: { severity: ['HIGH', 'HIGH'] } });
    expect(fine.body.errors).toBeUndefined();
  });
});
