import { startTestApp, TestApp } from '../helpers/test-app';
import { freshClient, testStore } from './rate-limit-helpers';

const PAGE = 'https://newsroom.example';
const QUERY = JSON.stringify({ query: '{ platforms(first: 1) { totalCount } }' });

describe('CORS: public reads from any origin, never with credentials', () => {
  let app: TestApp;
  let base: string;

  beforeAll(async () => {
    app = await startTestApp({
      trustProxy: 'loopback',
      rateLimits: { anonymousReads: { points: 2, windowSeconds: 60 }, anonymousWrites: { points: 2, windowSeconds: 60 }, store: testStore() },
    });
    base = `http://127.0.0.1:${await app.server.listen(0, '127.0.0.1')}`;
  });
  afterAll(() => app.close());

  const preflight = (client: string, requestHeaders = 'content-type', path = '/graphql') =>
    fetch(`${base}${path}`, {
      method: 'OPTIONS',
      headers: { origin: PAGE, 'access-control-request-method': 'POST', 'access-control-request-headers': requestHeaders, 'x-forwarded-for': client },
    });
  const post = (client: string, headers: Record<string, string> = {}, body = QUERY) =>
    fetch(`${base}/graphql`, { method: 'POST', headers: { origin: PAGE, 'content-type': 'application/json', 'x-forwarded-for': client, ...headers }, body });

  it('answers the preflight of POST /graphql with JSON: any origin, POST, Content-Type, no credentials, cached a day', async () => {
    const response = await preflight(freshClient());
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')?.split(',')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toBe('content-type');
    expect(response.headers.get('access-control-max-age')).toBe('86400');
    expect(response.headers.has('access-control-allow-credentials')).toBe(false);
  });

  it('does not allow an Authorization header cross-origin: browsers make public reads only', async () => {
    const response = await preflight(freshClient(), 'content-type,authorization');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase().split(',')).not.toContain('authorization');
  });

  it('marks the actual response readable by any origin, with its request id and rate-limit headers exposed', async () => {
    const response = await post(freshClient());
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).data.platforms.totalCount).toBeGreaterThanOrEqual(0);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.has('access-control-allow-credentials')).toBe(false);
    const exposed = response.headers.get('access-control-expose-headers')?.split(',') ?? [];
    expect(exposed).toEqual(expect.arrayContaining(['x-request-id', 'ratelimit-remaining', 'retry-after']));
    expect(response.headers.get('ratelimit-remaining')).toBe('1');
  });

  it('spends no read budget on preflights, and a refusal (429, 415) is readable cross-origin too', async () => {
    const client = freshClient();
    for (let i = 0; i < 5; i++) expect((await preflight(client)).status).toBe(204);
    expect((await post(client)).status).toBe(200);
    expect((await post(client)).status).toBe(200);
    const refused = await post(client);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    const wrongType = await post(freshClient(), { 'content-type': 'text/plain' });
    expect(wrongType.status).toBe(415);
    expect(wrongType.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('serves the transparency log read paths cross-origin too', async () => {
    const response = await fetch(`${base}/log/checkpoint`, { headers: { origin: PAGE, 'x-forwarded-for': freshClient() } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect((await preflight(freshClient(), 'content-type', '/log/checkpoint')).status).toBe(204);
  });

  it('adds no CORS headers where nothing public is read (health check)', async () => {
    const response = await fetch(`${base}/healthz`, { headers: { origin: PAGE } });
    expect(response.headers.has('access-control-allow-origin')).toBe(false);
  });
});
