import { buildPlatform, sha256 } from '../../../seeds/factories';
import { memberViewer } from '../../../src/modules/accounts/viewer';
import { Filing } from '../../../src/modules/filings/filing.entity';
import { loadBatchContext, readFilings, ruleInputs } from '../../../src/modules/evaluation';
import { evaluateFiling } from '../../../src/modules/flags/evaluate-filing';
import { factsAsOf } from '../../../src/modules/evaluation';
import { Flag } from '../../../src/modules/flags/flag.entity';
import { flagMissingPeriods } from '../../../src/modules/flags/missing-filings';
import { reevaluateForVersion } from '../../../src/modules/flags/reevaluation';
import { QualificationType } from '../../../src/modules/platforms/platform.enums';
import { Qualification } from '../../../src/modules/platforms/qualification.entity';
import { publishRuleDraft } from '../../../src/modules/rules/publish-rule';
import { Rule } from '../../../src/modules/rules/rule.entity';
import { RuleCategory, Severity } from '../../../src/modules/rules/rule.enums';
import { RuleVersion } from '../../../src/modules/rules/rule-version.entity';
import { versionsInForce } from '../../../src/modules/rules/rules-in-force';
import { saveRuleDraft } from '../../../src/modules/rules/save-rule-draft';
import { ADD_QUALIFICATION } from '../../helpers/operations';
import { behindTheLedger } from '../../helpers/ledger';
import { startTestApp, TestApp } from '../../helpers/test-app';
import {
  AMEND_FILING, amendVariables, buildFilingAssociation, buildFilingPlatform, CUSTODY_BANK, FilingAssociation, FilingPlatform, SUBMIT_FILING, submitVariables,
} from '../../helpers/filing-world';

const SUPERSEDE_QUALIFICATION = `mutation($input: SupersedeQualificationInput!) { supersedeQualification(input: $input) { id } }`;
const PUBLISH_PARAMETER = `mutation($input: PublishParameterInput!) { publishParameter(input: $input) { number } }`;

/** A rule version that is never stored, reading `prev` (its evidence shows which filing was read). */
const PREV_PROBE = Object.assign(new RuleVersion(), { id: 'rlv_probe_prev_as_of', rule: { code: 'PROBE' } as Rule, expression: 'prev != null && prev.filingId != ""' });

/**
 * Facts are pinned at an instant: what a filing's rules read as of asOf is what the registry had on record
 * then. Platform A files January and February 2019, then (after February) amends January, adds a
 * qualification, revokes its custody agreement and publishes a new parameter for February.
 */
