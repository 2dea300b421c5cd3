import type { Client } from 'graphql-ws';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../../src/http/subscriptions';
import { sql } from '../../../src/shared/sql';
import {
  AMEND_FILING,
  amendVariables,
  buildFilingAssociation,
  buildFilingPlatform,
  FilingAssociation,
  FilingPlatform,
  POOLING,
  SUBMIT_FILING,
  submitVariables,
} from '../../helpers/filing-world';
import { CHANGE_STATUS } from '../../helpers/operations';
import { REGISTRY_EVENTS, subscribe, wsClient } from '../../helpers/subscriptions';
import { startTestApp, TestApp } from '../../helpers/test-app';

describe('registryEvents subscription (graphql-ws)', () => {
  let app: TestApp;
  let association: FilingAssociation;
  let platform: FilingPlatform;
  let baseUrl: string;
  const clients: Client[] = [];
  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
    platform = await buildFilingPlatform(app, association);
    await app.post('{ __typename }');
    baseUrl = `http://127.0.0.1:${(app.server.httpServer.address() as { port: number }).port}`;
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });
  afterAll(() => app.close());

  const client = (token?: string, onClose?: (event: { code: number; reason: string }) => void) => {
    const made = wsClient(baseUrl, token, onClose);
    clients.push(made);
    return made;
  };

  async function ok(query: string, variables: Record<string, unknown>, token: string) {
    const result = await app.execute(query, variables, token);
    expect(result.errors).toBeUndefined();
    return result.data;
  }

  async function lastIndex(): Promise<string> {
    const [{ next }] = await sql<{ next: string }>(app.orm.em.fork(), 'select next from log_state where id = 1');
    return String(BigInt(next) - 1n);
  }

  /**
   * Events of this file's own writes: other files' jobs (the daily missing-filings check) may raise FILE-001
   * flags on any platform at any moment, flags with no filing.
   */
  const own = (result: { data?: any }) => result.data.registryEvents.change.entityType !== 'flag' || result.data.registryEvents.change.record.filing !== null;


  it("sends a platform's new filings, new flags and flag status changes as they are written, with the ledger entry", async () => {
    // from the log's end as it is now: events written before the server has set the subscription up still arrive
    const events = subscribe(client(), REGISTRY_EVENTS, { after: await lastIndex(), filter: { platformId: platform.id } });
    const { submitFiling } = await ok(SUBMIT_FILING, submitVariables(platform, '2019-06', {}, POOLING), platform.tokens.filer);
    expect(submitFiling.flags.length).toBeGreaterThan(0);
    const raised = 1 + submitFiling.flags.length;
    const first = await events.waitFor(raised, 10_000, own);
    expect(first.map((r) => r.data.registryEvents.kind)).toEqual(['FILING_FILED', ...submitFiling.flags.map(() => 'FLAG_RAISED')]);
    expect(first[0].data.registryEvents.change).toMatchObject({ entityType: 'filing', entityId: submitFiling.id, action: 'filing.submitted', actor: { organisation: platform.id, role: 'FILER' } });
    expect(first.slice(1).map((r) => r.data.registryEvents.change.entityId).sort()).toEqual(submitFiling.flags.map((f: { id: string }) => f.id).sort());
    for (const { data } of first) expect(data.registryEvents.cursor).toBe(data.registryEvents.change.logIndex);

    const { amendFiling } = await ok(AMEND_FILING, amendVariables(platform, submitFiling.id, 'Custody figures corrected.'), platform.tokens.filer);
    const all = await events.waitFor(raised + 1 + submitFiling.flags.length, 10_000, own);
    const later = all.slice(raised).map((r) => r.data.registryEvents);
    expect(later[0]).toMatchObject({ kind: 'FILING_FILED', change: { entityId: amendFiling.id, action: 'filing.amended' } });
    const changed = later.filter((e) => e.kind === 'FLAG_STATUS_CHANGED');
    expect(changed.map((e) => e.change.entityId).sort()).toEqual(submitFiling.flags.map((f: { id: string }) => f.id).sort());
    expect(changed.every((e) => e.change.version === 2 && e.change.record.status === 'SUPERSEDED')).toBe(true);
    const indexes = all.map((r) => BigInt(r.data.registryEvents.cursor));
    expect(indexes).toEqual([...indexes].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('filters by severity, category, association and kind', async () => {
    const other = await buildFilingAssociation(app, { rulebook: false });
    const otherPlatform = await buildFilingPlatform(app, other);
    const after = await lastIndex();
    const critical = subscribe(client(), REGISTRY_EVENTS, { after, filter: { platformId: platform.id, severities: ['CRITICAL'] } });
    const pooling = subscribe(client(), REGISTRY_EVENTS, { after, filter: { associationId: association.id, categories: ['FUND_POOLING'] } });
    const elsewhere = subscribe(client(), REGISTRY_EVENTS, { after, filter: { associationId: other.id, kinds: ['REGISTRY_STATUS_CHANGED'] } });
    const { submitFiling } = await ok(SUBMIT_FILING, submitVariables(platform, '2019-08', {}, POOLING), platform.tokens.filer);
    await ok(CHANGE_STATUS, { input: { platformId: otherPlatform.id, to: 'SUSPENDED', reason: 'Licence lapsed.' } }, other.tokens.reviewer);
    const criticalFlags = submitFiling.flags.filter((f: { severity: string }) => f.severity === 'CRITICAL');
    const poolingFlags = submitFiling.flags.filter((f: { category: string }) => f.category === 'FUND_POOLING');
    expect(criticalFlags.length * poolingFlags.length).toBeGreaterThan(0);
    const ids = (results: { data?: any }[]) => results.map((r) => r.data.registryEvents.change.entityId).sort();
    expect(ids(await critical.waitFor(criticalFlags.length, 10_000, own))).toEqual(criticalFlags.map((f: { id: string }) => f.id).sort());
    expect(ids(await pooling.waitFor(poolingFlags.length, 10_000, own))).toEqual(poolingFlags.map((f: { id: string }) => f.id).sort());
    const [status] = await elsewhere.waitFor(1);
    expect(status.data.registryEvents).toMatchObject({ kind: 'REGISTRY_STATUS_CHANGED', change: { record: { platform: otherPlatform.id, toStatus: 'SUSPENDED' } } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([critical.results.filter(own).length, pooling.results.filter(own).length, elsewhere.results.length]).toEqual([criticalFlags.length, poolingFlags.length, 1]);
  });

  it('resumes after a cursor: a client that reconnects with its last cursor gets every event it missed, once', async () => {
    const start = await lastIndex();
    await ok(SUBMIT_FILING, submitVariables(platform, '2019-09', {}, POOLING), platform.tokens.filer);
    const live = subscribe(client(), REGISTRY_EVENTS, { after: start, filter: { platformId: platform.id } });
    const caughtUp = await live.waitFor(1, 10_000, own);
    const cursor = caughtUp[0].data.registryEvents.cursor; // the filing: stop after it, as if disconnected
    live.stop();
    const { submitFiling } = await ok(SUBMIT_FILING, submitVariables(platform, '2019-10', {}, POOLING), platform.tokens.filer);
    const resumed = subscribe(client(), REGISTRY_EVENTS, { after: cursor, filter: { platformId: platform.id } });
    const missed = await sql<{ entity_id: string; log_index: string }>(
      app.orm.em.fork(),
      `select entity_id, log_index::text from ledger_entry e where log_index > ? and entity_type in ('filing', 'flag')
        and convert_from(entry, 'UTF8')::jsonb #>> '{record,platform}' = ?
        and (entity_type = 'filing' or convert_from(entry, 'UTF8')::jsonb #>> '{record,filing}' is not null) order by e.log_index`,
      [cursor, platform.id],
    );
    expect(missed.map((m) => m.entity_id)).toContain(submitFiling.id);
    const results = await resumed.waitFor(missed.length, 10_000, own);
    expect(results.map((r) => [r.data.registryEvents.change.entityId, r.data.registryEvents.cursor])).toEqual(missed.map((m) => [m.entity_id, m.log_index]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resumed.results.filter(own)).toHaveLength(missed.length);
  });

  it("sends the steps of a flag's case (reply, decision, reopening) to followers of its flags, filtered by the flag", async () => {
    const after = await lastIndex();
    const { submitFiling } = await ok(SUBMIT_FILING, submitVariables(platform, '2019-12', {}, POOLING), platform.tokens.filer);
    const flag = submitFiling.flags[0] as { id: string; severity: string; category: string };
    const otherSeverity = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].find((s) => s !== flag.severity);
    const cases = { kinds: ['FLAG_CASE_CHANGED'] };
    const ofPlatform = subscribe(client(), REGISTRY_EVENTS, { after, filter: { ...cases, platformId: platform.id } });
    const bySeverity = subscribe(client(), REGISTRY_EVENTS, { after, filter: { ...cases, associationId: association.id, severities: [flag.severity], categories: [flag.category] } });
    const otherFlags = subscribe(client(), REGISTRY_EVENTS, { after, filter: { ...cases, platformId: platform.id, severities: [otherSeverity] } });
    const statusChanges = subscribe(client(), REGISTRY_EVENTS, { after, filter: { kinds: ['FLAG_STATUS_CHANGED'], platformId: platform.id } });
    const steps: [string, Record<string, unknown>, string][] = [
      ['mutation($input: ReplyToFlagInput!) { replyToFlag(input: $input) { id } }', { flagId: flag.id, text: 'The funds were matched the next day.' }, platform.tokens.filer],
      ['mutation($input: DecideFlagInput!) { decideFlag(input: $input) { id } }', { flagId: flag.id, decision: 'CONFIRMED', reason: 'The bank statement shows the pool.' }, association.tokens.reviewer],
      ['mutation($input: ReopenFlagInput!) { reopenFlag(input: $input) { id } }', { flagId: flag.id, reason: 'New evidence from the bank.' }, association.tokens.reviewer],
    ];
    for (const [mutation, input, token] of steps) await ok(mutation, { input }, token);
    const heard = (await ofPlatform.waitFor(3, 10_000)).map((r) => r.data.registryEvents);
    expect(heard.map((e) => [e.kind, e.change.entityType, e.change.record.flag, e.change.record.action, e.change.record.toState])).toEqual([
      ['FLAG_CASE_CHANGED', 'flag-case-step', flag.id, 'REPLY', 'RESPONDED'],
      ['FLAG_CASE_CHANGED', 'flag-case-step', flag.id, 'CONFIRM', 'CONFIRMED'],
      ['FLAG_CASE_CHANGED', 'flag-case-step', flag.id, 'REOPEN', 'OPEN'],
    ]);
    expect(heard.map((e) => e.change.actor)).toEqual([
      { organisation: platform.id, role: 'FILER' },
      { organisation: association.id, role: 'REVIEWER' },
      { organisation: association.id, role: 'REVIEWER' },
    ]);
    for (const e of heard) expect(e.cursor).toBe(e.change.logIndex);
    expect((await bySeverity.waitFor(3, 10_000)).map((r) => r.data.registryEvents.cursor)).toEqual(heard.map((e) => e.cursor));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // the flag versions the steps also record are not status changes, and flags of another severity hear nothing
    expect([ofPlatform.results.length, bySeverity.results.length, otherFlags.results.length, statusChanges.results.filter(own).length]).toEqual([3, 3, 0, 0]);
  });

  it('holds subscriptions to the limits of queries: cursors, aliases, operation type, subscriptions per connection, tokens', async () => {
    const connection = client();
    const bad = subscribe(connection, REGISTRY_EVENTS, { after: '12x' });
    await bad.waitFor(1);
    expect(bad.results[0].errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'after' }] });
    const beyond = subscribe(connection, REGISTRY_EVENTS, { after: '999999999' });
    await beyond.waitFor(1);
    expect(beyond.results[0].errors?.[0].message).toMatch(/beyond the log/);
    const aliases = Array.from({ length: 11 }, (_, i) => `a${i}: kind`).join(' ');
    expect(await subscribe(connection, `subscription { registryEvents { ${aliases} } }`).ended).toEqual([expect.objectContaining({ message: expect.stringMatching(/aliases limit/i) })]);
    expect(await subscribe(connection, '{ changes(first: 1) { totalCount } }').ended).toEqual([expect.objectContaining({ extensions: { code: 'BAD_REQUEST' } })]);
    const held = Array.from({ length: MAX_SUBSCRIPTIONS_PER_CONNECTION }, () => subscribe(connection, REGISTRY_EVENTS));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await subscribe(connection, REGISTRY_EVENTS).ended).toEqual([expect.objectContaining({ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } })]);
    held.forEach((s) => s.stop());
    let closed: { code: number } | undefined;
    const refused = subscribe(client('frt_not-a-token', (event) => (closed = event)), REGISTRY_EVENTS);
    await refused.ended;
    expect(closed?.code).toBe(4403);
  });

});
