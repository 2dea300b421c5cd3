import { RuleVersion } from '../../../src/modules/rules/rule-version.entity';
import { Rule } from '../../../src/modules/rules/rule.entity';
import { errorCodes, GqlResult, startTestApp, TestApp } from '../../helpers/test-app';
import { buildFilingAssociation, buildFilingPlatform, FilingAssociation, FilingPlatform } from '../../helpers/filing-world';

const SAVE_DRAFT = `mutation Save($input: SaveRuleDraftInput!) {
  saveRuleDraft(input: $input) { id ruleId ruleCode number status expression effectiveFrom publishedAt }
}`;
const PUBLISH = `mutation Publish($input: PublishRuleDraftInput!) {
  publishRuleDraft(input: $input) { id ruleCode number status effectiveFrom publishedAt expression }
}`;
const RETIRE = `mutation Retire($input: RetireRuleInput!) { retireRule(input: $input) { id number retires effectiveFrom } }`;
const RULE = `query($id: ID!, $before: DateTimeISO, $after: DateTimeISO) {
  rule(id: $id) {
    code
    versions { id number status expression }
    current: inForce { number }
    before: inForce(at: $before) { number expression }
    after: inForce(at: $after) { number expression }
  }
}`;
const RULEBOOK = `query($id: ID!, $after: String) {
  rulebook(associationId: $id, first: 10, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id code } }
}`;

/** A SaveRuleDraftInput; `overrides` win. */
function draftInput(overrides: Record<string, unknown> = {}) {
  return {
    input: {
      code: 'POOL-001',
      title: 'Unmatched committed funds (stricter)',
      text: 'Committed lender money not matched to loans must stay small against new lending.',
      basis: 'Interim Measures Art. 10(2)',
      threshold: 'More than a thirtieth of new lending.',
      category: 'FUND_POOLING',
      severity: 'HIGH',
      expression: 'filing.custody.unmatchedCommittedFundsMinor * 30 > filing.ops.newLoanAmountMinor',
      ...overrides,
    },
  };
}

function fieldPaths(result: GqlResult): string[] {
  expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  return (result.errors?.[0].extensions?.fields ?? []).map((f: { path: string }) => f.path);
}

