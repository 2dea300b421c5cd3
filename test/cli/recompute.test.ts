import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { recompute } from '../../src/cli/recompute';
import { logClient } from '../../src/cli/verify/log-client';
import { behindTheLedger } from '../helpers/ledger';
import { buildFilingAssociation, buildFilingPlatform, FilingPlatform, POOLING, SUBMIT_FILING, submitVariables } from '../helpers/filing-world';
import { startTestApp, TestApp } from '../helpers/test-app';

const FACTS = `query($id: ID!) { filing(id: $id) { submittedAt facts { asOf sha256 document } } }`;

describe('recompute: anyone re-derives the published flags from the published rules and facts', () => {
  let app: TestApp;
  let platform: FilingPlatform;
  let url: string;
  let poolingId: string;
  beforeAll(async () => {
    app = await startTestApp();
    platform = await buildFilingPlatform(app, await buildFilingAssociation(app));
    for (const [period, content] of [['2019-05', undefined], ['2019-06', POOLING]] as const) {
      const submitted = await app.execute(SUBMIT_FILING, submitVariables(platform, period, {}, content), platform.tokens.filer);
      expect(submitted.errors).toBeUndefined();
      poolingId = submitted.data.submitFiling.id;
    }
    await app.post('{ __typename }');
    url = `http://127.0.0.1:${(app.server.httpServer.address() as { port: number }).port}`;
  });
  afterAll(() => app.close());

  it('serves the facts of a filing as of its submission, with the SHA-256 of their canonical JSON', async () => {
    const result = await app.execute(FACTS, { id: poolingId });
    expect(result.errors).toBeUndefined();
    const { submittedAt, facts } = result.data.filing;
    expect(facts.asOf).toBe(submittedAt);
    expect(facts.sha256).toBe(createHash('sha256').update(canonicalize(facts.document) as string).digest('hex'));
    expect(facts.document.filing).toMatchObject({ filingId: poolingId, period: '2019-06', custody: { lenderFundsOutsideCustodyMinor: '2500000000' } });
    expect(facts.document.prev).toMatchObject({ period: '2019-05' });
    expect(facts.document.ctx.asOf).toBe(submittedAt);
  });

  it('records with each filing version the SHA-256 of the facts it was evaluated on and the rule versions used, in its public record', async () => {
    const result = await app.execute(`query($id: ID!) { filing(id: $id) { factsSha256 evaluatedRuleVersionIds facts { sha256 } flags { ruleVersion { id } } } }`, { id: poolingId });
    expect(result.errors).toBeUndefined();
    const { factsSha256, evaluatedRuleVersionIds, facts, flags } = result.data.filing;
    expect(factsSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(factsSha256).toBe(facts.sha256);
    const inForce: { id: string }[] = await app.orm.em.fork().getConnection().execute(
      `select distinct on (v.rule_id) v.id from rule_version v where v.status = 'PUBLISHED' and v.rule_id in (select r.id from rule r join platform p on p.association_id = r.association_id where p.id = ?) order by v.rule_id, v.effective_from desc`,
      [platform.id],
    );
    expect([...evaluatedRuleVersionIds].sort()).toEqual(inForce.map((v) => v.id).sort());
    expect(evaluatedRuleVersionIds).toEqual(expect.arrayContaining(flags.map((f: { ruleVersion: { id: string } }) => f.ruleVersion.id)));
    const [entry] = await app.orm.em.fork().getConnection().execute(`select convert_from(entry, 'UTF8') as text from ledger_entry where entity_type = 'filing' and entity_id = ?`, [poolingId]);
    expect(JSON.parse(entry.text).record).toMatchObject({ factsSha256, evaluatedRuleVersions: evaluatedRuleVersionIds });
  });

  it('names facts that no longer hash to what the filing recorded (a preceding month changed behind the ledger)', async () => {
    const [may] = await app.orm.em.fork().getConnection().execute(`select id, content from filing where platform_id = ? and period = '2019-05'`, [platform.id]);
    const changed = { ...may.content, ops: { ...may.content.ops, newLoanCount: '777' } };
    await behindTheLedger(app.orm.em, 'update filing set content = ? where id = ?', [JSON.stringify(changed), may.id]);
    try {
      const result = await recompute(logClient(url), platform.id);
      const reasons = result.differences.filter((d) => d.filingId === poolingId || d.flagId).map((d) => d.reason);
      expect(reasons.length).toBeGreaterThanOrEqual(result.flags);
      expect(reasons.every((r) => /^the facts served now \([0-9a-f]{64}\) are not those the filing's evaluation recorded/.test(r))).toBe(true);
    } finally {
      await behindTheLedger(app.orm.em, 'update filing set content = ? where id = ?', [JSON.stringify(may.content), may.id]);
    }
  });

  it('loads the facts of a page of filings set-based: no more statements for two filings than for one', async () => {
    const page = (first: number) => app.execute(`query($id: ID!, $first: Int!) { filings(platformId: $id, first: $first) { nodes { id facts { sha256 } } } }`, { id: platform.id, first });
    const one = await app.sql.count(() => page(1));
    const two = await app.sql.count(async () => {
      const result = await page(2);
      expect(result.data.filings.nodes.map((f: { facts: { sha256: string } }) => f.facts.sha256)).toHaveLength(2);
    });
    // one batch context for the page (two held filings need no query for each other's preceding month)
    expect(one).toBeGreaterThan(3);
    expect(two).toBeLessThanOrEqual(one);
  });

  it('reproduces every flag of the platform, outcome and evidence, and finds none missing on its live filings', async () => {
    const result = await recompute(logClient(url), platform.id);
    expect(result.flags).toBeGreaterThanOrEqual(5);
    expect(result).toEqual({ flags: result.flags, reproduced: result.flags, skippedMissingFilings: 0, filings: 2, differences: [] });
  });

  it('names a flag that a rule in force raises but that no longer stands (superseded behind the ledger)', async () => {
    const [flag] = await app.orm.em.fork().getConnection().execute(`select id, rule_version_id from flag where filing_id = ? and rule_code = 'POOL-001'`, [poolingId]);
    await behindTheLedger(app.orm.em, `update flag set status = 'SUPERSEDED' where id = ?`, [flag.id]);
    try {
      const result = await recompute(logClient(url), platform.id);
      expect(result.reproduced).toBe(result.flags);
      expect(result.differences).toEqual([
        { ruleCode: 'POOL-001', filingId: poolingId, reason: `rule version ${flag.rule_version_id} flags it on its published facts, but no flag of that version stands on it` },
      ]);
    } finally {
      await behindTheLedger(app.orm.em, `update flag set status = 'OPEN' where id = ?`, [flag.id]);
    }
  });

  it('names a flag whose evidence was changed behind the ledger', async () => {
    const [flag] = await app.orm.em.fork().getConnection().execute(`select id, evidence from flag where filing_id = ? and rule_code = 'CUST-001'`, [poolingId]);
    const changed = { ...flag.evidence, values: { 'filing.custody.lenderFundsOutsideCustodyMinor': '1' } };
    await behindTheLedger(app.orm.em, 'update flag set evidence = ? where id = ?', [JSON.stringify(changed), flag.id]);
    try {
      const result = await recompute(logClient(url), platform.id);
      expect(result.differences).toEqual([{ flagId: flag.id, ruleCode: 'CUST-001', reason: 'the rule flags, but reads other values than the published evidence' }]);
      expect(result.reproduced).toBe(result.flags - 1);
    } finally {
      await behindTheLedger(app.orm.em, 'update flag set evidence = ? where id = ?', [JSON.stringify(flag.evidence), flag.id]);
    }
  });
});
