import { gzipSync } from 'node:zlib';
import { buildAssociation } from '../../seeds/factories';
import { describeHttpError } from '../../src/http/json-errors';
import { REGISTER, registerVariables } from '../helpers/operations';
import { startTestApp, TestApp } from '../helpers/test-app';

type Body = { data?: unknown; errors?: { message: string; extensions?: Record<string, any> }[] };

const JSON_TYPE = { 'content-type': 'application/json' };
const PREFLIGHT = { 'apollo-require-preflight': '1' };
const typename = JSON.stringify({ query: '{ __typename }' });

/** [what, path and query, request, status, code]: every way found to reach an HTTP-level error. */
const CASES: [string, string, RequestInit, number, string][] = [
  ['malformed JSON', '/graphql', { method: 'POST', headers: JSON_TYPE, body: '{"query":' }, 400, 'BAD_REQUEST'],
  ['JSON null', '/graphql', { method: 'POST', headers: JSON_TYPE, body: 'null' }, 400, 'BAD_REQUEST'],
  ['a JSON string', '/graphql', { method: 'POST', headers: JSON_TYPE, body: '"{ __typename }"' }, 400, 'BAD_REQUEST'],
  ['an empty JSON body', '/graphql', { method: 'POST', headers: JSON_TYPE, body: '' }, 400, 'BAD_REQUEST'],
  ['a body over the limit', '/graphql', { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(200_000) } }) }, 413, 'PAYLOAD_TOO_LARGE'],
  ['text/plain', '/graphql', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: typename }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['a form', '/graphql', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['XML', '/graphql', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<query/>' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['no Content-Type', '/graphql', { method: 'POST', body: new TextEncoder().encode(typename) }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['a charset other than UTF-8', '/graphql', { method: 'POST', headers: { 'content-type': 'application/json; charset=latin1' }, body: typename }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['an unknown Content-Encoding', '/graphql', { method: 'POST', headers: { ...JSON_TYPE, 'content-encoding': 'br2' }, body: typename }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['a corrupt gzip body', '/graphql', { method: 'POST', headers: { ...JSON_TYPE, 'content-encoding': 'gzip' }, body: typename }, 400, 'BAD_REQUEST'],
  ['a batch', '/graphql', { method: 'POST', headers: JSON_TYPE, body: `[${typename},${typename}]` }, 400, 'BAD_REQUEST'],
  ['an empty batch', '/graphql', { method: 'POST', headers: JSON_TYPE, body: '[]' }, 400, 'BAD_REQUEST'],
  ['a query that is not a string', '/graphql', { method: 'POST', headers: JSON_TYPE, body: '{"query":5}' }, 400, 'BAD_REQUEST'],
  ['variables as a string', '/graphql', { method: 'POST', headers: JSON_TYPE, body: '{"query":"{ __typename }","variables":"{}"}' }, 400, 'BAD_REQUEST'],
  ['GET without a query', '/graphql', { headers: PREFLIGHT }, 400, 'BAD_REQUEST'],
  ['GET with bad percent-encoding', '/graphql?query=%E0%A4%A', { headers: PREFLIGHT }, 400, 'GRAPHQL_PARSE_FAILED'],
  ['GET with variables that are not JSON', '/graphql?query=%7B__typename%7D&variables=%7Bx', { headers: PREFLIGHT }, 400, 'BAD_REQUEST'],
  ['GET of a mutation', '/graphql?query=mutation%7B__typename%7D', { headers: PREFLIGHT }, 405, 'BAD_REQUEST'],
  ['GET without the CSRF preflight header', '/graphql?query=%7B__typename%7D', {}, 400, 'BAD_REQUEST'],
  ['PUT', '/graphql', { method: 'PUT', headers: JSON_TYPE, body: typename }, 405, 'METHOD_NOT_ALLOWED'],
  ['DELETE', '/graphql', { method: 'DELETE' }, 405, 'METHOD_NOT_ALLOWED'],
  ['OPTIONS', '/graphql', { method: 'OPTIONS' }, 405, 'METHOD_NOT_ALLOWED'],
  ['a path under /graphql', '/graphql/anything', { method: 'POST', headers: JSON_TYPE, body: typename }, 404, 'NOT_FOUND'],
  ['a bad percent-encoding in the path', '/graphql/%E0%A4%A', {}, 404, 'NOT_FOUND'],
  ['an unknown path', '/nothing-here', {}, 404, 'NOT_FOUND'],
];

describe('HTTP errors', () => {
  let app: TestApp;
  let base: string;
  const nodeEnv = process.env.NODE_ENV;
  beforeAll(async () => {
    process.env.NODE_ENV = 'development'; // stacks must stay out of responses whatever NODE_ENV is
    app = await startTestApp();
    base = `http://127.0.0.1:${await app.server.listen(0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    process.env.NODE_ENV = nodeEnv;
    await app.close();
  });

  const send = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${base}${path}`, init);
    return { response, text: await response.text() };
  };

  it.each(CASES)('answers %s with a JSON GraphQL error and no stack', async (_what, path, init, status, code) => {
    const { response, text } = await send(path, init);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(text) as Body;
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions?.code).toBe(code);
    expect(typeof body.errors![0].message).toBe('string');
    expect(text).not.toMatch(/stacktrace|node_modules|<html|\/work\/|\n {4}at /);
    if (status === 405 && code === 'METHOD_NOT_ALLOWED') expect(response.headers.get('allow')).toBe('GET, POST');
  });

  it('accepts a gzip body that is what it says', async () => {
    const { response, text } = await send('/graphql', { method: 'POST', headers: { ...JSON_TYPE, 'content-encoding': 'gzip' }, body: gzipSync(typename) });
    expect(response.status).toBe(200);
    expect(JSON.parse(text)).toEqual({ data: { __typename: 'Query' } });
  });

  const post = async (query: string, variables: unknown, headers: Record<string, string> = {}) => {
    const { response, text } = await send('/graphql', { method: 'POST', headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, headers: response.headers, body: JSON.parse(text) as Body };
  };
  const fieldsOf = (body: Body) => body.errors?.map((e) => [e.extensions?.code, e.extensions?.fields]);

  it('gives variable type errors field paths like every other BAD_USER_INPUT', async () => {
    const query = 'query Q($first: Int!) { platforms(first: $first) { totalCount } }';
    expect(fieldsOf((await post(query, { first: 'abc' })).body)).toEqual([
      ['BAD_USER_INPUT', [{ path: 'first', message: 'Int cannot represent non-integer value: "abc"' }]],
    ]);
    expect(fieldsOf((await post(query, {})).body)).toEqual([
      ['BAD_USER_INPUT', [{ path: 'first', message: 'Variable "$first" of required type "Int!" was not provided.' }]],
    ]);
  });

  it('points into input objects: a wrong nested value, a missing field, an unknown field', async () => {
    const { input } = registerVariables('asn_x');
    const wrongType = (await post(REGISTER, { input: { ...input, qualifications: [{ ...input.qualifications[0], type: 'NOPE' }] } })).body;
    expect(wrongType.errors?.[0].extensions?.fields).toEqual([{ path: 'input.qualifications.0.type', message: expect.stringContaining('"NOPE"') }]);
    const { legalName: _missing, ...withoutName } = input;
    expect((await post(REGISTER, { input: withoutName })).body.errors?.[0].extensions?.fields).toEqual([
      { path: 'input.legalName', message: 'Field "legalName" of required type "String!" was not provided.' },
    ]);
    const unknown = (await post(REGISTER, { input: { ...input, regulatorRegistration: { ...input.regulatorRegistration, colour: 'red' } } })).body;
    expect(unknown.errors?.[0].extensions?.fields).toEqual([
      { path: 'input.regulatorRegistration.colour', message: expect.stringContaining('Field "colour" is not defined') },
    ]);
  });

  it('refuses an over-long Idempotency-Key header instead of cutting it, and writes nothing', async () => {
    const { association } = await buildAssociation(app.orm.em.fork());
    // this test's association only: other files register platforms in the same database meanwhile
    const count = async () => Number((await app.orm.em.fork().getConnection().execute('select count(*) as n from platform where association_id = ?', [association.id]))[0].n);
    const before = await count();
    const refused = await post(REGISTER, registerVariables(association.id), { 'idempotency-key': 'k'.repeat(201) });
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(fieldsOf(refused.body)).toEqual([['BAD_USER_INPUT', [{ path: 'headers.Idempotency-Key', message: 'must be at most 200 characters' }]]]);
    expect(await count()).toBe(before);

    const accepted = await post(REGISTER, registerVariables(association.id), { 'idempotency-key': 'k'.repeat(200) });
    expect(accepted.status).toBe(200);
    expect(await count()).toBe(before + 1);
  });

  it('echoes a safe x-request-id and replaces anything else with a fresh UUID', async () => {
    const id = async (given: string) => (await post('{ __typename }', undefined, { 'x-request-id': given })).headers.get('x-request-id');
    expect(await id('trace-01J9Z:abc.1')).toBe('trace-01J9Z:abc.1');
    for (const junk of ['<script>alert(1)</script>', 'a'.repeat(129), 'has space', '%0d%0aSet-Cookie']) {
      expect(await id(junk)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});

describe('describeHttpError', () => {
  it('answers anything that is not a client error as a bare INTERNAL_SERVER_ERROR', () => {
    for (const error of [new Error('ECONNRESET at /srv/app/db.js'), Object.assign(new Error('boom'), { status: 503 }), 'thrown string', null]) {
      const refusal = describeHttpError(error);
      expect(refusal.status).toBe(500);
      expect(refusal.code).toBe('INTERNAL_SERVER_ERROR');
      expect(refusal.message).not.toMatch(/ECONNRESET|srv|boom/);
    }
  });
});