describe('rulebook: drafts, publication, versions in force', () => {
  let app: TestApp;
  let association: FilingAssociation;
  let otherAssociation: FilingAssociation;
  let platform: FilingPlatform;
  let poolRuleId: string;
  let draftId: string;
  /** Rule versions of the association, to show a refused write stored nothing. */
  const versionCount = (associationId: string) => app.orm.em.fork().count(RuleVersion, { rule: { association: associationId } });

  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
    otherAssociation = await buildFilingAssociation(app, { rulebook: false });
    platform = await buildFilingPlatform(app, association);
    poolRuleId = (await app.orm.em.fork().findOneOrFail(Rule, { association: association.id, code: 'POOL-001' })).id;
  });
  afterAll(() => app.close());

  it('publishes the 25 seed rules, readable by anyone a page at a time', async () => {
    const codes: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const result: GqlResult = await app.execute(RULEBOOK, { id: association.id, after });
      expect(result.data.rulebook.totalCount).toBe(25);
      codes.push(...result.data.rulebook.nodes.map((n: { code: string }) => n.code));
      expect(result.data.rulebook.pageInfo.hasNextPage).toBe(page < 2);
      after = result.data.rulebook.pageInfo.endCursor;
    }
    expect(codes).toHaveLength(25);
    expect(codes).toEqual([...codes].sort());
    expect(codes.slice(0, 4)).toEqual(['CAP-001', 'CAP-002', 'CAP-003', 'CONC-001']);
    const rule = await app.execute(RULE, { id: poolRuleId });
    expect(rule.data.rule).toMatchObject({ code: 'POOL-001', current: { number: 1 } });
    expect(rule.data.rule.versions).toEqual([
      { id: expect.any(String), number: 1, status: 'PUBLISHED', expression: 'filing.custody.unmatchedCommittedFundsMinor * 10 > filing.ops.newLoanAmountMinor' },
    ]);
  });

  it('refuses invalid CEL with the position of the error, storing nothing', async () => {
    const before = await versionCount(association.id);
    const syntax = await app.execute(SAVE_DRAFT, draftInput({ expression: 'filing.ops.newLoanAmountMinor > 0 &&\n  filing.ops.newLoanCount >' }), association.tokens.editor);
    expect(fieldPaths(syntax)).toEqual(['input.expression']);
    expect(syntax.errors?.[0].extensions?.cel).toMatchObject({ line: 2, column: expect.any(Number), message: expect.any(String) });
    expect(syntax.errors?.[0].extensions?.cel.column).toBeGreaterThan(20);
    expect(syntax.errors?.[0].message).toMatch(/^input\.expression: CEL error at line 2, column \d+: /);

    const unknownVariable = await app.execute(SAVE_DRAFT, draftInput({ expression: 'filing.ops.newLoanAmountMinor > 0 && platfrom.registeredCapitalMinor > 0' }), association.tokens.editor);
    expect(fieldPaths(unknownVariable)).toEqual(['input.expression']);
    expect(unknownVariable.errors?.[0].extensions?.cel).toMatchObject({ line: 1, column: 38 });
    expect(unknownVariable.errors?.[0].message).toContain('platfrom');

    const notBool = await app.execute(SAVE_DRAFT, draftInput({ expression: 'filing.ops.newLoanAmountMinor * 2' }), association.tokens.editor);
    expect(fieldPaths(notBool)).toEqual(['input.expression']);
    expect(await versionCount(association.id)).toBe(before);
  });

  it('refuses a misspelt field, an operand type mismatch and the hostile nested comprehension at save, storing nothing', async () => {
    const before = await versionCount(association.id);
    const misspelt = await app.execute(SAVE_DRAFT, draftInput({ expression: 'filing.products.exists(p,\n  p.promisedYieldBp > ctx.params.marketMedianLenderYieldBps)' }), association.tokens.editor);
    expect(fieldPaths(misspelt)).toEqual(['input.expression']);
    expect(misspelt.errors?.[0].extensions?.cel).toEqual({ message: 'No such key: promisedYieldBp', line: 2, column: 5, offset: 30 });
    expect(misspelt.errors?.[0].message).toBe('input.expression: CEL error at line 2, column 5: No such key: promisedYieldBp');

    const mismatch = await app.execute(SAVE_DRAFT, draftInput({ expression: 'filing.ops.newLoanAmountMinor * 0.5 > filing.custody.unmatchedCommittedFundsMinor' }), association.tokens.editor);
    expect(mismatch.errors?.[0].extensions?.cel).toMatchObject({ message: 'no such overload: int * double', line: 1, column: 1 });

    const list = `[${Array.from({ length: 201 }, (_, i) => i).join(', ')}]`;
    const hostile = await app.execute(SAVE_DRAFT, draftInput({ expression: `${list}.all(a, ${list}.all(b, ${list}.all(c, c >= 0)))` }), association.tokens.editor);
    expect(fieldPaths(hostile)).toEqual(['input.expression']);
    expect(hostile.errors?.[0].extensions?.cel.message).toBe('too costly: up to 8,161,203 comprehension iterations per evaluation, more than the budget of 100,000');
    expect(await versionCount(association.id)).toBe(before);
  });

  it('lists every field a rule may read, with its type, for anyone', async () => {
    const result = await app.execute('{ ruleFields { path type description nullable optional maxItems } }');
    expect(result.errors).toBeUndefined();
    const fields = new Map(result.data!.ruleFields.map((f: { path: string }) => [f.path, f]));
    expect(fields.get('prev')).toMatchObject({ type: 'Filing', nullable: true });
    expect(fields.get('filing.ops.newLoanAmountMinor')).toMatchObject({ type: 'int', optional: false, nullable: false });
    expect(fields.get('filing.ops.overdueAmountMinor')).toMatchObject({ type: 'int', optional: true });
    expect(fields.get('filing.products')).toMatchObject({ type: 'list<Product>', maxItems: 200 });
    expect(fields.get('filing.products[].guaranteeWording')).toMatchObject({ type: 'string' });
    expect(fields.get('platform.qualifications[].validTo')).toMatchObject({ type: 'string', nullable: true });
    expect(fields.get('ctx.params')).toMatchObject({ type: 'map<string, int>' });
    expect(result.data!.ruleFields.length).toBeGreaterThan(100);
  });

  it('keeps a draft visible only to the association’s rule editors and admins', async () => {
    const saved = await app.execute(SAVE_DRAFT, draftInput(), association.tokens.editor);
    expect(saved.errors).toBeUndefined();
    expect(saved.data.saveRuleDraft).toMatchObject({ ruleId: poolRuleId, ruleCode: 'POOL-001', number: null, status: 'DRAFT', effectiveFrom: null, publishedAt: null });
    draftId = saved.data.saveRuleDraft.id;
    // saving again edits the same open draft
    const edited = await app.execute(SAVE_DRAFT, draftInput({ title: 'Unmatched committed funds (1/30)' }), association.tokens.admin);
    expect(edited.data.saveRuleDraft.id).toBe(draftId);

    const versionsSeenBy = async (token?: string) =>
      (await app.execute(RULE, { id: poolRuleId }, token)).data.rule.versions.map((v: { status: string; number: number | null }) => `${v.status}:${v.number}`);
    expect(await versionsSeenBy(association.tokens.editor)).toEqual(['DRAFT:null', 'PUBLISHED:1']);
    expect(await versionsSeenBy(association.tokens.admin)).toEqual(['DRAFT:null', 'PUBLISHED:1']);
    expect(await versionsSeenBy(association.tokens.reviewer)).toEqual(['PUBLISHED:1']);
    expect(await versionsSeenBy(otherAssociation.tokens.editor)).toEqual(['PUBLISHED:1']);
    expect(await versionsSeenBy(platform.tokens.owner)).toEqual(['PUBLISHED:1']);
    expect(await versionsSeenBy()).toEqual(['PUBLISHED:1']);
  });

  it('refuses drafting and publishing to anyone but the association’s editors', async () => {
    const before = await versionCount(association.id);
    const publish = { input: { ruleVersionId: draftId, effectiveFrom: '2020-01-01T00:00:00+08:00' } };
    expect(errorCodes(await app.execute(PUBLISH, publish, otherAssociation.tokens.editor))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.execute(PUBLISH, publish, otherAssociation.tokens.admin))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.execute(PUBLISH, publish, association.tokens.reviewer))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.execute(PUBLISH, publish, platform.tokens.owner))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.execute(PUBLISH, publish))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await app.execute(SAVE_DRAFT, draftInput(), association.tokens.reviewer))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.execute(SAVE_DRAFT, draftInput(), platform.tokens.owner))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.execute(SAVE_DRAFT, draftInput()))).toEqual(['UNAUTHENTICATED']);
    const retire = { input: { ruleId: poolRuleId, effectiveFrom: '2020-01-01T00:00:00+08:00', reason: 'x' } };
    expect(errorCodes(await app.execute(RETIRE, retire, otherAssociation.tokens.editor))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.execute(RETIRE, retire, association.tokens.reviewer))).toEqual(['FORBIDDEN']);
    expect(await versionCount(association.id)).toBe(before);

    // an editor of another association drafts in their own rulebook, never in this one
    const own = await app.execute(SAVE_DRAFT, draftInput(), otherAssociation.tokens.editor);
    expect(own.data.saveRuleDraft.ruleId).not.toBe(poolRuleId);
    expect(await versionCount(association.id)).toBe(before);
    expect(await versionCount(otherAssociation.id)).toBe(1);
  });

  it('refuses an effective date before the version in force, then publishes version 2', async () => {
    const early = await app.execute(PUBLISH, { input: { ruleVersionId: draftId, effectiveFrom: '2016-01-01T00:00:00+08:00' } }, association.tokens.editor);
    expect(fieldPaths(early)).toEqual(['input.effectiveFrom']);
    expect(early.errors?.[0].message).toContain('when version 1 took effect');

    const effectiveFrom = '2020-01-01T00:00:00+08:00';
    const published = await app.execute(PUBLISH, { input: { ruleVersionId: draftId, effectiveFrom } }, association.tokens.editor);
    expect(published.errors).toBeUndefined();
    expect(published.data.publishRuleDraft).toMatchObject({ id: draftId, ruleCode: 'POOL-001', number: 2, status: 'PUBLISHED', effectiveFrom: new Date(effectiveFrom).toISOString() });
    expect(Date.parse(published.data.publishRuleDraft.publishedAt)).toBeGreaterThan(Date.now() - 60_000);

    const again = await app.execute(PUBLISH, { input: { ruleVersionId: draftId, effectiveFrom } }, association.tokens.editor);
    expect(errorCodes(again)).toEqual(['RULE_VERSION_ALREADY_PUBLISHED']);
  });

  it('answers inForce(at:) with the version in force at that instant', async () => {
    const rule = await app.execute(RULE, { id: poolRuleId, before: '2019-12-31T23:59:59+08:00', after: '2020-01-01T00:00:00+08:00' });
    expect(rule.data.rule).toMatchObject({
      current: { number: 2 },
      before: { number: 1, expression: 'filing.custody.unmatchedCommittedFundsMinor * 10 > filing.ops.newLoanAmountMinor' },
      after: { number: 2, expression: 'filing.custody.unmatchedCommittedFundsMinor * 30 > filing.ops.newLoanAmountMinor' },
    });
    const beforeSeed = await app.execute(RULE, { id: poolRuleId, before: '2016-08-23T23:59:59+08:00' });
    expect(beforeSeed.data.rule.before).toBeNull();
    expect((await app.execute(RULE, { id: poolRuleId })).data.rule.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
  });

  it('retires a rule from a date: not in force after it, still in force before', async () => {
    const ruleId = (await app.orm.em.fork().findOneOrFail(Rule, { association: association.id, code: 'PROD-001' })).id;
    const early = await app.execute(RETIRE, { input: { ruleId, effectiveFrom: '2015-01-01T00:00:00+08:00', reason: 'Obsolete.' } }, association.tokens.admin);
    expect(fieldPaths(early)).toEqual(['input.effectiveFrom']);
    const retired = await app.execute(RETIRE, { input: { ruleId, effectiveFrom: '2021-01-01T00:00:00+08:00', reason: 'Obsolete.' } }, association.tokens.admin);
    expect(retired.data.retireRule).toMatchObject({ number: 2, retires: true });
    const rule = await app.execute(RULE, { id: ruleId, before: '2020-12-31T00:00:00+08:00', after: '2021-01-01T00:00:00+08:00' });
    expect(rule.data.rule).toMatchObject({ current: null, before: { number: 1 }, after: null });
    const twice = await app.execute(RETIRE, { input: { ruleId, effectiveFrom: '2022-01-01T00:00:00+08:00', reason: 'Again.' } }, association.tokens.admin);
    expect(errorCodes(twice)).toEqual(['RULE_NOT_IN_FORCE']);
  });
});

