import { buildAssociation } from '../../seeds/factories';
import { REGISTER, registerVariables } from '../helpers/operations';
import { startTestApp, TestApp } from '../helpers/test-app';
import { freshClient, postAs, testStore } from './rate-limit-helpers';

const WRITES = 3;
const READS = 8;

describe('anonymous rate limits', () => {
  let app: TestApp;
  let url: string;
  let associationId: string;
  let adminToken: string;
  beforeAll(async () => {
    app = await startTestApp({
      trustProxy: 'loopback', // the tests name their client in X-Forwarded-For, so each test has its own budget
      rateLimits: { anonymousReads: { points: READS, windowSeconds: 60 }, anonymousWrites: { points: WRITES, windowSeconds: 60 }, store: testStore() },
    });
    url = `http://127.0.0.1:${await app.server.listen(0, '127.0.0.1')}/graphql`;
    const created = await buildAssociation(app.orm.em.fork());
    associationId = created.association.id;
    adminToken = created.adminToken;
  });
  afterAll(() => app.close());

  // this file's association only: other files register platforms in the same database meanwhile
  const platformCount = async () =>
    Number((await app.orm.em.fork().getConnection().execute('select count(*) as n from platform where association_id = ?', [associationId]))[0].n);

  it(`answers the ${WRITES + 1}th anonymous registerPlatform in the window with 429, Retry-After and RATE_LIMITED, writing nothing`, async () => {
    const client = freshClient();
    for (let i = 1; i <= WRITES; i++) {
      const response = await postAs(url, client, REGISTER, registerVariables(associationId));
      expect(response.status).toBe(200);
      expect(response.body.data.registerPlatform.platform.registryStatus).toBe('PENDING');
      expect(response.headers.get('ratelimit-limit')).toBe(String(WRITES));
      expect(response.headers.get('ratelimit-remaining')).toBe(String(WRITES - i));
    }
    const before = await platformCount();
    const refused = await postAs(url, client, REGISTER, registerVariables(associationId));
    expect(refused.status).toBe(429);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.errors?.[0].extensions?.retryAfterSeconds).toBe(retryAfter);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('ratelimit-reset')).toBe(String(retryAfter));
    expect(await platformCount()).toBe(before);

    const someoneElse = await postAs(url, freshClient(), REGISTER, registerVariables(associationId));
    expect(someoneElse.status).toBe(200);
    expect(await platformCount()).toBe(before + 1);
  });

  it('draws anonymous challenges of public records from the same per-client write budget', async () => {
    const registered = await postAs(url, freshClient(), REGISTER, registerVariables(associationId));
    const platformId = registered.body.data.registerPlatform.platform.id;
    const CHALLENGE = `mutation($input: FileChallengeInput!) { fileChallenge(input: $input) { id } }`;
    const challenge = (client: string, n: number) => postAs(url, client, CHALLENGE, { input: { targetType: 'PLATFORM', targetId: platformId, statement: `Objection ${n}.` } });
    const challenges = async () => Number((await app.orm.em.fork().getConnection().execute('select count(*) as n from challenge where platform_id = ?', [platformId]))[0].n);
    const client = freshClient();
    for (let i = 1; i <= WRITES; i++) expect((await challenge(client, i)).status).toBe(200);
    const refused = await challenge(client, WRITES + 1);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    expect(await challenges()).toBe(WRITES);
  });

  it('gives reads their own, higher budget; a junk token does not get around it', async () => {
    const client = freshClient();
    for (let i = 0; i < WRITES; i++) await postAs(url, client, REGISTER, registerVariables('asn_missing'));
    expect((await postAs(url, client, REGISTER, registerVariables('asn_missing'))).status).toBe(429);

    // every anonymous request, the four mutations included, spends a read: READS - 4 are left
    const left = READS - WRITES - 1;
    for (let i = 1; i <= left; i++) {
      const read = await postAs(url, client, '{ __typename }');
      expect(read.status).toBe(200);
      expect(read.body.data).toEqual({ __typename: 'Query' });
      expect(read.headers.get('ratelimit-limit')).toBe(String(READS));
      expect(read.headers.get('ratelimit-remaining')).toBe(String(left - i));
    }
    const refused = await postAs(url, client, '{ __typename }');
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const junkToken = await postAs(url, client, '{ __typename }', undefined, { authorization: 'Bearer frt_junk' });
    expect(junkToken.status).toBe(429);
    expect(junkToken.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  });

  it('sends the RateLimit headers on anonymous error responses too', async () => {
    const client = freshClient();
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': client }, body: '{"query":' });
    expect(response.status).toBe(400);
    expect(response.headers.get('ratelimit-limit')).toBe(String(READS));
    expect(response.headers.get('ratelimit-remaining')).toBe(String(READS - 1));
    expect(response.headers.get('ratelimit-policy')).toBe(`${READS};w=60`);
  });

  it('does not limit callers with a valid token, and sends them no RateLimit headers', async () => {
    const client = freshClient();
    for (let i = 0; i < READS + WRITES + 2; i++) {
      const mutation = i % 2 === 0;
      const response = mutation
        ? await postAs(url, client, REGISTER, registerVariables('asn_missing'), { authorization: `Bearer ${adminToken}` })
        : await postAs(url, client, '{ __typename }', undefined, { authorization: `Bearer ${adminToken}` });
      expect(response.status).not.toBe(429);
      expect(response.body.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('RATE_LIMITED');
      expect(response.headers.get('ratelimit-limit')).toBeNull();
    }
  });
});

describe('client address for rate limits', () => {
  let app: TestApp;
  let url: string;
  beforeAll(async () => {
    app = await startTestApp({ rateLimits: { anonymousReads: { points: 2, windowSeconds: 60 }, anonymousWrites: null, store: testStore() } });
    url = `http://127.0.0.1:${await app.server.listen(0, '127.0.0.1')}/graphql`;
    if (testStore() === 'postgres') {
      await app.orm.em.fork().getConnection().execute(`delete from rate_limit.counter where key like 'anonymous-%:%127.0.0.1'`);
    }
  });
  afterAll(() => app.close());

  it('is the socket address: X-Forwarded-For is ignored unless TRUST_PROXY says so', async () => {
    const statuses: number[] = [];
    for (const client of [freshClient(), freshClient(), freshClient()]) statuses.push((await postAs(url, client, '{ __typename }')).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('transparency log rate limit', () => {
  let app: TestApp;
  let base: string;
  beforeAll(async () => {
    app = await startTestApp({
      trustProxy: 'loopback',
      rateLimits: { anonymousReads: { points: 100, windowSeconds: 60 }, anonymousWrites: null, logReads: { points: 2, windowSeconds: 60 }, store: testStore() },
    });
    base = `http://127.0.0.1:${await app.server.listen(0, '127.0.0.1')}`;
  });
  afterAll(() => app.close());

  it('counts every /log request of a client, token or not, in its own budget; over it, 429 RATE_LIMITED', async () => {
    const client = freshClient();
    const get = (headers: Record<string, string> = {}) => fetch(`${base}/log/checkpoint`, { headers: { 'x-forwarded-for': client, ...headers } });
    const first = await get();
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect((await get({ authorization: 'Bearer not-checked-here' })).headers.get('ratelimit-remaining')).toBe('0');
    const refused = await get();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('RATE_LIMITED');
    // the GraphQL budget is another one
    expect((await postAs(`${base}/graphql`, client, '{ __typename }')).status).toBe(200);
  });
});
