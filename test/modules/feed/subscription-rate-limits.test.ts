import type { Client } from 'graphql-ws';
import { buildFilingAssociation, FilingAssociation } from '../../helpers/filing-world';
import { REGISTRY_EVENTS, subscribe, wsClient } from '../../helpers/subscriptions';
import { startTestApp, TestApp } from '../../helpers/test-app';

describe('registryEvents under the anonymous rate limit', () => {
  let app: TestApp;
  let association: FilingAssociation;
  let url: string;
  const clients: Client[] = [];
  beforeAll(async () => {
    app = await startTestApp({ rateLimits: { anonymousReads: { points: 2, windowSeconds: 60 }, anonymousWrites: null, store: 'memory' } });
    association = await buildFilingAssociation(app, { rulebook: false });
    url = `http://127.0.0.1:${await app.server.listen(0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await app.close();
  });

  const client = (token?: string, onClose?: (event: { code: number; reason: string }) => void) => {
    const made = wsClient(url, token, onClose);
    clients.push(made);
    return made;
  };

  it('charges an anonymous connection and each of its subscribes; refuses over budget; members are not limited', async () => {
    const connection = client();
    const first = subscribe(connection, REGISTRY_EVENTS); // the connection and this subscribe: 2 points
    const second = subscribe(connection, REGISTRY_EVENTS);
    expect(await second.ended).toEqual([expect.objectContaining({ extensions: { code: 'RATE_LIMITED' } })]);
    expect(first.results).toEqual([]);
    let closed: { code: number } | undefined;
    await subscribe(client(undefined, (event) => (closed = event)), REGISTRY_EVENTS).ended;
    expect(closed?.code).toBe(4429);
    const member = client(association.tokens.reviewer);
    for (let i = 0; i < 3; i++) {
      const refused = subscribe(member, REGISTRY_EVENTS, { after: 'x' }); // reaches the resolver: not rate-limited
      expect((await refused.waitFor(1))[0].errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
