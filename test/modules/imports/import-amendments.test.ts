import { Platform } from '../../../src/modules/platforms/platform.entity';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';
import { buildFilingAssociation, buildFilingPlatform, FilingAssociation, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';
import { example, IMPORT, rowCounts } from './import-helpers';

const VERSIONS = `query Versions($id: ID!) {
  filings(platformId: $id, first: 10, includeSuperseded: true) {
    nodes { id period amendment provenance flags { ruleCode status statusReason } }
  }
}`;

interface Version {
  id: string;
  period: string;
  amendment: number;
  provenance: string;
  flags: { ruleCode: string; status: string; statusReason: string | null }[];
}

describe('importRecords and filings already on record', () => {
  let app: TestApp;
  let association: FilingAssociation;
  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
  });
  afterAll(() => app.close());

  const versions = async (platformId: string, period: string): Promise<Version[]> => {
    const result = await app.execute(VERSIONS, { id: platformId });
    expect(result.errors).toBeUndefined();
    return result.data.filings.nodes.filter((n: Version) => n.period === period);
  };

  it("never replaces a filing the platform submitted itself: refused with the filing's id and path, nothing written", async () => {
    const platform = await buildFilingPlatform(app, association);
    const submitted = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-05'), platform.tokens.filer);
    expect(submitted.errors).toBeUndefined();
    const own = submitted.data.submitFiling;
    expect(own.flags.map((f: { ruleCode: string; status: string }) => [f.ruleCode, f.status])).toEqual([['FILE-002', 'OPEN']]); // filed years late
    const { uscc } = await app.orm.em.fork().findOneOrFail(Platform, platform.id);

    // the association's records for the same months, with different May figures
    const records = example('S01-clean-established-3m.json');
    records.platform.uscc = uscc;
    records.filings[1].custody.agreementQualificationId = platform.custodyQualificationId; // as the platform filed it
    const differing = structuredClone(records);
    differing.filings[1].ops.newLoanCount += 1;
    const before = await rowCounts(app.orm.em, uscc, association.admin.id);
    const refused = await app.execute(IMPORT, { file: differing }, association.tokens.admin);
    expect(errorCodes(refused)).toEqual(['IMPORT_WOULD_REPLACE_SUBMITTED_FILING']);
    expect(refused.errors?.[0].extensions).toMatchObject({ filingId: own.id, path: 'file.filings.1' });
    expect(await rowCounts(app.orm.em, uscc, association.admin.id)).toEqual(before);
    expect(await versions(platform.id, '2019-05')).toEqual([
      { id: own.id, period: '2019-05', amendment: 1, provenance: 'SUBMITTED', flags: [{ ruleCode: 'FILE-002', status: 'OPEN', statusReason: null }] },
    ]);

    // records that agree with the platform's own filing leave it alone and bring the other months in
    const agreeing = await app.execute(IMPORT, { file: records }, association.tokens.admin);
    expect(agreeing.data.importRecords).toMatchObject({ platformCreated: false, filingsCreated: 2, filingsUnchanged: 1 });
    expect((await versions(platform.id, '2019-05')).map((v) => [v.id, v.provenance])).toEqual([[own.id, 'SUBMITTED']]);
  });

  it('amends an imported filing and supersedes the replaced version\'s flags, as amendFiling does', async () => {
    const records = example('S06-fund-pool-outside-custody.json');
    const first = await app.execute(IMPORT, { file: records }, association.tokens.admin);
    expect(first.errors).toBeUndefined();
    const platformId = first.data.importRecords.platform.id;
    const [original] = await versions(platformId, '2019-06');
    expect(original.flags.map((f) => f.ruleCode).sort()).toEqual(['CUST-001', 'POOL-001', 'POOL-002']);

    // the association corrects June: no lender money outside custody after all
    const corrected = structuredClone(records);
    corrected.filings[1].custody.lenderFundsOutsideCustodyMinor = 0;
    const again = await app.execute(IMPORT, { file: corrected }, association.tokens.admin);
    expect(again.data.importRecords).toMatchObject({ platformCreated: false, filingsCreated: 1, filingsUnchanged: 1 });

    const [amendment, replaced] = await versions(platformId, '2019-06');
    expect([amendment.amendment, amendment.provenance, replaced.id]).toEqual([2, 'IMPORTED', original.id]);
    expect(amendment.flags.map((f) => [f.ruleCode, f.status]).sort()).toEqual([['POOL-001', 'OPEN'], ['POOL-002', 'OPEN']]);
    const reason = 'Filing amended (version 2): Imported records differ from the version on file.';
    expect(replaced.flags.map((f) => [f.ruleCode, f.status, f.statusReason]).sort()).toEqual([
      ['CUST-001', 'SUPERSEDED', reason],
      ['POOL-001', 'SUPERSEDED', reason],
      ['POOL-002', 'SUPERSEDED', reason],
    ]);
    // only the live version's flags count
    const open = await app.execute(`query($id: ID!) { flags(first: 100, filter: { platformId: $id, status: [OPEN] }) { totalCount } }`, { id: platformId });
    expect(open.data.flags.totalCount).toBe(2);
  });
});
