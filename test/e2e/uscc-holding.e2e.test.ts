import fs from 'node:fs';
import { randomUscc } from '../../seeds/factories';
import { registerVariables, REGISTER, CHANGE_STATUS } from '../helpers/operations';
import { BOOT_TIMEOUT_MS, killAllApps, logEntries, makeDataDir, RunningApp, startApp } from './app-process';

/**
 * USCC disputes through HTTP on the real process (embedded PGlite): a registration holds its USCC only while
 * PENDING, APPROVED or SUSPENDED, so a squatter the reviewer rejects no longer blocks the company itself, and
 * of two registrations of one free USCC sent at once exactly one wins.
 */
describe('who holds a USCC', () => {
  let dataDir: string;
  let app: RunningApp;
  let associationId: string;
  let reviewerToken: string;

  const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  };
  const register = (uscc: string, legalName: string) => post(REGISTER, registerVariables(associationId, { uscc, legalName }));

  beforeAll(async () => {
    dataDir = makeDataDir('registry-uscc-e2e-');
    app = await startApp(dataDir);
    const reviewer = logEntries(app.stdout())
      .map((entry) => /^demo token: reviewer of .+ \((asn_\w+)\): (frt_[\w-]+)$/.exec(String(entry.msg)))
      .find(Boolean);
    if (!reviewer) throw new Error('the demo printed no reviewer token');
    [, associationId, reviewerToken] = reviewer;
  }, BOOT_TIMEOUT_MS + 10_000);

  afterAll(async () => {
    await killAllApps();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('releases a squatted USCC once the reviewer rejects the squatter; the rejected registration stays on record', async () => {
    const uscc = randomUscc();
    const squatter = await register(uscc, 'Squatter Ltd');
    expect(squatter.errors).toBeUndefined();
    const blocked = await register(uscc, 'Real Company Ltd');
    const squatterId = squatter.data.registerPlatform.platform.id;
    expect(blocked.errors?.map((e) => e.extensions)).toEqual([
      expect.objectContaining({ code: 'CONFLICT', field: 'input.uscc', holderPlatformId: squatterId, holderRegistryStatus: 'PENDING' }),
    ]);
    expect(blocked.errors?.[0].message).toContain(`fileChallenge(input: { targetType: PLATFORM, targetId: "${squatterId}"`);
    // the company finds the holder by searching its USCC, and challenges it anonymously
    const found = await post(`query($q: String!) { search(query: $q, first: 5) { nodes { node { ... on Platform { id registryStatus } } } } }`, { q: uscc });
    expect(found.data.search.nodes).toEqual([{ node: { id: squatterId, registryStatus: 'PENDING' } }]);
    const challenge = await post(
      `mutation($id: ID!) { fileChallenge(input: { targetType: PLATFORM, targetId: $id, statement: "This USCC is our company's." }) { status } }`,
      { id: squatterId },
    );
    expect(challenge.data.fileChallenge).toEqual({ status: 'OPEN' });

    const rejected = await post(CHANGE_STATUS, { input: { platformId: squatterId, to: 'REJECTED', reason: 'Not the company holding this USCC.' } }, reviewerToken);
    expect(rejected.data.changeRegistryStatus.registryStatus).toBe('REJECTED');

    const real = await register(uscc, 'Real Company Ltd');
    expect(real.errors).toBeUndefined();
    expect(real.data.registerPlatform.platform).toMatchObject({ uscc, legalName: 'Real Company Ltd', registryStatus: 'PENDING' });

    const listed = await post(`query($id: ID!) { platform(id: $id) { uscc registryStatus statusHistory { toStatus reason } } }`, { id: squatterId });
    expect(listed.data.platform).toEqual({
      uscc,
      registryStatus: 'REJECTED',
      statusHistory: [
        { toStatus: 'PENDING', reason: 'Self-registration received; awaiting association review.' },
        { toStatus: 'REJECTED', reason: 'Not the company holding this USCC.' },
      ],
    });
    // a third registration is blocked again: the real company's PENDING one holds the USCC now
    const third = await register(uscc, 'Another Squatter Ltd');
    expect(third.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('lets exactly one of two registrations of one free USCC sent at once win', async () => {
    const uscc = randomUscc();
    const results = await Promise.all([register(uscc, 'First Ltd'), register(uscc, 'Second Ltd')]);
    expect(results.filter((r) => !r.errors && r.data.registerPlatform.platform.uscc === uscc)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(1);
  });
});
