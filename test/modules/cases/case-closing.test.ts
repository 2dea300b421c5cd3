import { randomBytes } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { memberViewer } from '../../../src/modules/accounts/viewer';
import { flagMissingPeriods } from '../../../src/modules/flags/missing-filings';
import { reevaluateForVersion } from '../../../src/modules/flags/reevaluation';
import { publishRuleDraft } from '../../../src/modules/rules/publish-rule';
import { RuleCategory, Severity } from '../../../src/modules/rules/rule.enums';
import { saveRuleDraft } from '../../../src/modules/rules/save-rule-draft';
import { sql } from '../../../src/shared/sql';
import { AMEND_FILING, amendVariables, buildFilingAssociation, buildFilingPlatform, FilingAssociation, FilingPlatform, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';
import { behindTheLedger, ledgerEntries } from '../../helpers/ledger';
import { REGISTRY_EVENTS, subscribe, wsClient } from '../../helpers/subscriptions';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';

const REPLY = `mutation($input: ReplyToFlagInput!) { replyToFlag(input: $input) { id caseState } }`;
const DECIDE = `mutation($input: DecideFlagInput!) { decideFlag(input: $input) { id caseState } }`;
const REOPEN = `mutation($input: ReopenFlagInput!) { reopenFlag(input: $input) { id caseState } }`;
const STEP_FIELDS = 'id seq action fromState toState organisationId role text';
const FLAG = `query($id: ID!) {
  flag(id: $id) {
    id ruleCode status statusReason caseState caseChangedAt
    case { state replyDueAt steps { ${STEP_FIELDS} } carriedFrom { id caseState case { steps { ${STEP_FIELDS} } } } }
    history(first: 10) { nodes { action record } }
  }
}`;
const QUEUE = `query($id: String!) { reviewQueue(first: 50, filter: { platformId: $id }) { totalCount nodes { id } } reviewQueueCounts(filter: { platformId: $id }) { open responded } }`;
const CHANGES = `query($after: String) { changes(first: 100, after: $after) { nodes { entityType entityId action actor { organisation role } reason } } }`;

/** A rule code of this run's own (search and rule codes are shared with other test files). */
const code = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex').toUpperCase()}`;
const FROM = new Date('2016-08-24T00:00:00+08:00');
const NEVER = 'filing.ops.newLoanAmountMinor < 0';

interface Step {
  id: string;
  seq: number;
  action: string;
  fromState: string;
  toState: string;
  organisationId: string;
  role: string;
  text: string | null;
}

describe('re-evaluation and resolution close the cases of flags that stop standing', () => {
  let app: TestApp;
  let baseUrl: string;
  const clients: Client[] = [];
  beforeAll(async () => {
    app = await startTestApp();
    await app.post('{ __typename }');
    baseUrl = `http://127.0.0.1:${(app.server.httpServer.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await app.close();
  });

  /** Publishes a version of rule `ruleCode` in the association (straight through the module: no re-evaluation job is queued). */
  const publish = async (association: FilingAssociation, ruleCode: string, expression: string, reviewBeforePublication = false) => {
    const editor = memberViewer(association.admin);
    const input = { code: ruleCode, title: `Rule ${ruleCode}`, text: 'A test rule.', basis: 'Test', threshold: '', category: RuleCategory.DISCLOSURE, severity: Severity.HIGH, expression, reviewBeforePublication };
    const draft = await saveRuleDraft(app.orm.em.fork(), editor, input);
    return publishRuleDraft(app.orm.em.fork(), editor, { ruleVersionId: draft.id, effectiveFrom: FROM });
  };
  const ok = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const result = await app.execute(query, variables, token);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const flagOf = async (id: string, token?: string) => (await ok(FLAG, { id }, token)).flag;
  const reply = async (platform: FilingPlatform, flagId: string) => {
    expect((await ok(REPLY, { input: { flagId, text: 'The bank statement explains it.' } }, platform.tokens.filer)).replyToFlag.caseState).toBe('RESPONDED');
  };
  const lastIndex = async () => {
    const [{ next }] = await sql<{ next: string }>(app.orm.em.fork(), 'select next from log_state where id = 1');
    return String(BigInt(next) - 1n);
  };
  const closeStep = (seq: number, fromState: string, text: string) => ({ seq, action: 'CLOSE', fromState, toState: 'CLOSED', organisationId: 'system', role: 'SYSTEM', text });

  describe('on an amendment', () => {
    let association: FilingAssociation;
    let platform: FilingPlatform;
    const rules = { kept: code('KEEP'), gone: code('GONE'), quiet: code('QUIET'), quietGone: code('QGONE') };
    /** The flags of the original filing and of its amendment, by rule. */
    let before: Record<keyof typeof rules, string>;
    let after: Partial<Record<keyof typeof rules, string>>;
    let events: ReturnType<typeof subscribe>;
    let changesAfter: string;
    const reason = 'Filing amended (version 2): Custody figures corrected.';

    beforeAll(async () => {
      association = await buildFilingAssociation(app, { rulebook: false });
      platform = await buildFilingPlatform(app, association);
      await publish(association, rules.kept, 'filing.ops.newLoanAmountMinor > 0');
      await publish(association, rules.gone, 'filing.custody.lenderFundsOutsideCustodyMinor > 0');
      await publish(association, rules.quiet, 'filing.ops.overdueLoanCount > 0');
      await publish(association, rules.quietGone, 'filing.custody.lenderFundsOutsideCustodyMinor > 50');
      const byRule = (flags: { id: string; ruleCode: string }[]) =>
        Object.fromEntries(Object.entries(rules).flatMap(([key, ruleCode]) => flags.filter((f) => f.ruleCode === ruleCode).map((f) => [key, f.id])));
      const filed = await ok(SUBMIT_FILING, submitVariables(platform, '2019-06', { custody: { lenderFundsOutsideCustodyMinor: '100' } }), platform.tokens.filer);
      before = byRule(filed.submitFiling.flags) as typeof before;
      expect(Object.keys(before).sort()).toEqual(Object.keys(rules).sort());
      await reply(platform, before.kept);
      await reply(platform, before.gone);
      changesAfter = await lastIndex();
      const client = wsClient(baseUrl);
      clients.push(client);
      events = subscribe(client, REGISTRY_EVENTS, { after: changesAfter, filter: { kinds: ['FLAG_CASE_CHANGED'], platformId: platform.id } });
      const amended = await ok(AMEND_FILING, amendVariables(platform, filed.submitFiling.id, 'Custody figures corrected.'), platform.tokens.filer);
      after = byRule(amended.amendFiling.flags);
    });

    it('closes the engaged case it no longer raises with a CLOSE step: the reason, the registry as organisation and role', async () => {
      expect(after.gone).toBeUndefined();
      const gone = await flagOf(before.gone);
      expect(gone).toMatchObject({ status: 'SUPERSEDED', statusReason: reason, caseState: 'CLOSED', case: { state: 'CLOSED', replyDueAt: null, carriedFrom: null } });
      expect(gone.caseChangedAt).not.toBeNull();
      expect(gone.case.steps).toEqual([
        expect.objectContaining({ seq: 1, action: 'REPLY', fromState: 'OPEN', toState: 'RESPONDED', organisationId: platform.id, role: 'FILER' }),
        expect.objectContaining(closeStep(2, 'RESPONDED', reason)),
      ]);
      // the flag's history: its superseding version says the case is closed
      expect(gone.history.nodes.map((n: { action: string }) => n.action)).toEqual(['flag.raised', 'flag.case-stepped', 'flag.superseded']);
      expect(gone.history.nodes[2].record).toMatchObject({ status: 'SUPERSEDED', caseState: 'CLOSED' });
      // the step is a public ledger entry, written by the amendment's write
      const closing = gone.case.steps[1] as Step;
      const entries = await ledgerEntries(app.orm.em, { entityType: 'flag-case-step', entityId: closing.id });
      expect(entries.map((e) => [e.action, e.public, e.logIndex !== null, e.reason, e.actor])).toEqual([['flag.case-close', true, true, reason, { organisation: platform.id, role: 'FILER' }]]);
      expect(entries[0].record).toMatchObject({ flag: before.gone, seq: 2, action: 'CLOSE', fromState: 'RESPONDED', toState: 'CLOSED', organisation: 'system', role: 'SYSTEM', text: reason });
    });

    it('carries the case it still raises over, the replaced flag and its steps readable', async () => {
      const kept = await flagOf(after.kept!);
      expect(kept).toMatchObject({ status: 'OPEN', caseState: 'RESPONDED', case: { state: 'RESPONDED', replyDueAt: null, steps: [] } });
      expect(kept.case.carriedFrom).toMatchObject({ id: before.kept, caseState: 'RESPONDED', case: { steps: [expect.objectContaining({ seq: 1, action: 'REPLY' })] } });
      const replaced = await flagOf(before.kept);
      expect(replaced).toMatchObject({ status: 'SUPERSEDED', caseState: 'RESPONDED', case: { replyDueAt: null } });
      expect(replaced.case.steps.map((s: Step) => s.action)).toEqual(['REPLY']);
    });

    it('reads an untouched case of a superseded flag as CLOSED, without a step or a reply period, re-raised or not', async () => {
      for (const id of [before.quiet, before.quietGone]) {
        const flag = await flagOf(id);
        expect(flag).toMatchObject({ status: 'SUPERSEDED', statusReason: reason, caseState: 'CLOSED', caseChangedAt: null, case: { state: 'CLOSED', replyDueAt: null, steps: [] } });
      }
      // the re-raised rule's new flag starts a fresh case
      const fresh = await flagOf(after.quiet!);
      expect(fresh).toMatchObject({ status: 'OPEN', caseState: 'OPEN', case: { state: 'OPEN', carriedFrom: null, steps: [] } });
      expect(fresh.case.replyDueAt).not.toBeNull();
    });

    it("keeps flags that no longer stand out of the review queue, and refuses every step on them", async () => {
      const queue = await ok(QUEUE, { id: platform.id }, association.tokens.reviewer);
      expect(queue.reviewQueue.nodes.map((n: { id: string }) => n.id).sort()).toEqual([after.kept, after.quiet].sort());
      expect(queue.reviewQueueCounts).toEqual({ open: 1, responded: 1 });
      const decide = await app.execute(DECIDE, { input: { flagId: before.quiet, decision: 'DISMISSED', reason: 'No longer relevant.' } }, association.tokens.reviewer);
      expect(errorCodes(decide)).toEqual(['FLAG_NOT_CURRENT']);
      expect(decide.errors![0].extensions).toMatchObject({ status: 'SUPERSEDED' });
      expect(errorCodes(await app.execute(REPLY, { input: { flagId: before.quietGone, text: 'Late reply.' } }, platform.tokens.filer))).toEqual(['FLAG_NOT_CURRENT']);
      expect(errorCodes(await app.execute(REOPEN, { input: { flagId: before.gone, reason: 'Reopen it.' } }, association.tokens.reviewer))).toEqual(['FLAG_NOT_CURRENT']);
      expect((await flagOf(before.quiet)).case.steps).toEqual([]);
    });

    it('publishes the CLOSE step in changes and as a FLAG_CASE_CHANGED registry event', async () => {
      // the steps of every flag of the amended filing (other test files write in parallel)
      const ours = new Set<string>();
      for (const id of Object.values(before)) for (const step of (await flagOf(id)).case.steps as Step[]) ours.add(step.id);
      const changes = (await ok(CHANGES, { after: changesAfter })).changes.nodes as { entityType: string; entityId: string; action: string }[];
      const steps = changes.filter((c) => ours.has(c.entityId));
      const closing = (await flagOf(before.gone)).case.steps[1] as Step;
      expect(ours.size).toBe(3);
      expect(steps).toEqual([{ entityType: 'flag-case-step', entityId: closing.id, action: 'flag.case-close', actor: { organisation: platform.id, role: 'FILER' }, reason }]);
      const heard = (await events.waitFor(1, 10_000)).map((r) => (r.data as { registryEvents: any }).registryEvents);
      expect(heard.map((e) => [e.kind, e.change.entityId, e.change.record.flag, e.change.record.action, e.change.record.fromState, e.change.record.toState])).toEqual([
        ['FLAG_CASE_CHANGED', closing.id, before.gone, 'CLOSE', 'RESPONDED', 'CLOSED'],
      ]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(events.results).toHaveLength(1);
    });
  });

  describe('on a new rule version (the bulk re-evaluation)', () => {
    let association: FilingAssociation;
    let platform: FilingPlatform;
    const open = code('BULK');
    const held = code('HELDB');
    const flags: Record<string, Record<string, string>> = {};

    beforeAll(async () => {
      association = await buildFilingAssociation(app, { rulebook: false });
      platform = await buildFilingPlatform(app, association);
      await publish(association, open, 'filing.ops.newLoanAmountMinor > 0');
      await publish(association, held, 'filing.ops.newLoanAmountMinor > 0', true);
      for (const period of ['2019-05', '2019-06']) {
        const filed = await ok(SUBMIT_FILING, submitVariables(platform, period), platform.tokens.filer);
        flags[period] = Object.fromEntries(filed.submitFiling.flags.map((f: { id: string; ruleCode: string }) => [f.ruleCode, f.id]));
      }
      await reply(platform, flags['2019-05'][open]);
      await reply(platform, flags['2019-05'][held]);
      for (const ruleCode of [open, held]) {
        const version = await publish(association, ruleCode, NEVER, ruleCode === held);
        expect(await reevaluateForVersion(app.orm, { ruleVersionId: version.id })).toBe(2);
      }
    });

    it('closes an engaged case with a public CLOSE step giving the re-evaluation as reason', async () => {
      const reason = `Re-evaluated under ${open} version 2.`;
      const may = await flagOf(flags['2019-05'][open]);
      expect(may).toMatchObject({ status: 'SUPERSEDED', statusReason: reason, caseState: 'CLOSED', case: { replyDueAt: null } });
      expect(may.case.steps).toEqual([expect.objectContaining({ seq: 1, action: 'REPLY' }), expect.objectContaining(closeStep(2, 'RESPONDED', reason))]);
      expect(may.history.nodes.map((n: { action: string; record: { caseState: string } }) => [n.action, n.record.caseState])).toEqual([
        ['flag.raised', 'OPEN'],
        ['flag.case-stepped', 'RESPONDED'],
        ['flag.superseded', 'CLOSED'],
      ]);
      const entries = await ledgerEntries(app.orm.em, { entityType: 'flag-case-step', entityId: may.case.steps[1].id });
      expect(entries.map((e) => [e.action, e.public, e.logIndex !== null, e.reason, e.actor])).toEqual([['flag.case-close', true, true, reason, { organisation: 'system', role: null }]]);
      const june = await flagOf(flags['2019-06'][open]);
      expect(june).toMatchObject({ status: 'SUPERSEDED', caseState: 'CLOSED', caseChangedAt: null, case: { replyDueAt: null, steps: [] } });
    });

    it('keeps the CLOSE step of a flag held for review private, like its other steps', async () => {
      const reason = `Re-evaluated under ${held} version 2.`;
      const id = flags['2019-05'][held];
      expect(await flagOf(id)).toBeNull();
      const may = await flagOf(id, platform.tokens.owner);
      expect(may).toMatchObject({ status: 'SUPERSEDED', caseState: 'CLOSED', case: { replyDueAt: null } });
      expect(may.case.steps).toEqual([expect.objectContaining({ seq: 1, action: 'REPLY' }), expect.objectContaining(closeStep(2, 'RESPONDED', reason))]);
      const entries = await ledgerEntries(app.orm.em, { entityType: 'flag-case-step', entityId: may.case.steps[1].id });
      expect(entries.map((e) => [e.action, e.public, e.logIndex])).toEqual([['flag.case-close', false, null]]);
      expect((await ledgerEntries(app.orm.em, { entityType: 'flag', entityId: id })).map((e) => [e.action, e.public])).toEqual([
        ['flag.raised', false],
        ['flag.case-stepped', false],
        ['flag.superseded', false],
      ]);
      expect((await ok(`query($id: ID!) { node(id: $id) { id } }`, { id: may.case.steps[1].id })).node).toBeNull();
      const queue = await ok(QUEUE, { id: platform.id }, association.tokens.reviewer);
      expect(queue.reviewQueue.totalCount).toBe(0);
    });
  });

  it('writes the CLOSE steps of a batch in one statement, however many cases it closes', async () => {
    const association = await buildFilingAssociation(app, { rulebook: false });
    const platform = await buildFilingPlatform(app, association);
    const rule = code('COUNT');
    const periods = ['2019-04', '2019-05', '2019-06'];
    await publish(association, rule, 'filing.ops.newLoanAmountMinor > 0');
    for (const period of periods) await ok(SUBMIT_FILING, submitVariables(platform, period), platform.tokens.filer);
    // statements that write case steps (the whole count would also see the test app's background jobs)
    const reevaluate = async (expression: string) => {
      const version = await publish(association, rule, expression);
      await app.sql.count(async () => expect(await reevaluateForVersion(app.orm, { ruleVersionId: version.id })).toBe(periods.length));
      return app.sql.statements.filter((statement) => /insert into "?flag_case_step"?/i.test(statement)).length;
    };
    const openFlags = async () => {
      const list = `query($id: ID!, $code: String!) { flags(first: 10, filter: { platformId: $id, ruleCode: $code, status: [OPEN] }) { nodes { id } } }`;
      return (await ok(list, { id: platform.id, code: rule })).flags.nodes.map((n: { id: string }) => n.id) as string[];
    };
    // version 2 supersedes three untouched cases; version 3 flags again, version 4 closes three engaged cases
    const untouched = await reevaluate(NEVER);
    await reevaluate('filing.ops.newLoanAmountMinor > 0');
    const engaged = await openFlags();
    expect(engaged).toHaveLength(3);
    for (const id of engaged) await reply(platform, id);
    const closing = await reevaluate(NEVER);
    expect([untouched, closing]).toEqual([0, 1]);
    for (const id of engaged) expect((await flagOf(id)).case.steps.map((s: Step) => s.action)).toEqual(['REPLY', 'CLOSE']);
  });

  it('closes the case of a resolved missing-filing flag: a CLOSE step when engaged, CLOSED without one when not', async () => {
    const association = await buildFilingAssociation(app, { rulebook: false });
    await publish(association, 'FILE-001', 'ctx.duePeriods.exists(p, !(p in platform.submittedPeriods))');
    const late = await buildFilingPlatform(app, association);
    await behindTheLedger(app.orm.em, 'update platform set created_at = ? where id = ?', [new Date('2019-03-01T03:00:00+08:00'), late.id]);
    expect(await flagMissingPeriods(app.orm, [late.id], new Date('2019-05-20T00:00:00+08:00'))).toBe(2);
    const list = `query($id: ID!) { flags(first: 10, filter: { platformId: $id, ruleCode: "FILE-001" }) { nodes { id period } } }`;
    const missing = Object.fromEntries((await ok(list, { id: late.id })).flags.nodes.map((f: { id: string; period: string }) => [f.period, f.id]));
    await reply(late, missing['2019-03']);
    const march = await ok(SUBMIT_FILING, submitVariables(late, '2019-03'), late.tokens.filer);
    const april = await ok(SUBMIT_FILING, submitVariables(late, '2019-04'), late.tokens.filer);
    const engaged = await flagOf(missing['2019-03']);
    expect(engaged).toMatchObject({ status: 'RESOLVED', caseState: 'CLOSED', case: { replyDueAt: null } });
    expect(engaged.case.steps).toEqual([expect.objectContaining({ action: 'REPLY' }), expect.objectContaining(closeStep(2, 'RESPONDED', `Filing ${march.submitFiling.id} received.`))]);
    const untouched = await flagOf(missing['2019-04']);
    expect(untouched).toMatchObject({ status: 'RESOLVED', statusReason: `Filing ${april.submitFiling.id} received.`, caseState: 'CLOSED', caseChangedAt: null, case: { replyDueAt: null, steps: [] } });
  });
});
