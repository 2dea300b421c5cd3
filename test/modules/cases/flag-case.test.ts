import { behindTheLedger, ledgerEntries } from '../../helpers/ledger';
import { buildFilingAssociation, buildFilingPlatform, FilingAssociation, FilingPlatform, POOLING, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';

const REPLY = `mutation($input: ReplyToFlagInput!) { replyToFlag(input: $input) { id caseState } }`;
const DECIDE = `mutation($input: DecideFlagInput!) { decideFlag(input: $input) { id caseState } }`;
const REOPEN = `mutation($input: ReopenFlagInput!) { reopenFlag(input: $input) { id caseState } }`;
const CASE = `query($id: ID!) { flag(id: $id) { caseState case { state replyDueAt steps { seq action fromState toState organisationId role text documentSha256s at } } } }`;
const DOC = 'a'.repeat(64);

describe("a flag's case: the platform replies, the association decides, a decision can be reopened", () => {
  let app: TestApp;
  let association: FilingAssociation;
  let platform: FilingPlatform;
  let other: FilingPlatform;
  /** Flags raised on the pooling month, by rule code. */
  const flags: Record<string, string> = {};
  let poolingFilingId: string;
  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
    platform = await buildFilingPlatform(app, association);
    other = await buildFilingPlatform(app, association);
    const filed = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-06', {}, POOLING), platform.tokens.filer);
    expect(filed.errors).toBeUndefined();
    poolingFilingId = filed.data.submitFiling.id;
    for (const flag of filed.data.submitFiling.flags) flags[flag.ruleCode] = flag.id;
    expect(Object.keys(flags).length).toBeGreaterThanOrEqual(3);
  });
  afterAll(() => app.close());

  const caseOf = async (id: string) => (await app.execute(CASE, { id })).data.flag;

  it('opens every new flag with a reply period of 10 working days on the association calendar', async () => {
    const flag = await caseOf(flags['POOL-001']);
    expect(flag).toMatchObject({ caseState: 'OPEN', case: { state: 'OPEN', steps: [] } });
    const [{ raised_at }] = await app.orm.em.fork().getConnection().execute('select raised_at from flag where id = ?', [flags['POOL-001']]);
    const days = (Date.parse(flag.case.replyDueAt) - new Date(raised_at).getTime()) / 86_400_000;
    // 10 working days: at least two weeks of calendar days, ending 23:59:59 China time
    expect(days).toBeGreaterThanOrEqual(13);
    expect(new Date(flag.case.replyDueAt).toISOString()).toMatch(/T15:59:59\.000Z$/);
  });

  it('goes through reply, decision and reopening over HTTP, each step public with organisation and role, never a name', async () => {
    const id = flags['POOL-001'];
    const replied = await app.post(REPLY, { input: { flagId: id, text: 'The funds were in custody; see the bank statement.', documentSha256s: [DOC] } }, platform.tokens.filer);
    expect(replied.body.errors).toBeUndefined();
    expect(replied.body.data!.replyToFlag).toEqual({ id, caseState: 'RESPONDED' });
    const decided = await app.post(DECIDE, { input: { flagId: id, decision: 'CONFIRMED', reason: 'The statement shows lender funds outside custody.' } }, association.tokens.reviewer);
    expect(decided.body.data!.decideFlag).toEqual({ id, caseState: 'CONFIRMED' });
    const reopened = await app.post(REOPEN, { input: { flagId: id, reason: 'The bank corrected its statement.' } }, association.tokens.reviewer);
    expect(reopened.body.data!.reopenFlag).toEqual({ id, caseState: 'OPEN' });

    const flag = await caseOf(id);
    expect(flag.case.steps.map((s: { seq: number; action: string; fromState: string; toState: string }) => [s.seq, s.action, s.fromState, s.toState])).toEqual([
      [1, 'REPLY', 'OPEN', 'RESPONDED'],
      [2, 'CONFIRM', 'RESPONDED', 'CONFIRMED'],
      [3, 'REOPEN', 'CONFIRMED', 'OPEN'],
    ]);
    expect(flag.case.steps[0]).toMatchObject({ organisationId: platform.id, role: 'FILER', documentSha256s: [DOC] });
    expect(flag.case.steps[1]).toMatchObject({ organisationId: association.id, role: 'REVIEWER', text: 'The statement shows lender funds outside custody.' });
    // reopened: a new reply period counts from the reopening
    expect(Date.parse(flag.case.replyDueAt)).toBeGreaterThan(Date.parse(flag.case.steps[2].at));

    const entries = await ledgerEntries(app.orm.em, { entityType: 'flag-case-step' });
    const ours = entries.filter((e) => e.record.flag === id);
    expect(ours.map((e) => [e.action, e.public, e.record.seq])).toEqual([
      ['flag.case-reply', true, 1],
      ['flag.case-confirm', true, 2],
      ['flag.case-reopen', true, 3],
    ]);
    expect(JSON.stringify(ours.map((e) => [e.actor, e.record]))).not.toMatch(/Filer|Reviewer|Owner/);
    const flagEntries = await ledgerEntries(app.orm.em, { entityType: 'flag', entityId: id });
    expect(flagEntries.map((e) => e.record.caseState)).toEqual(['OPEN', 'RESPONDED', 'CONFIRMED', 'OPEN']);
  });

  it('lets a reviewer decide without a reply only once the reply period is over', async () => {
    const id = flags['CUST-001'];
    const early = await app.execute(DECIDE, { input: { flagId: id, decision: 'DISMISSED', reason: 'False positive.' } }, association.tokens.reviewer);
    expect(errorCodes(early)).toEqual(['FLAG_CASE_REPLY_PERIOD_OPEN']);
    expect(early.errors![0].extensions!.replyDueAt).toBe((await caseOf(id)).case.replyDueAt);
    expect((await caseOf(id)).case.steps).toEqual([]);
    await behindTheLedger(app.orm.em, `update flag set raised_at = '2019-07-10T00:00:00Z' where id = ?`, [id]);
    const late = await app.execute(DECIDE, { input: { flagId: id, decision: 'DISMISSED', reason: 'No reply in the period; the custody bank confirmed the funds.' } }, association.tokens.reviewer);
    expect(late.errors).toBeUndefined();
    expect(late.data.decideFlag.caseState).toBe('DISMISSED');
  });

  it('refuses steps the table does not allow, and remediation without a later filing of the platform', async () => {
    const id = flags['CUST-001']; // DISMISSED above
    const reply = await app.execute(REPLY, { input: { flagId: id, text: 'Too late?' } }, platform.tokens.owner);
    expect(errorCodes(reply)).toEqual(['FLAG_CASE_STEP_NOT_ALLOWED']);
    expect(reply.errors![0].extensions).toMatchObject({ from: 'DISMISSED', action: 'REPLY' });
    const target = Object.entries(flags).find(([code]) => code !== 'POOL-001' && code !== 'CUST-001')![1];
    await app.execute(REPLY, { input: { flagId: target, text: 'Fixed in July.' } }, platform.tokens.owner);
    const without = await app.execute(DECIDE, { input: { flagId: target, decision: 'REMEDIATED', reason: 'Fixed.' } }, association.tokens.reviewer);
    expect(without.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.remediatingFilingId' }] });
    const own = await app.execute(DECIDE, { input: { flagId: target, decision: 'REMEDIATED', reason: 'Fixed.', remediatingFilingId: poolingFilingId } }, association.tokens.reviewer);
    expect(own.errors![0].extensions!.fields).toEqual([{ path: 'input.remediatingFilingId', message: 'must be a filing recorded after the flag was raised' }]);
    const july = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-07'), platform.tokens.filer);
    const fixed = await app.execute(DECIDE, { input: { flagId: target, decision: 'REMEDIATED', reason: 'July is clean.', remediatingFilingId: july.data.submitFiling.id } }, association.tokens.reviewer);
    expect(fixed.data.decideFlag.caseState).toBe('REMEDIATED');
    const tooLong = await app.execute(REPLY, { input: { flagId: flags['POOL-001'], text: 'x'.repeat(4001) } }, platform.tokens.owner);
    expect(errorCodes(tooLong)).toEqual(['BAD_USER_INPUT']);
    const badDoc = await app.execute(REPLY, { input: { flagId: flags['POOL-001'], text: 'See doc.', documentSha256s: ['nope'] } }, platform.tokens.owner);
    expect(errorCodes(badDoc)).toEqual(['BAD_USER_INPUT']);
  });

  it('lets only the platform reply and only its own association decide', async () => {
    const id = flags['POOL-001'];
    const stranger = await app.execute(REPLY, { input: { flagId: id, text: 'Not ours.' } }, other.tokens.owner);
    expect(errorCodes(stranger)).toEqual(['FORBIDDEN']);
    const reviewerReply = await app.execute(REPLY, { input: { flagId: id, text: 'Hm.' } }, association.tokens.reviewer);
    expect(errorCodes(reviewerReply)).toEqual(['FORBIDDEN']);
    const anonymous = await app.execute(REPLY, { input: { flagId: id, text: 'Hm.' } });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const otherAssociation = await buildFilingAssociation(app, { rulebook: false });
    const foreign = await app.execute(DECIDE, { input: { flagId: id, decision: 'CONFIRMED', reason: 'Ours now.' } }, otherAssociation.tokens.reviewer);
    expect(errorCodes(foreign)).toEqual(['FORBIDDEN']);
    const filerDecides = await app.execute(DECIDE, { input: { flagId: id, decision: 'DISMISSED', reason: 'Ours.' } }, platform.tokens.filer);
    expect(errorCodes(filerDecides)).toEqual(['FORBIDDEN']);
    expect((await caseOf(id)).case.steps).toHaveLength(3);
  });

  it('lets exactly one of two concurrent decisions on one case win', async () => {
    const id = flags['POOL-001']; // reopened above
    await app.execute(REPLY, { input: { flagId: id, text: 'Corrected statement attached.', documentSha256s: [DOC] } }, platform.tokens.filer);
    const [a, b] = await Promise.all([
      app.post(DECIDE, { input: { flagId: id, decision: 'CONFIRMED', reason: 'Still outside custody.' } }, association.tokens.reviewer),
      app.post(DECIDE, { input: { flagId: id, decision: 'DISMISSED', reason: 'The corrected statement settles it.' } }, association.tokens.reviewer),
    ]);
    const outcomes = [a.body, b.body].map((body) => (body.errors ? body.errors[0].extensions!.code : body.data!.decideFlag.caseState));
    expect(outcomes.filter((o) => o === 'FLAG_CASE_STEP_NOT_ALLOWED')).toHaveLength(1);
    const winner = outcomes.find((o) => o !== 'FLAG_CASE_STEP_NOT_ALLOWED');
    expect(['CONFIRMED', 'DISMISSED']).toContain(winner);
    const flag = await caseOf(id);
    expect(flag.caseState).toBe(winner);
    expect(flag.case.steps.map((s: { seq: number }) => s.seq)).toEqual([1, 2, 3, 4, 5]);
  });
});
