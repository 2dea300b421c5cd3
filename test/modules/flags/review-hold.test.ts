import { randomBytes } from 'node:crypto';
import { RegulatorRegistrationStatus } from '../../../src/modules/platforms/platform.enums';
import { flagMissingPeriods } from '../../../src/modules/flags/missing-filings';
import { reevaluateForVersion } from '../../../src/modules/flags/reevaluation';
import { behindTheLedger, ledgerEntries } from '../../helpers/ledger';
import { AMEND_FILING, amendVariables, buildFilingAssociation, buildFilingPlatform, FilingAssociation, FilingPlatform, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';

const SAVE = `mutation($input: SaveRuleDraftInput!) { saveRuleDraft(input: $input) { id status reviewBeforePublication } }`;
const PUBLISH = `mutation($input: PublishRuleDraftInput!) { publishRuleDraft(input: $input) { id number reviewBeforePublication } }`;
const REPLY = `mutation($input: ReplyToFlagInput!) { replyToFlag(input: $input) { id caseState heldForReview } }`;
const DECIDE = `mutation($input: DecideFlagInput!) { decideFlag(input: $input) { id caseState heldForReview } }`;
const REOPEN = `mutation($input: ReopenFlagInput!) { reopenFlag(input: $input) { id caseState heldForReview } }`;
const CHALLENGE = `mutation($input: FileChallengeInput!) { fileChallenge(input: $input) { id } }`;
const FLAG = `query($id: ID!) {
  flag(id: $id) { id heldForReview reviewBeforePublication caseState case { steps { id action } carriedFrom { id } } history(first: 10) { totalCount nodes { action version } } }
  node(id: $id) { id }
  nodes(ids: [$id]) { id }
}`;
const STEP = `query($id: ID!) { node(id: $id) { id } }`;
/** Every read path of a platform's flags at once, for one rule code. */
const READS = `query($platformId: ID!, $filingId: ID!, $code: String!, $authority: String!, $asOf: DateTimeISO!) {
  flags(first: 20, filter: { platformId: $platformId, ruleCode: $code }) { totalCount nodes { id heldForReview } }
  asOf: flags(first: 20, asOf: $asOf, filter: { platformId: $platformId, ruleCode: $code }) { totalCount }
  filing(id: $filingId) { flags { id ruleCode } }
  platform(id: $platformId) { openFlagCounts { high } risk { score flags { count } } }
  platforms(first: 5, orderBy: RISK_SCORE, filter: { registrationAuthority: $authority, minRiskScore: 1 }) { nodes { id } }
  search(query: $code, first: 20, filter: { kinds: [FLAG] }) { totalCount nodes { id } }
  searchFacets(query: $code) { openFlagSeverity { value count } }
}`;

/** A rule code of this run's own (search and rule codes are shared with other test files). */
const code = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex').toUpperCase()}`;

describe('rules marked for review before publication: their flags are held until a reviewer confirms them', () => {
  let app: TestApp;
  let association: FilingAssociation;
  let platform: FilingPlatform;
  let neighbour: FilingPlatform;
  let stranger: FilingAssociation;
  const authority = `地方金融监督管理局 ${randomBytes(4).toString('hex')}`;
  const held = code('HOLD');
  let mayFiling: string;
  let juneFiling: string;
  let mayFlag: string;
  let juneFlag: string;
  let markedVersion: string;

  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app, { rulebook: false });
    stranger = await buildFilingAssociation(app, { rulebook: false });
    const registration = { status: RegulatorRegistrationStatus.REGISTERED, number: 'X-1', authority, registeredAt: new Date('2018-11-20T00:00:00+08:00') };
    platform = await buildFilingPlatform(app, association, { regulatorRegistration: registration });
    neighbour = await buildFilingPlatform(app, association);
    const input = { code: held, title: 'Held keyword screen', text: 'Flags every month with new loans.', basis: 'Test', category: 'DISCLOSURE', severity: 'HIGH', expression: 'filing.ops.newLoanAmountMinor > 0', reviewBeforePublication: true };
    const draft = await app.execute(SAVE, { input }, association.tokens.editor);
    expect(draft.data.saveRuleDraft).toMatchObject({ status: 'DRAFT', reviewBeforePublication: true });
    const published = await app.execute(PUBLISH, { input: { ruleVersionId: draft.data.saveRuleDraft.id, effectiveFrom: '2016-08-24T00:00:00+08:00' } }, association.tokens.editor);
    expect(published.data.publishRuleDraft).toMatchObject({ number: 1, reviewBeforePublication: true });
    markedVersion = published.data.publishRuleDraft.id;
    const file = async (period: string) => {
      const filed = await app.execute(SUBMIT_FILING, submitVariables(platform, period), platform.tokens.filer);
      expect(filed.errors).toBeUndefined();
      const flags = filed.data.submitFiling.flags.filter((f: { ruleCode: string }) => f.ruleCode === held);
      expect(flags).toHaveLength(1);
      return [filed.data.submitFiling.id, flags[0].id];
    };
    [mayFiling, mayFlag] = await file('2019-05');
    [juneFiling, juneFlag] = await file('2019-06');
  });
  afterAll(() => app.close());

  const reads = async (filingId: string, token?: string) => {
    const result = await app.execute(READS, { platformId: platform.id, filingId, code: held, authority, asOf: new Date().toISOString() }, token);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const flagAs = async (id: string, token?: string) => {
    const result = await app.execute(FLAG, { id }, token);
    expect(result.errors).toBeUndefined();
    return result.data;
  };

  it('records the mark on the rule version, public once published, and lets only rule editors set it', async () => {
    const entries = await ledgerEntries(app.orm.em, { entityType: 'rule-version', entityId: markedVersion });
    expect(entries.map((e) => [e.action, e.public, e.record.reviewBeforePublication])).toEqual([
      ['rule.draft-saved', false, true],
      ['rule.published', true, true],
    ]);
    const input = { code: code('HOLDZ'), title: 'x', text: 'x', basis: 'x', category: 'DISCLOSURE', severity: 'LOW', expression: 'false', reviewBeforePublication: true };
    expect(errorCodes(await app.execute(SAVE, { input }, association.tokens.reviewer))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.execute(SAVE, { input }, platform.tokens.owner))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.execute(SAVE, { input }))).toEqual(['UNAUTHENTICATED']);
    const unmarked = await app.execute(SAVE, { input: { ...input, reviewBeforePublication: undefined } }, association.tokens.admin);
    expect(unmarked.data.saveRuleDraft.reviewBeforePublication).toBe(false);
  });

  it('hides a held flag from the public and from other organisations on every read path', async () => {
    for (const token of [undefined, neighbour.tokens.owner, stranger.tokens.reviewer]) {
      expect(await flagAs(mayFlag, token)).toEqual({ flag: null, node: null, nodes: [null] });
      const seen = await reads(mayFiling, token);
      expect(seen.flags).toEqual({ totalCount: 0, nodes: [] });
      expect(seen.asOf.totalCount).toBe(0);
      expect(seen.filing.flags).toEqual([]);
      expect(seen.platform.openFlagCounts.high).toBe(0);
      expect(seen.platform.risk).toEqual({ score: 0, flags: [] });
      expect(seen.platforms.nodes).toEqual([]);
      expect(seen.search.totalCount).toBe(0);
      expect(seen.searchFacets.openFlagSeverity).toEqual([]);
    }
    const challenged = await app.execute(CHALLENGE, { input: { targetType: 'FLAG', targetId: mayFlag, statement: 'Is this right?' } });
    expect(errorCodes(challenged)).toEqual(['NOT_FOUND']);
    const foreign = await app.execute(REPLY, { input: { flagId: mayFlag, text: 'Not ours.' } }, neighbour.tokens.owner);
    expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
  });

  it("shows it to the platform's own members and its association's members, marked heldForReview", async () => {
    for (const token of [platform.tokens.owner, platform.tokens.filer, association.tokens.reviewer, association.tokens.editor]) {
      const { flag, node } = await flagAs(mayFlag, token);
      expect(flag).toMatchObject({ id: mayFlag, heldForReview: true, reviewBeforePublication: true, history: { totalCount: 0, nodes: [] } });
      expect(node).toEqual({ id: mayFlag });
      const seen = await reads(mayFiling, token);
      expect(seen.flags.nodes).toEqual([
        { id: juneFlag, heldForReview: true },
        { id: mayFlag, heldForReview: true },
      ]);
      expect(seen.filing.flags).toEqual([{ id: mayFlag, ruleCode: held }]);
      // counts, scores and search count published flags only, whoever asks; as of a point, the public record
      expect(seen.platform.risk.score).toBe(0);
      expect(seen.asOf.totalCount).toBe(0);
    }
  });

  it('keeps every version of a held flag and its case steps out of the public log', async () => {
    const replied = await app.execute(REPLY, { input: { flagId: mayFlag, text: 'The wording is a negation.' } }, platform.tokens.filer);
    expect(replied.data.replyToFlag).toEqual({ id: mayFlag, caseState: 'RESPONDED', heldForReview: true });
    const entries = await ledgerEntries(app.orm.em, { entityType: 'flag', entityId: mayFlag });
    expect(entries.map((e) => [e.action, e.public, e.logIndex, e.record.heldForReview])).toEqual([
      ['flag.raised', false, null, true],
      ['flag.case-stepped', false, null, true],
    ]);
    const [step] = (await flagAs(mayFlag, platform.tokens.owner)).flag.case.steps;
    const stepEntries = await ledgerEntries(app.orm.em, { entityType: 'flag-case-step', entityId: step.id });
    expect(stepEntries.map((e) => [e.action, e.public, e.logIndex])).toEqual([['flag.case-reply', false, null]]);
    expect((await app.execute(STEP, { id: step.id })).data.node).toBeNull();
    expect((await app.execute(STEP, { id: step.id }, platform.tokens.owner)).data.node).toEqual({ id: step.id });
  });

  it("publishes it when a reviewer confirms it: its public history starts there, and it counts like any flag", async () => {
    const other = await app.execute(DECIDE, { input: { flagId: mayFlag, decision: 'CONFIRMED', reason: 'Ours.' } }, stranger.tokens.reviewer);
    expect(errorCodes(other)).toEqual(['NOT_FOUND']);
    const confirmed = await app.execute(DECIDE, { input: { flagId: mayFlag, decision: 'CONFIRMED', reason: 'The wording promises principal protection.' } }, association.tokens.reviewer);
    expect(confirmed.data.decideFlag).toEqual({ id: mayFlag, caseState: 'CONFIRMED', heldForReview: false });

    const { flag, node } = await flagAs(mayFlag);
    expect(flag).toMatchObject({ id: mayFlag, heldForReview: false, reviewBeforePublication: true, caseState: 'CONFIRMED' });
    expect(node).toEqual({ id: mayFlag });
    expect(flag.history).toEqual({ totalCount: 1, nodes: [{ action: 'flag.published', version: 3 }] });
    // the whole case is read from the table, the reply made while held included
    expect(flag.case.steps.map((s: { action: string }) => s.action)).toEqual(['REPLY', 'CONFIRM']);

    const entries = await ledgerEntries(app.orm.em, { entityType: 'flag', entityId: mayFlag });
    expect(entries.map((e) => [e.action, e.public, e.record.heldForReview])).toEqual([
      ['flag.raised', false, true],
      ['flag.case-stepped', false, true],
      ['flag.published', true, false],
    ]);
    expect(entries[2].record.reviewBeforePublication).toBe(true);
    expect(entries[2].logIndex).not.toBeNull();
    const steps = await ledgerEntries(app.orm.em, { entityType: 'flag-case-step' });
    expect(steps.filter((e) => e.record.flag === mayFlag).map((e) => [e.action, e.public])).toEqual([
      ['flag.case-reply', false],
      ['flag.case-confirm', true],
    ]);
    // the change feed from the log's start to just after the publication holds the flag once: its publication
    const published = entries[2].logIndex!;
    const feed = `query($after: String) { changes(first: 100, after: $after) { nodes { logIndex entityType entityId action } } }`;
    const around = await app.execute(feed, { after: String(published - 50n > 0n ? published - 50n : 0n) });
    const ours = around.data.changes.nodes.filter((c: { entityId: string }) => c.entityId === mayFlag);
    expect(ours).toEqual([{ logIndex: String(published), entityType: 'flag', entityId: mayFlag, action: 'flag.published' }]);

    const seen = await reads(mayFiling);
    expect(seen.flags).toEqual({ totalCount: 1, nodes: [{ id: mayFlag, heldForReview: false }] });
    expect(seen.asOf.totalCount).toBe(1);
    expect(seen.filing.flags).toEqual([{ id: mayFlag, ruleCode: held }]);
    expect(seen.platform.openFlagCounts.high).toBe(1);
    // a confirmed HIGH flag: 2 x 10 points
    expect(seen.platform.risk).toEqual({ score: 20, flags: [{ count: 1 }] });
    expect(seen.platforms.nodes).toEqual([{ id: platform.id }]);
    expect(seen.search.nodes).toEqual([{ id: mayFlag }]);
    expect(seen.searchFacets.openFlagSeverity).toContainEqual({ value: 'HIGH', count: expect.any(Number) });
  });

  it('keeps a confirmed flag public when its case is reopened', async () => {
    const reopened = await app.execute(REOPEN, { input: { flagId: mayFlag, reason: 'The platform sent new documents.' } }, association.tokens.reviewer);
    expect(reopened.data.reopenFlag).toEqual({ id: mayFlag, caseState: 'OPEN', heldForReview: false });
    expect((await flagAs(mayFlag)).flag).toMatchObject({ heldForReview: false, caseState: 'OPEN', history: { totalCount: 2 } });
  });

  it('never publishes a dismissed flag', async () => {
    await app.execute(REPLY, { input: { flagId: juneFlag, text: 'The wording says the opposite.' } }, platform.tokens.owner);
    const dismissed = await app.execute(DECIDE, { input: { flagId: juneFlag, decision: 'DISMISSED', reason: 'A negated phrase.' } }, association.tokens.reviewer);
    expect(dismissed.data.decideFlag).toEqual({ id: juneFlag, caseState: 'DISMISSED', heldForReview: true });
    expect(await flagAs(juneFlag)).toEqual({ flag: null, node: null, nodes: [null] });
    expect((await reads(juneFiling)).filing.flags).toEqual([]);
    const entries = await ledgerEntries(app.orm.em, { entityType: 'flag', entityId: juneFlag });
    expect(entries.map((e) => e.public)).toEqual([false, false, false]);
  });

  it('carries the hold over with a case: a held case stays held, a published one stays public', async () => {
    const amendJune = await app.execute(AMEND_FILING, amendVariables(platform, juneFiling, 'Wording corrected.'), platform.tokens.filer);
    expect(amendJune.errors).toBeUndefined();
    const june = amendJune.data.amendFiling.flags.find((f: { ruleCode: string }) => f.ruleCode === held);
    const juneCarried = (await flagAs(june.id, platform.tokens.owner)).flag;
    expect(juneCarried).toMatchObject({ heldForReview: true, caseState: 'DISMISSED', case: { carriedFrom: { id: juneFlag } } });
    expect((await flagAs(june.id)).flag).toBeNull();

    const amendMay = await app.execute(AMEND_FILING, amendVariables(platform, mayFiling, 'Figures corrected.'), platform.tokens.filer);
    const may = amendMay.data.amendFiling.flags.find((f: { ruleCode: string }) => f.ruleCode === held);
    const mayCarried = (await flagAs(may.id)).flag;
    expect(mayCarried).toMatchObject({ heldForReview: false, reviewBeforePublication: true, caseState: 'OPEN', case: { carriedFrom: { id: mayFlag } } });
    expect(mayCarried.history.nodes).toEqual([{ action: 'flag.raised', version: 1 }]);
  });

  it('holds the flags a marked version raises on re-evaluation', async () => {
    const later = code('HOLDR');
    const input = { code: later, title: 'Held on re-evaluation', text: 'x', basis: 'Test', category: 'DISCLOSURE', severity: 'LOW', expression: 'filing.ops.newLoanAmountMinor > 0', reviewBeforePublication: true };
    const draft = await app.execute(SAVE, { input }, association.tokens.editor);
    const published = await app.execute(PUBLISH, { input: { ruleVersionId: draft.data.saveRuleDraft.id, effectiveFrom: '2016-08-24T00:00:00+08:00' } }, association.tokens.editor);
    await reevaluateForVersion(app.orm, { ruleVersionId: published.data.publishRuleDraft.id });
    const list = `query($id: ID!, $code: String!) { flags(first: 10, filter: { platformId: $id, ruleCode: $code }) { totalCount nodes { id heldForReview } } }`;
    const own = await app.execute(list, { id: platform.id, code: later }, platform.tokens.owner);
    // the live filings of May and June (the amendments)
    expect(own.data.flags.totalCount).toBe(2);
    expect(own.data.flags.nodes.every((f: { heldForReview: boolean }) => f.heldForReview)).toBe(true);
    expect((await app.execute(list, { id: platform.id, code: later })).data.flags.totalCount).toBe(0);
    const ids = own.data.flags.nodes.map((f: { id: string }) => f.id);
    const entries = await ledgerEntries(app.orm.em, { entityType: 'flag', entityId: { $in: ids } });
    expect(entries.map((e) => [e.action, e.public])).toEqual([
      ['flag.raised', false],
      ['flag.raised', false],
    ]);
  });

  it('holds missing-filing flags when FILE-001 is marked for review', async () => {
    const own = await buildFilingAssociation(app, { rulebook: false });
    const input = { code: 'FILE-001', title: 'Missing monthly filing', text: 'x', basis: 'Test', category: 'DISCLOSURE', severity: 'HIGH', expression: 'ctx.duePeriods.exists(p, !(p in platform.submittedPeriods))', reviewBeforePublication: true };
    const draft = await app.execute(SAVE, { input }, own.tokens.editor);
    await app.execute(PUBLISH, { input: { ruleVersionId: draft.data.saveRuleDraft.id, effectiveFrom: '2016-08-24T00:00:00+08:00' } }, own.tokens.editor);
    const late = await buildFilingPlatform(app, own);
    await behindTheLedger(app.orm.em, 'update platform set created_at = ? where id = ?', [new Date('2019-03-01T03:00:00+08:00'), late.id]);
    // as of 20 May 2019 the periods 2019-03 and 2019-04 are due and not filed
    expect(await flagMissingPeriods(app.orm, [late.id], new Date('2019-05-20T00:00:00+08:00'))).toBe(2);
    const list = `query($id: ID!) { flags(first: 10, filter: { platformId: $id, ruleCode: "FILE-001" }) { totalCount nodes { id period heldForReview } } }`;
    const seen = await app.execute(list, { id: late.id }, late.tokens.owner);
    expect(seen.data.flags.nodes.map((f: { period: string; heldForReview: boolean }) => [f.period, f.heldForReview]).sort()).toEqual([
      ['2019-03', true],
      ['2019-04', true],
    ]);
    expect((await app.execute(list, { id: late.id })).data.flags.totalCount).toBe(0);
    const ids = seen.data.flags.nodes.map((f: { id: string }) => f.id);
    expect((await ledgerEntries(app.orm.em, { entityType: 'flag', entityId: { $in: ids } })).map((e) => e.public)).toEqual([false, false]);
  });
});
