import fs from 'node:fs';
import path from 'node:path';
import { buildAssociation, randomUscc } from '../../../seeds/factories';
import { seedRulebook } from '../../../seeds/seed-rulebook';
import { Member } from '../../../src/modules/accounts/member.entity';
import { memberViewer, MemberViewer } from '../../../src/modules/accounts/viewer';
import { CalendarDayKind } from '../../../src/modules/calendar/calendar-day.entity';
import { setCalendarDays } from '../../../src/modules/calendar/set-calendar-days';
import { LedgerEntry } from '../../../src/modules/ledger/ledger-entry.entity';
import { behindTheLedger, ledgerEntries } from '../../helpers/ledger';
import { Filing } from '../../../src/modules/filings/filing.entity';
import { InputReads, inputReadBy, loadBatchContext, readFilings, ruleInputs } from '../../../src/modules/evaluation';
import { filingDutiesAsOf, ownEvaluationInstant } from '../../../src/modules/evaluation';
import { evaluateFiling } from '../../../src/modules/flags/evaluate-filing';
import { EvaluationError } from '../../../src/modules/flags/evaluation-error.entity';
import { Flag } from '../../../src/modules/flags/flag.entity';
import { FlagStatus } from '../../../src/modules/flags/flag.enums';
import { reevaluateForVersion } from '../../../src/modules/flags/reevaluation';
import { importRecords } from '../../../src/modules/imports/import-records';
import { compileCondition, evaluateRules, Finding, RuleInput, RuleToEvaluate } from '../../../src/modules/evaluation';
import { publishRuleDraft, retireRule } from '../../../src/modules/rules/publish-rule';
import { Rule } from '../../../src/modules/rules/rule.entity';
import { RuleCategory, Severity } from '../../../src/modules/rules/rule.enums';
import { RuleVersion } from '../../../src/modules/rules/rule-version.entity';
import { toEvaluate, versionsInForce } from '../../../src/modules/rules/rules-in-force';
import { saveRuleDraft } from '../../../src/modules/rules/save-rule-draft';
import { startTestApp, TestApp } from '../../helpers/test-app';

const EXAMPLES = path.join(__dirname, '../../../seeds/examples/records');
const readExample = (file: string) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
const S01 = readExample('S01-clean-established-3m.json');

const POOL_V1 = 'filing.custody.unmatchedCommittedFundsMinor * 10 > filing.ops.newLoanAmountMinor';
/** Stricter: unmatched funds above 1/20 of new loans (v1: 1/10). */
const POOL_V2 = 'filing.custody.unmatchedCommittedFundsMinor * 20 > filing.ops.newLoanAmountMinor';
const FROM_2019 = new Date('2019-01-01T00:00:00+08:00');
const JUNE_2019 = new Date('2019-06-01T00:00:00+08:00');

/** A filing for an import file: S01's 2019-05 figures for `period`, unmatched funds at `unmatchedPct` of new loans. */
function monthOf(period: string, unmatchedPct: number, change: (filing: any) => void = () => {}) {
  const filing = structuredClone(S01.filings[1]);
  const [year, month] = period.split('-').map(Number);
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  Object.assign(filing, { period, submittedAt: `${next}-04T10:00:00+08:00` });
  filing.custody.unmatchedCommittedFundsMinor = (filing.ops.newLoanAmountMinor * unmatchedPct) / 100;
  change(filing);
  return filing;
}

/** An import file: S01's platform under a fresh USCC with the given filings. */
function recordFile(name: string, filings: unknown[], uscc = randomUscc()) {
  return { ...S01, platform: { ...S01.platform, uscc, legalName: `${name} 网络借贷信息中介服务有限公司` }, filings };
}

/** `<version number>:<status>` of a filing's flags of `code`, sorted. */
async function summary(app: TestApp, filingId: string, code = 'POOL-001'): Promise<string[]> {
  const flags = await app.orm.em.fork().find(Flag, { filing: filingId, ruleCode: code }, { populate: ['ruleVersion'] });
  return flags.map((f) => `${f.ruleVersion.number}:${f.status}`).sort();
}

const withoutInstant = (findings: Finding[]) => findings.map(({ evidence: { evaluatedAt: _, ...evidence }, ...rest }) => ({ ...rest, evidence }));

