import type { AddressInfo } from 'node:net';
import { COST_LIMITS } from '../../src/shared/query-cost';
import { QUERY_LIMITS } from '../../src/server';
import { subscribe, wsClient } from '../helpers/subscriptions';
import { errorCodes, startTestApp, TestApp } from '../helpers/test-app';

describe('hostile query shapes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('refuses 200 aliases', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: version`).join(' ');
    const { status, body } = await app.post(`{ intermediaryAttestation { ${aliases} } }`);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0].message).toMatch(/aliases limit of 10 exceeded/i);
  });

  it('refuses depth 20', async () => {
    const nested = Array.from({ length: 19 }).reduce<string>((inner) => `association { name ${inner} }`, 'id');
    const { status, body } = await app.post(`{ platforms(first: 1) { nodes { ${nested} } } }`);
    expect(status).toBe(400);
    expect(body.errors?.[0].message).toMatch(/depth limit of 6 exceeded/i);
  });

  it('refuses 1,000 repeated fields', async () => {
    const { status, body } = await app.post(`{ intermediaryAttestation { ${'version '.repeat(1000)} } }`);
    expect(status).toBe(400);
    expect(body.errors?.[0].message).toBe('Syntax Error: Document contains more that 1000 tokens. Parsing aborted.');
  });

  it('refuses a query whose list-aware cost is over the public limit, with the figures', async () => {
    const query = `{ platforms(first: 100) { nodes { id qualifications { id } statusHistory { id } } } }`;
    const { status, body } = await app.post(query);
    expect(status).toBe(400);
    expect(errorCodes(body)).toEqual(['QUERY_TOO_COSTLY']);
    expect(body.errors?.[0].extensions).toMatchObject({ cost: 100 * (1 + 1 * (1 + 10 + 10)), limit: COST_LIMITS.public });
  });

  it('counts `first` given as a variable at its real value', async () => {
    const query = `query($n: Int!) { platforms(first: $n) { nodes { qualifications { id } } } }`;
    expect(errorCodes((await app.post(query, { n: 100 })).body)).toEqual(['QUERY_TOO_COSTLY']);
    expect(errorCodes((await app.post(query, { n: 50 })).body)).toEqual([]);
  });

  it('hides field suggestions, and the message still ends as a sentence', async () => {
    const typo = await app.post('{ platfroms(first: 1) { totalCount } }');
    expect(typo.body.errors?.map((e) => e.message)).toEqual(['Cannot query field "platfroms" on type "Query".']);
    const noSelection = await app.post('mutation { issueToken(input: { memberId: "mbr_x", label: "robot" }) { token id } }');
    expect(noSelection.body.errors?.map((e) => e.message)).toEqual([
      'Field "token" of type "ApiToken!" must have a selection of subfields.',
      'Cannot query field "id" on type "IssueTokenPayload".',
    ]);
    const enumValue = await app.post('{ platforms(first: 1, filter: { registryStatus: [APROVED] }) { totalCount } }');
    expect(enumValue.body.errors?.map((e) => e.message)).toEqual(['Value "APROVED" does not exist in "RegistryStatus" enum.']);
    const enumVariable = await app.post('query($s: [RegistryStatus!]) { platforms(first: 1, filter: { registryStatus: $s }) { totalCount } }', { s: ['APROVED'] });
    expect(enumVariable.body.errors?.[0].message).toBe('Variable "$s" got invalid value "APROVED" at "s[0]"; Value "APROVED" does not exist in "RegistryStatus" enum.');
  });

  it('hides field suggestions over WebSocket too', async () => {
    await app.post('{ __typename }'); // the test app listens from its first HTTP request on
    const client = wsClient(`http://127.0.0.1:${(app.server.httpServer.address() as AddressInfo).port}`);
    try {
      const typo = subscribe(client, 'subscription { registryEvnts { cursor } }');
      expect(await typo.ended).toEqual([expect.objectContaining({ message: 'Cannot query field "registryEvnts" on type "Subscription".' })]);
    } finally {
      await client.dispose();
    }
  });

  it('accepts an ordinary nested page within every limit', async () => {
    const result = await app.execute(`{ platforms(first: 20) { totalCount nodes { id association { name } qualifications { type state } } } }`);
    expect(result.errors).toBeUndefined();
    expect(QUERY_LIMITS).toEqual({ maxDepth: 6, maxAliases: 10, maxTokens: 1000, maxDirectives: 10 });
  });
});
