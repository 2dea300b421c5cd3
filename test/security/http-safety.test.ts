import { startTestApp, TestApp } from '../helpers/test-app';

describe('HTTP safety', () => {
  let app: TestApp;
  let url: string;
  beforeAll(async () => {
    app = await startTestApp();
    const port = await app.server.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${port}/graphql`;
  });
  afterAll(() => app.close());

  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(url, { method: 'POST', headers, body });

  it('refuses a request body over the cap', async () => {
    const big = JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(200_000) } });
    expect((await post(big)).status).toBe(413);
  });

  it('refuses batched requests', async () => {
    const response = await post(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batch/i);
  });

  it('refuses simple cross-site requests (CSRF prevention)', async () => {
    const response = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });

  it('returns a request id, echoing the caller’s', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-123' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('x-request-id')).toBe('req-123');
    expect((await post(JSON.stringify({ query: '{ __typename }' }))).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an unknown or malformed token with UNAUTHENTICATED and status 401', async () => {
    for (const authorization of ['Bearer frt_nope', 'Basic abc']) {
      const response = await post(JSON.stringify({ query: '{ me { name } }' }), { 'content-type': 'application/json', authorization });
      expect(response.status).toBe(401);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers /healthz after checking the database', async () => {
    const response = await fetch(url.replace('/graphql', '/healthz'));
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
  });
});