/** Every fact a rule can read, each read once by the probe rule below. */
const FACT_PATHS = [
  ...['platformId', 'legalName', 'uscc', 'registeredCapitalMinor', 'registration', 'custodyBank', 'relatedParties', 'qualifications', 'submittedPeriods', 'websites', 'apps'].map((f) => `platform.${f}`),
  ...['filingId', 'period', 'periodStart', 'periodEnd', 'dueAt', 'submittedAt', 'ops', 'borrowerCaps', 'custody', 'products'].map((f) => `filing.${f}`),
  ...['asOf', 'duePeriods', 'params'].map((f) => `ctx.${f}`),
];

describe('re-evaluation in batches after a rule version is published', () => {
  let app: TestApp;
  let associationId: string;
  let editor: MemberViewer;
  /** Live and superseded filing ids by name. */
  const filings: Record<string, string> = {};
  let platformIds: string[];
  let otherFiling: string;

  const importAs = async (admin: Member, assocId: string, file: unknown) => {
    const result = await importRecords(app.orm.em.fork(), assocId, { memberId: admin.id, label: assocId }, file);
    return result.platform.id;
  };
  const filingOf = async (platformId: string, period: string, amendment = 1) =>
    (await app.orm.em.fork().findOneOrFail(Filing, { platform: platformId, period, amendment })).id;
  const publish = async (code: string, expression: string, effectiveFrom: Date) => {
    const draft = await saveRuleDraft(app.orm.em.fork(), editor, {
      code, title: `${code} (revised)`, text: 'Revised.', basis: 'Interim Measures', threshold: 'revised',
      category: RuleCategory.FUND_POOLING, severity: Severity.HIGH, expression,
    });
    return publishRuleDraft(app.orm.em.fork(), editor, { ruleVersionId: draft.id, effectiveFrom });
  };
  /** POOL-001 flags of the association's platforms by status, and their changes (other files write in parallel). */
  const counts = async () => {
    const em = app.orm.em.fork();
    const flags = await em.find(Flag, { platform: { $in: platformIds }, ruleCode: 'POOL-001' });
    return {
      open: flags.filter((f) => f.status === FlagStatus.OPEN).length,
      superseded: flags.filter((f) => f.status === FlagStatus.SUPERSEDED).length,
      changes: await em.count(LedgerEntry, { entityType: 'flag', entityId: { $in: flags.map((f) => f.id) } }),
    };
  };

  beforeAll(async () => {
    app = await startTestApp();
    const created = await buildAssociation(app.orm.em);
    associationId = created.association.id;
    editor = memberViewer(created.admin);
    await seedRulebook(app.orm.em, editor);
    // the association's own calendar: weekdays from April to 10 May 2019 off, so March 2019 falls due
    // in mid-May instead of on 8 April (due periods follow the association's calendar, not the PRC seed)
    const days = [];
    for (let day = Date.UTC(2019, 3, 1); day <= Date.UTC(2019, 4, 10); day += 86_400_000) {
      if (![0, 6].includes(new Date(day).getUTCDay())) days.push({ date: new Date(day).toISOString().slice(0, 10), kind: CalendarDayKind.HOLIDAY, reason: 'Test calendar.' });
    }
    await setCalendarDays(app.orm.em.fork(), editor, { days });

    // P1: clean in April, 7% unmatched in May (passes v1, fails v2), 18% in June (fails both)
    const p1 = await importAs(created.admin, associationId, recordFile('P1', [monthOf('2019-04', 0), monthOf('2019-05', 7), monthOf('2019-06', 18)]));
    // P2: 18% in December 2018 (before v2 takes effect); January 2019 at 18%, then amended to 0%; February at 0%
    const p2File = recordFile('P2', [monthOf('2018-12', 18), monthOf('2019-01', 18)]);
    const p2 = await importAs(created.admin, associationId, p2File);
    await importAs(created.admin, associationId, { ...p2File, filings: [monthOf('2018-12', 18), monthOf('2019-01', 0), monthOf('2019-02', 0)] });
    // P3: a month without `cumulativeCompensationCount` (rules reading it fail on it)
    const p3 = await importAs(created.admin, associationId, recordFile('P3', [monthOf('2019-03', 0, (f) => delete f.ops.cumulativeCompensationCount)]));
    filings.p1Apr = await filingOf(p1, '2019-04');
    filings.p1May = await filingOf(p1, '2019-05');
    filings.p1Jun = await filingOf(p1, '2019-06');
    filings.p2Dec = await filingOf(p2, '2018-12');
    filings.p2JanOld = await filingOf(p2, '2019-01', 1);
    filings.p2Jan = await filingOf(p2, '2019-01', 2);
    filings.p2Feb = await filingOf(p2, '2019-02');
    filings.p3Mar = await filingOf(p3, '2019-03');
    // the labelled examples too (fresh USCCs: other files import them as well), for facts of every kind
    const examples = [];
    for (const file of fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort()) {
      const example = readExample(file);
      examples.push(await importAs(created.admin, associationId, { ...example, platform: { ...example.platform, uscc: randomUscc() } }));
    }
    platformIds = [p1, p2, p3, ...examples];
    // joined the registry in 2019 (04:00 China time on 1 March: still February in UTC), so periods fall due
    await behindTheLedger(
      app.orm.em,
      `update platform set created_at = case when id = ? then '2019-02-28T20:00:00Z'::timestamptz else '2018-11-15T00:00:00Z'::timestamptz end where id in (?)`,
      [p1, platformIds],
    );

    // another association with its own POOL-001 and a filing it flags: never touched by this one's versions
    const other = await buildAssociation(app.orm.em);
    const otherEditor = memberViewer(other.admin);
    const draft = await saveRuleDraft(app.orm.em.fork(), otherEditor, {
      code: 'POOL-001', title: 'Pool', text: 'Pool.', basis: 'Interim Measures', threshold: '1/10',
      category: RuleCategory.FUND_POOLING, severity: Severity.HIGH, expression: POOL_V1,
    });
    await publishRuleDraft(app.orm.em.fork(), otherEditor, { ruleVersionId: draft.id, effectiveFrom: new Date('2016-08-24T00:00:00+08:00') });
    otherFiling = await filingOf(await importAs(other.admin, other.association.id, recordFile('Other', [monthOf('2019-06', 18)])), '2019-06');
  });
  afterAll(() => app.close());

  it('builds the same rule input as evaluateFiling: same findings for all 25 rules and a probe reading every fact', async () => {
    const em = app.orm.em.fork();
    const all = await em.find(Filing, { platform: { $in: platformIds } }, { orderBy: { id: 'asc' } });
    const live = all.filter((f) => !all.some((other) => other.supersedes?.id === f.id));
    expect(live.length).toBe(19);
    // reads every part of the input, so evidence shows any difference in the facts
    const probe = Object.assign(new RuleVersion(), {
      id: 'rlv_probe_batch_facts',
      rule: { code: 'PROBE' } as Rule,
      // dyn(): a CEL list literal holds one type
      expression: `[${FACT_PATHS.map((path) => `dyn(${path})`).join(', ')}].size() > 0 && (prev == null || prev.filingId != "" && 'newLoanAmountMinor' in prev.ops)`,
    });
    // read as the job reads them (plain rows), in one batch and one filing per batch (the preceding month then comes from the database)
    const rows = await readFilings(em, 'from filing f where f.id = any(?)', [live.map((f) => f.id)]);
    const inputs = ruleInputs(await loadBatchContext(em, rows), rows);
    const alone = async (filing: Filing) => {
      const row = rows.find((r) => r.id === filing.id)!;
      return ruleInputs(await loadBatchContext(em, [row]), [row]).get(filing.id)!;
    };
    // imported history is evaluated in the ctx its file declared, at its asOf
    expect(inputs.get(filings.p1Apr)!.ctx).toMatchObject({ asOf: new Date(S01.ctx.asOf).toISOString(), duePeriods: S01.ctx.duePeriods });
    // the registry's own view at other instants: P1 joined in March 2019 (China time), and under the
    // association's calendar March falls due on 15 May
    const context = await loadBatchContext(em, rows);
    const p1 = context.platforms.get(platformIds[0])!;
    const submittedAt = (id: string) => rows.find((r) => r.id === id)!.submittedAt;
    expect(filingDutiesAsOf(context, p1, submittedAt(filings.p1Apr)).duePeriods).toEqual([]);
    expect(filingDutiesAsOf(context, p1, submittedAt(filings.p1Jun)).duePeriods).toEqual(['2019-03', '2019-04', '2019-05']);
    for (const filing of live) {
      const versions = [...(await versionsInForce(em, associationId, filing.periodEnd)), probe];
      expect(versions).toHaveLength(26);
      const one = await evaluateFiling(em, filing, { asOf: ownEvaluationInstant(filing), versions });
      const batched = evaluateRules(toEvaluate(versions), inputs.get(filing.id)!, new Date());
      expect(withoutInstant(batched)).toEqual(withoutInstant(one.findings));
      expect(withoutInstant(evaluateRules(toEvaluate(versions), await alone(filing), new Date()))).toEqual(withoutInstant(one.findings));
      // the probe read everything without failing
      expect(batched[25].outcome).toBe('FLAGGED');
    }
  });

  it('gives each rule the same findings and evidence from filings read with only the content it can observe', async () => {
    const em = app.orm.em.fork();
    const ids = (await em.find(Filing, { platform: { $in: platformIds } })).map((f) => f.id);
    const probes = [
      'has(filing.ops.cumulativeCompensationCount)', // absent on P3's March
      'filing.ops.cumulativeCompensationCount > 0', // an error there
      "'cumulativeCompensationCount' in filing.ops",
      'prev != null && prev.custody.unmatchedCommittedFundsMinor > 0',
      'filing.products.exists(p, p.promisedYieldBps > 0) && filing.period > "2019-01"',
      'dyn(prev) != null',
      'prev == null', // presence only: prev without content
      'ctx.asOf > filing.submittedAt || platform.submittedPeriods.size() > 2',
    ].map((expression, i) => {
      const result = compileCondition(expression);
      if (!result.ok) throw new Error(result.error.message);
      return { ruleVersionId: `rlv_probe_${i}`, ruleCode: `PROBE-${i}`, expression, program: result.program };
    });
    const rules = [...toEvaluate(await versionsInForce(em, associationId, new Date())), ...probes];
    expect(rules).toHaveLength(33);
    const read = async (reads?: InputReads) => {
      const rows = await readFilings(em, 'from filing f where f.id = any(?)', [ids], reads?.content);
      return { rows, inputs: ruleInputs(await loadBatchContext(em, rows, { reads }), rows) };
    };
    const full = await read();
    const findings = (rule: RuleToEvaluate, input: RuleInput) => evaluateRules([rule], input, new Date(0)).map((f) => ({ ...f, evidence: f.evidence }));
    let reduced = 0;
    for (const rule of rules) {
      const reads = inputReadBy([rule]);
      const { rows, inputs } = await read(reads);
      if (reads.content) reduced++;
      for (const id of ids) expect([rule.ruleCode, findings(rule, inputs.get(id)!)]).toEqual([rule.ruleCode, findings(rule, full.inputs.get(id)!)]);
      if (rule.expression === POOL_V1) {
        // two figures of the whole document, and no other variable
        const content = rows.find((r) => r.id === filings.p1Jun)!.content;
        expect(content).toEqual({ ops: { newLoanAmountMinor: expect.any(String) }, custody: { unmatchedCommittedFundsMinor: expect.any(String) } });
        expect(Object.keys(inputs.get(filings.p1Jun)!)).toEqual(['filing']);
      }
    }
    expect(reduced).toBe(32);
  });

  it('supersedes the old flags and raises flags of the new version on live filings in its range, recording every change', async () => {
    expect(await summary(app, filings.p1Jun)).toEqual(['1:OPEN']);
    expect(await summary(app, filings.p2Dec)).toEqual(['1:OPEN']);
    // the import that amended January superseded the replaced version's flags, as amendFiling does
    expect(await summary(app, filings.p2JanOld)).toEqual(['1:SUPERSEDED']);
    const before = await counts();
    // open flags of version 1 on live filings in the range: each is superseded once
    const openInRange = await app.orm.em.fork().count(Flag, {
      platform: { $in: platformIds }, ruleCode: 'POOL-001', status: FlagStatus.OPEN, filing: { periodEnd: { $gte: FROM_2019 }, id: { $ne: filings.p2JanOld } },
    });
    expect(openInRange).toBe(2); // P1 June, S06 June
    const v2 = await publish('POOL-001', POOL_V2, FROM_2019);
    expect(v2.number).toBe(2);

    // in batches of 4: five batches, up to two written at once
    const checked = await reevaluateForVersion(app.orm, { ruleVersionId: v2.id }, 4);

    // live filings of the association with a period end from 2019-01: P1 x3, P2's amended January and February, P3, the 12 example months
    expect(checked).toBe(18);
    expect(await summary(app, filings.p1Apr)).toEqual([]);
    expect(await summary(app, filings.p1May)).toEqual(['2:OPEN']);
    expect(await summary(app, filings.p1Jun)).toEqual(['1:SUPERSEDED', '2:OPEN']);
    // before the effective date, or replaced by an amendment: untouched
    expect(await summary(app, filings.p2Dec)).toEqual(['1:OPEN']);
    expect(await summary(app, filings.p2JanOld)).toEqual(['1:SUPERSEDED']);
    expect(await summary(app, filings.p2Jan)).toEqual([]);
    expect(await summary(app, filings.p2Feb)).toEqual([]);
    // another association's rule of the same code: untouched
    expect(await summary(app, otherFiling)).toEqual(['1:OPEN']);

    const em = app.orm.em.fork();
    const superseded = await em.findOneOrFail(Flag, { filing: filings.p1Jun, ruleCode: 'POOL-001', status: FlagStatus.SUPERSEDED });
    expect(superseded).toMatchObject({ statusReason: 'Re-evaluated under POOL-001 version 2.', version: 2 });
    expect(superseded.statusChangedAt).toBeInstanceOf(Date);
    const raised = await em.findOneOrFail(Flag, { filing: filings.p1May, ruleCode: 'POOL-001', status: FlagStatus.OPEN });
    expect(raised).toMatchObject({ ruleCode: 'POOL-001', period: '2019-05', severity: Severity.HIGH, category: RuleCategory.FUND_POOLING, version: 1 });
    expect(raised.evidence).toMatchObject({
      expression: POOL_V2,
      values: { 'filing.custody.unmatchedCommittedFundsMinor': '588000000', 'filing.ops.newLoanAmountMinor': '8400000000' },
    });

    // one ledger entry per write, shaped as Write.record shapes them (compare with the import's flag.raised)
    const entryOf = async (flag: Flag, version: number) => (await ledgerEntries(em, { entityType: 'flag', entityId: flag.id, version }))[0];
    const recorded = await entryOf(superseded, 2);
    expect(recorded).toMatchObject({ action: 'flag.superseded', actorMemberId: null, actor: { organisation: 'system', role: null }, reason: 'Re-evaluated under POOL-001 version 2.', public: true });
    expect(recorded.logIndex).not.toBeNull();
    expect(recorded).toMatchObject({ type: 'flag', id: superseded.id, version: 2, record: { status: 'SUPERSEDED', statusReason: 'Re-evaluated under POOL-001 version 2.', filing: filings.p1Jun } });
    const raisedEntry = await entryOf(raised, 1);
    expect(raisedEntry).toMatchObject({ action: 'flag.raised', actor: { organisation: 'system' }, reason: null, public: true });
    const byImport = await entryOf(superseded, 1);
    expect(Object.keys(raisedEntry.record).sort()).toEqual(Object.keys(byImport.record).sort());
    expect(raisedEntry.record).toEqual({
      platform: raised.platform.id, filing: filings.p1May, period: '2019-05', ruleVersion: v2.id, ruleCode: 'POOL-001',
      severity: 'HIGH', category: 'FUND_POOLING', status: 'OPEN', evidence: raised.evidence, raisedAt: raised.raisedAt.toISOString(),
      statusChangedAt: null, statusReason: null, caseState: 'OPEN', caseChangedAt: null, caseCarriedFrom: null,
      reviewBeforePublication: false, heldForReview: false,
    });

    // every live filing in range now has an open POOL-001 flag exactly when version 2 flags it, and none of version 1
    const version2 = await em.findOneOrFail(RuleVersion, v2.id, { populate: ['rule'] });
    let flaggedByV2 = 0;
    for (const filing of await em.find(Filing, { platform: { $in: platformIds }, periodEnd: { $gte: FROM_2019 } })) {
      if (filing.id === filings.p2JanOld) continue;
      const { findings } = await evaluateFiling(em, filing, { asOf: filing.submittedAt, versions: [version2] });
      const open = (await summary(app, filing.id)).filter((s) => s.endsWith(':OPEN'));
      expect(open).toEqual(findings[0].outcome === 'FLAGGED' ? ['2:OPEN'] : []);
      if (findings[0].outcome === 'FLAGGED') flaggedByV2++;
    }
    const after = await counts();
    expect(after.superseded - before.superseded).toBe(openInRange);
    expect(after.open + after.superseded - (before.open + before.superseded)).toBe(flaggedByV2);
    expect(flaggedByV2).toBeGreaterThanOrEqual(4);
    // a change for each flag superseded and each raised
    expect(after.changes - before.changes).toBe(openInRange + flaggedByV2);

    // every evaluation is on record, passes included: each batch lists the filings it evaluated, with the
    // facts SHA-256 each recorded when it was written (its facts are pinned to that instant)
    const rows: { id: string }[] = await em.getConnection().execute('select id from reevaluation_batch where rule_version_id = ?', [v2.id]);
    const batches = await ledgerEntries(em, { entityType: 'reevaluation-batch', entityId: { $in: rows.map((r) => r.id) } });
    expect(batches.length).toBe(5);
    expect(batches.every((b) => b.public && b.action === 'rule.reevaluated' && b.record.ruleVersion === v2.id)).toBe(true);
    const listed = batches.flatMap((b) => b.record.filings as { filing: string; factsSha256: string }[]);
    expect(listed).toHaveLength(checked);
    expect(batches.reduce((n, b) => n + b.record.flagsRaised, 0)).toBe(flaggedByV2);
    for (const { filing, factsSha256 } of listed) {
      const stored = await em.findOneOrFail(Filing, filing);
      expect(factsSha256).toBe(stored.factsSha256);
    }
    const facts = await app.execute(`query($id: ID!) { filing(id: $id) { factsSha256 facts { sha256 } } }`, { id: filings.p1May });
    expect(facts.data.filing.facts.sha256).toBe(facts.data.filing.factsSha256);
  });

  it('changes nothing when the job runs again (a retry)', async () => {
    const before = await counts();
    const v2 = await app.orm.em.fork().findOneOrFail(RuleVersion, { rule: { association: associationId, code: 'POOL-001' }, number: 2 });
    const batches = () => app.orm.em.fork().getConnection().execute('select count(*)::int as n from reevaluation_batch where rule_version_id = ?', [v2.id]);
    const [{ n }] = await batches();
    await reevaluateForVersion(app.orm, { ruleVersionId: v2.id });
    expect(await counts()).toEqual(before);
    expect(await batches()).toEqual([{ n }]);
  });

  it('records an evaluation error, not a flag, where the new version cannot be evaluated', async () => {
    const v2 = await publish('REL-001', 'filing.ops.cumulativeCompensationCount + filing.ops.relatedPartyLoanCount > 1000000000', new Date('2016-08-24T00:00:00+08:00'));
    await reevaluateForVersion(app.orm, { ruleVersionId: v2.id });
    const em = app.orm.em.fork();
    const errors = await em.find(EvaluationError, { filing: { platform: { $in: platformIds } }, ruleVersion: v2.id });
    expect(errors.map((e) => e.filing.id)).toEqual([filings.p3Mar]);
    expect(errors[0].message).toMatch(/cumulativeCompensationCount/);
    const [entry] = await ledgerEntries(em, { entityType: 'evaluation-error', entityId: errors[0].id });
    expect(entry).toMatchObject({ action: 'rule.evaluation-failed', version: 1, public: false, logIndex: null, actor: { organisation: 'system' } });
    expect(await em.count(Flag, { platform: { $in: platformIds }, ruleVersion: v2.id })).toBe(0);
    // a retry records no second error
    await reevaluateForVersion(app.orm, { ruleVersionId: v2.id });
    expect(await em.fork().count(EvaluationError, { ruleVersion: v2.id })).toBe(1);
  });

  it('supersedes the open flags from the retirement date when the rule is retired, raising none', async () => {
    const rule = await app.orm.em.fork().findOneOrFail(Rule, { association: associationId, code: 'POOL-001' });
    const before = await counts();
    const retirement = await retireRule(app.orm.em.fork(), editor, { ruleId: rule.id, effectiveFrom: JUNE_2019, reason: 'Replaced.' });
    await reevaluateForVersion(app.orm, { ruleVersionId: retirement.id });

    const reason = `Rule POOL-001 retired from ${JUNE_2019.toISOString()}.`;
    expect(await summary(app, filings.p1May)).toEqual(['2:OPEN']);
    expect(await summary(app, filings.p1Jun)).toEqual(['1:SUPERSEDED', '2:SUPERSEDED']);
    const flag = await app.orm.em.fork().findOneOrFail(Flag, { filing: filings.p1Jun, ruleVersion: { number: 2 } });
    expect(flag).toMatchObject({ status: FlagStatus.SUPERSEDED, statusReason: reason, version: 2 });
    const after = await counts();
    expect(after.open + after.superseded).toBe(before.open + before.superseded);
    const retired = after.superseded - before.superseded;
    expect(retired).toBeGreaterThanOrEqual(1);
    expect(after.changes - before.changes).toBe(retired);
    // version 2 now ends where the retirement starts: running it again leaves June alone
    const v2 = await app.orm.em.fork().findOneOrFail(RuleVersion, { rule, number: 2 });
    await reevaluateForVersion(app.orm, { ruleVersionId: v2.id });
    expect(await counts()).toEqual(after);
  });
});
