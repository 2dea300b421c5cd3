import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Client } from 'graphql-ws';
import { CLEAN, FilingPlatform, SUBMIT_FILING, submitVariables } from '../helpers/filing-world';
import { REGISTRY_EVENTS, subscribe, wsClient } from '../helpers/subscriptions';
import { BOOT_TIMEOUT_MS, killAllApps, logEntries, makeDataDir, RunningApp, startApp } from './app-process';

/** The demo token the first start logs for `role` (e.g. `rule editor`), and its organisation's id. */
function demoToken(app: RunningApp, role: string): { organisation: string; token: string } {
  for (const entry of logEntries(app.stdout())) {
    const match = new RegExp(`^demo token: ${role} of .+ \\(((?:asn|plt)_\\w+)\\): (frt_[\\w-]+)$`).exec(String(entry.msg));
    if (match) return { organisation: match[1], token: match[2] };
  }
  throw new Error(`no demo token for ${role}`);
}

const nextPeriod = (period: string) => {
  const [y, m] = period.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

const FLAG = `query($id: ID!) { flag(id: $id) { id heldForReview reviewBeforePublication caseState case { steps { action } } history(first: 5) { nodes { action } } } }`;
const LIST = `query($platformId: ID!, $code: String!) { flags(first: 5, filter: { platformId: $platformId, ruleCode: $code }) { totalCount } }`;

/**
 * Issue 10's test line, through HTTP and WebSocket against a running registry (embedded database, demo data):
 * a review-only rule's flag is hidden from the public until a reviewer confirms it.
 */
describe('a rule marked for review before publication, end to end over HTTP', () => {
  let dataDir: string;
  let app: RunningApp;
  const clients: Client[] = [];

  beforeAll(async () => {
    dataDir = makeDataDir('registry-held-');
    app = await startApp(dataDir);
  }, BOOT_TIMEOUT_MS + 20_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await killAllApps();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** POSTs an operation as the holder of `token` (or the public) and returns its data, failing on errors. */
  const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data;
  };

  it("hides a review-only rule's flag from the public until a reviewer confirms it", async () => {
    const editor = demoToken(app, 'rule editor');
    const reviewer = demoToken(app, 'reviewer');
    const owner = demoToken(app, 'platform owner');
    const known = await post(
      `query($id: ID!) { changes(first: 1) { totalCount } platform(id: $id) { association { id } qualifications { id type } } filings(platformId: $id, first: 50) { nodes { period } } }`,
      { id: owner.organisation },
    );
    const period = nextPeriod(known.filings.nodes.map((n: { period: string }) => n.period).sort().pop() ?? '2019-05');

    // the rule editor publishes a keyword-screen-like rule marked for review, in force from the month to be filed
    const code = `HELD-${randomBytes(4).toString('hex').toUpperCase()}`;
    const input = { code, title: 'Promise wording (held)', text: 'Flags every month with new loans.', basis: 'Test', category: 'DISCLOSURE', severity: 'MEDIUM', expression: 'filing.ops.newLoanAmountMinor > 0', reviewBeforePublication: true };
    const draft = await post(`mutation($input: SaveRuleDraftInput!) { saveRuleDraft(input: $input) { id reviewBeforePublication } }`, { input }, editor.token);
    expect(draft.saveRuleDraft.reviewBeforePublication).toBe(true);
    await post(`mutation($input: PublishRuleDraftInput!) { publishRuleDraft(input: $input) { number } }`, { input: { ruleVersionId: draft.saveRuleDraft.id, effectiveFrom: `${period}-01T00:00:00+08:00` } }, editor.token);

    // the public follows new flags of the platform
    const client = wsClient(app.baseUrl);
    clients.push(client);
    const live = subscribe(client, REGISTRY_EVENTS, { after: String(known.changes.totalCount - 1), filter: { kinds: ['FLAG_RAISED'], platformId: owner.organisation } });

    // the platform files the month: the rule flags it, and the platform sees the flag at once, held
    const custody = known.platform.qualifications.find((q: { type: string }) => q.type === 'CUSTODY_AGREEMENT');
    const platform: FilingPlatform = { id: owner.organisation, associationId: known.platform.association.id, custodyQualificationId: custody.id, tokens: { owner: owner.token, filer: owner.token } };
    const filed = await post(SUBMIT_FILING.replace('flags { id', 'flags { heldForReview id'), submitVariables(platform, period, {}, CLEAN), owner.token);
    const flag = filed.submitFiling.flags.find((f: { ruleCode: string }) => f.ruleCode === code);
    expect(flag).toMatchObject({ heldForReview: true, status: 'OPEN' });
    const others = filed.submitFiling.flags.filter((f: { ruleCode: string }) => f.ruleCode !== code).map((f: { id: string }) => f.id);

    // hidden from the public: the flag, the list, the subscription
    expect((await post(FLAG, { id: flag.id })).flag).toBeNull();
    expect((await post(LIST, { platformId: owner.organisation, code })).flags.totalCount).toBe(0);
    expect((await post(LIST, { platformId: owner.organisation, code }, reviewer.token)).flags.totalCount).toBe(1);
    await live.waitFor(others.length, 15_000);

    // the platform answers, the association's reviewer confirms: now it is public
    await post(`mutation($input: ReplyToFlagInput!) { replyToFlag(input: $input) { caseState } }`, { input: { flagId: flag.id, text: 'The wording is a negation.' } }, owner.token);
    const decided = await post(
      `mutation($input: DecideFlagInput!) { decideFlag(input: $input) { caseState heldForReview } }`,
      { input: { flagId: flag.id, decision: 'CONFIRMED', reason: 'The wording promises principal protection.' } },
      reviewer.token,
    );
    expect(decided.decideFlag).toEqual({ caseState: 'CONFIRMED', heldForReview: false });
    expect((await post(FLAG, { id: flag.id })).flag).toEqual({
      id: flag.id,
      heldForReview: false,
      reviewBeforePublication: true,
      caseState: 'CONFIRMED',
      case: { steps: [{ action: 'REPLY' }, { action: 'CONFIRM' }] },
      history: { nodes: [{ action: 'flag.published' }] },
    });
    expect((await post(LIST, { platformId: owner.organisation, code })).flags.totalCount).toBe(1);
    const heard = await live.waitFor(others.length + 1, 15_000);
    const ids = heard.map((r) => r.data.registryEvents.change.entityId);
    // the held flag's first event is its publication, after every other flag of the filing
    expect(ids.slice(0, others.length).sort()).toEqual([...others].sort());
    expect(heard[others.length].data.registryEvents).toMatchObject({ kind: 'FLAG_RAISED', change: { entityId: flag.id, action: 'flag.published' } });
  });
});