describe('facts of a filing as of an instant', () => {
  let app: TestApp;
  let association: FilingAssociation;
  let platform: FilingPlatform;
  let custodyId: string;
  let icpId: string;
  let auditId: string;
  let revocationId: string;
  const filings: Record<'janV1' | 'janV2' | 'feb', Filing> = {} as never;
  /** Just after February was filed, before any later change. */
  let atFebruary: Date;

  const submit = async (target: FilingPlatform, period: string) => {
    const result = await app.execute(SUBMIT_FILING, submitVariables(target, period), target.tokens.filer);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return app.orm.em.fork().findOneOrFail(Filing, result.data.submitFiling.id);
  };
  const execute = async (query: string, variables: Record<string, unknown>, token: string) => {
    const result = await app.execute(query, variables, token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };
  const file001 = async () => (await versionsInForce(app.orm.em.fork(), association.id, new Date())).find((v) => v.rule.code === 'FILE-001')!;
  const finding = async (filing: Filing, asOf: Date, code: string) => {
    const { versions, findings } = await evaluateFiling(app.orm.em.fork(), filing, { asOf });
    return findings[versions.findIndex((v) => v.rule.code === code)];
  };
  const facts = async (filing: Filing, asOf: Date) => factsAsOf(await loadBatchContext(app.orm.em.fork(), [filing], { asOf }), filing, asOf);

  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
    platform = await buildFilingPlatform(app, association);
    custodyId = platform.custodyQualificationId;
    filings.janV1 = await submit(platform, '2019-01');
    filings.feb = await submit(platform, '2019-02');
    atFebruary = filings.feb.submittedAt;
    const amended = await execute(AMEND_FILING, amendVariables(platform, filings.janV1.id, 'Corrected loan count.', { ops: { newLoanCount: '1201' } }), platform.tokens.filer);
    filings.janV2 = await app.orm.em.fork().findOneOrFail(Filing, amended.amendFiling.id);
    const audit = await execute(ADD_QUALIFICATION, {
      input: {
        platformId: platform.id,
        qualification: { type: 'ANNUAL_AUDIT_REPORT', issuer: '某会计师事务所', number: 'AU-2018', validFrom: '2019-01-01T00:00:00+08:00', documentSha256: sha256(`audit ${platform.id}`) },
      },
    }, platform.tokens.owner);
    auditId = audit.addQualification.id;
    const revoked = await execute(SUPERSEDE_QUALIFICATION, {
      input: {
        qualificationId: custodyId,
        reason: 'The bank terminated the custody agreement.',
        qualification: {
          type: 'CUSTODY_AGREEMENT', issuer: CUSTODY_BANK, number: 'CG-2018-001', validFrom: '2018-06-01T00:00:00+08:00', status: 'REVOKED',
          documentSha256: sha256(`custody agreement of ${platform.id}`),
        },
      },
    }, platform.tokens.owner);
    revocationId = revoked.supersedeQualification.id;
    await execute(PUBLISH_PARAMETER, { input: { name: 'marketMedianLenderYieldBps', period: '2019-02', value: '600' } }, association.tokens.editor);
    icpId = (await app.orm.em.fork().findOneOrFail(Qualification, { platform: platform.id, type: QualificationType.ICP_LICENSE })).id;
  });
  afterAll(() => app.close());

  it('takes prev as it stood at asOf: an amendment of the previous month made later is not seen', async () => {
    expect((await facts(filings.feb, atFebruary)).prev?.filingId).toBe(filings.janV1.id);
    expect((await facts(filings.feb, new Date())).prev?.filingId).toBe(filings.janV2.id);
    // evaluateFiling and the batch path (re-evaluation: each filing as of its submission) read the same
    const { findings } = await evaluateFiling(app.orm.em.fork(), filings.feb, { asOf: atFebruary, versions: [PREV_PROBE] });
    expect(findings[0].evidence.values['prev.filingId']).toBe(filings.janV1.id);
    const em = app.orm.em.fork();
    const rows = await readFilings(em, 'from filing f where f.id = any(?)', [[filings.janV2.id, filings.feb.id]]);
    const inputs = ruleInputs(await loadBatchContext(em, rows), rows);
    expect(inputs.get(filings.feb.id)!.prev?.filingId).toBe(filings.janV1.id);
    expect(inputs.get(filings.feb.id)!.ctx.asOf).toBe(atFebruary.toISOString());
    // January was the first month filed
    expect(inputs.get(filings.janV2.id)!.prev).toBeNull();
  });

  it('sees only the qualifications recorded by asOf: one added later is absent', async () => {
    const then = (await facts(filings.feb, atFebruary)).platform.qualifications;
    expect(then.map((q) => q.qualificationId).sort()).toEqual([custodyId, icpId].sort());
    const now = (await facts(filings.feb, new Date())).platform.qualifications;
    expect(now.map((q) => q.qualificationId).sort()).toEqual([custodyId, icpId, auditId, revocationId].sort());
  });

  it('sees a qualification revoked after asOf as it was then: active', async () => {
    const statusAt = async (asOf: Date) =>
      Object.fromEntries((await facts(filings.feb, asOf)).platform.qualifications.map((q) => [q.qualificationId, q.status]));
    expect(await statusAt(atFebruary)).toEqual({ [custodyId]: 'active', [icpId]: 'active' });
    expect(await statusAt(new Date())).toEqual({ [custodyId]: 'superseded', [icpId]: 'active', [auditId]: 'active', [revocationId]: 'revoked' });
    // CUST-003 (no active custody agreement with the filing's bank) passed then and flags now
    expect((await finding(filings.feb, atFebruary, 'CUST-003')).outcome).toBe('PASSED');
    expect((await finding(filings.feb, new Date(), 'CUST-003')).outcome).toBe('FLAGGED');
  });

  it('reads parameters as published by asOf', async () => {
    expect((await facts(filings.feb, atFebruary)).ctx.params).toEqual({ marketMedianLenderYieldBps: 950n });
    expect((await facts(filings.feb, new Date())).ctx.params).toEqual({ marketMedianLenderYieldBps: 600n });
    // the clean month promises 1,000 bps: within 1.5 times 950, above 1.5 times 600
    expect((await finding(filings.feb, atFebruary, 'YIELD-001')).outcome).toBe('PASSED');
    expect((await finding(filings.feb, new Date(), 'YIELD-001')).outcome).toBe('FLAGGED');
  });

  it('evaluates at the instant: evidence.evaluatedAt is asOf, in submission, evaluateFiling and re-evaluation', async () => {
    const asOf = new Date('2026-01-15T10:00:00+08:00');
    const { findings } = await evaluateFiling(app.orm.em.fork(), filings.feb, { asOf });
    expect(findings).toHaveLength(25);
    expect(new Set(findings.map((f) => f.evidence.evaluatedAt))).toEqual(new Set([asOf.toISOString()]));
    // flags raised when February was filed: evaluated at its submission
    const stored = await app.orm.em.fork().find(Flag, { filing: filings.feb.id });
    expect(stored.length).toBeGreaterThan(0);
    for (const flag of stored) expect(flag.evidence.evaluatedAt).toBe(filings.feb.submittedAt.toISOString());
    // a new rule published later: the job evaluates each live filing as of its submission
    const editor = memberViewer(association.admin);
    const draft = await saveRuleDraft(app.orm.em.fork(), editor, {
      code: 'PIN-001', title: 'Every filing', text: 'Flags every filing.', basis: 'test', threshold: 'none',
      category: RuleCategory.DISCLOSURE, severity: Severity.LOW, expression: 'filing.submittedAt != ""',
    });
    const version = await publishRuleDraft(app.orm.em.fork(), editor, { ruleVersionId: draft.id, effectiveFrom: new Date('2016-08-24T00:00:00+08:00') });
    await reevaluateForVersion(app.orm, { ruleVersionId: version.id });
    for (const filing of [filings.janV2, filings.feb]) {
      const [flag] = await app.orm.em.fork().find(Flag, { filing: filing.id, ruleVersion: version.id });
      expect(flag.evidence.evaluatedAt).toBe(filing.submittedAt.toISOString());
      expect(flag.raisedAt.getTime()).toBeGreaterThan(filing.submittedAt.getTime());
    }
  });

  it('reads entity tables because what the facts read cannot change in place', async () => {
    const update = (query: string, id: string) => app.orm.em.fork().getConnection().execute(query, [id]);
    await expect(update(`update platform set registered_capital_minor = registered_capital_minor + 1 where id = ?`, platform.id)).rejects.toThrow(/published records are never changed/);
    await expect(update(`update qualification set status = 'REVOKED' where id = ?`, icpId)).rejects.toThrow(/published records are never changed/);
    await expect(update(`update filing set submitted_at = now() where id = ?`, filings.feb.id)).rejects.toThrow(/published records are never changed/);
  });

  /**
   * Platform B joined on 1 January 2017 and filed January, February and April on time, May after the instant,
   * and amended February after it: as of 20 May 2017 January to April are due and March is missing. B stays
   * PENDING, so the missing-filings job of other test files (approved platforms only) leaves it alone.
   */
  describe('FILE-001 at one instant', () => {
    const instant = new Date('2017-05-20T00:00:00+08:00');
    let b: FilingPlatform;
    let versions: Filing[];

    beforeAll(async () => {
      const registered = await buildPlatform(app.orm.em, { associationId: association.id });
      b = { id: registered.platform.id, associationId: association.id, custodyQualificationId: 'none', tokens: { owner: registered.ownerToken, filer: registered.ownerToken } };
      const submittedAt: Record<string, string> = { '2017-01': '2017-02-06', '2017-02': '2017-03-06', '2017-04': '2017-05-05', '2017-05': '2017-06-05' };
      versions = [];
      for (const [period, at] of Object.entries(submittedAt)) {
        const filing = await submit(b, period);
        await behindTheLedger(app.orm.em, 'update filing set submitted_at = ? where id = ?', [new Date(`${at}T10:00:00+08:00`), filing.id]);
        versions.push(await app.orm.em.fork().findOneOrFail(Filing, filing.id));
      }
      const amended = await execute(AMEND_FILING, amendVariables(b, versions[1].id, 'Corrected after the instant.'), b.tokens.filer);
      versions.push(await app.orm.em.fork().findOneOrFail(Filing, amended.amendFiling.id));
      await behindTheLedger(app.orm.em, 'update platform set created_at = ? where id = ?', [new Date('2017-01-01T03:00:00+08:00'), b.id]);
    });

    const expected = { 'ctx.duePeriods': ['2017-01', '2017-02', '2017-03', '2017-04'], 'platform.submittedPeriods': ['2017-01', '2017-02', '2017-04'] };

    it('gives the same answer on every filing of the platform, one by one and in a batch', async () => {
      const version = await file001();
      expect(versions).toHaveLength(5);
      for (const filing of versions) {
        const { findings } = await evaluateFiling(app.orm.em.fork(), filing, { asOf: instant, versions: [version] });
        expect(findings[0]).toMatchObject({ ruleCode: 'FILE-001', outcome: 'FLAGGED', evidence: { values: expected, evaluatedAt: instant.toISOString() } });
      }
      const em = app.orm.em.fork();
      const inputs = ruleInputs(await loadBatchContext(em, versions, { asOf: instant }), versions);
      for (const input of inputs.values()) {
        expect(input.ctx.duePeriods).toEqual(expected['ctx.duePeriods']);
        expect(input.platform.submittedPeriods).toEqual(expected['platform.submittedPeriods']);
      }
    });

    it('agrees with the missing-filings job at the same instant: it flags March alone, with the same evidence', async () => {
      expect(await flagMissingPeriods(app.orm, [b.id], instant)).toBe(1);
      const flags = await app.orm.em.fork().find(Flag, { platform: b.id, ruleCode: 'FILE-001', filing: null });
      expect(flags).toHaveLength(1);
      expect(flags[0].period).toBe('2017-03');
      expect(flags[0].evidence).toMatchObject({ values: { ...expected, missingPeriod: '2017-03' }, evaluatedAt: instant.toISOString() });
    });
  });
});