describe('rulebook visibility', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('keeps a rule that was only ever drafted out of the public rulebook, but shows it to editors', async () => {
    const association = await buildFilingAssociation(app, { rulebook: false });
    const draft = await app.execute(
      `mutation($input: SaveRuleDraftInput!) { saveRuleDraft(input: $input) { id } }`,
      { input: { code: 'NEW-001', title: 't', text: 't', basis: 'b', category: 'CUSTODY', severity: 'LOW', expression: 'filing.custody.reconciliationDaysMissed > 3' } },
      association.tokens.editor,
    );
    expect(draft.errors).toBeUndefined();
    const query = `query($id: ID!) { rulebook(associationId: $id, first: 10) { totalCount nodes { code } } }`;
    expect((await app.execute(query, { id: association.id })).data.rulebook).toEqual({ totalCount: 0, nodes: [] });
    expect((await app.execute(query, { id: association.id }, association.tokens.editor)).data.rulebook).toEqual({ totalCount: 1, nodes: [{ code: 'NEW-001' }] });
  });
});

describe('rule versions name who drafted and published them', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('shows the editor and the publisher by name', async () => {
    const association = await buildFilingAssociation(app, { rulebook: false });
    const draft = await app.execute(
      `mutation($input: SaveRuleDraftInput!) { saveRuleDraft(input: $input) { id draftedBy publishedByName } }`,
      { input: { code: 'WHO-001', title: 't', text: 't', basis: 'b', category: 'CUSTODY', severity: 'LOW', expression: 'filing.custody.reconciliationDaysMissed > 3' } },
      association.tokens.editor,
    );
    expect(draft.data.saveRuleDraft).toMatchObject({ draftedBy: 'Rule editor', publishedByName: null });
    const published = await app.execute(
      `mutation($input: PublishRuleDraftInput!) { publishRuleDraft(input: $input) { number draftedBy publishedByName } }`,
      { input: { ruleVersionId: draft.data.saveRuleDraft.id, effectiveFrom: '2019-01-01T00:00:00+08:00' } },
      association.tokens.admin,
    );
    expect(published.data.publishRuleDraft).toEqual({ number: 1, draftedBy: 'Rule editor', publishedByName: 'Admin' });
  });
});
