import { Filing } from '../../../src/modules/filings/filing.entity';
import { startTestApp, TestApp } from '../../helpers/test-app';
import { buildFilingAssociation, FilingAssociation } from '../../helpers/filing-world';
import { example, IMPORT } from './import-helpers';

/** Two Disclosure Guideline indicators: DATA-001 checks their presence. */
const ABSENT = ['overdueAmountMinor', 'currentLenderCount'];

describe('importRecords and absent disclosure items', () => {
  let app: TestApp;
  let association: FilingAssociation;
  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
  });
  afterAll(() => app.close());

  it('keeps absent disclosure items absent, and DATA-001 flags the incomplete filing', async () => {
    const records = example('S01-clean-established-3m.json');
    for (const key of ABSENT) delete records.filings[0].ops[key];
    const imported = await app.execute(IMPORT, { file: records }, association.tokens.admin);
    expect(imported.errors).toBeUndefined();
    expect(imported.data.importRecords).toMatchObject({ filingsCreated: 3, flagsRaised: 1 });
    const platformId = imported.data.importRecords.platform.id;

    const stored = await app.orm.em.fork().findOneOrFail(Filing, { platform: platformId, period: '2019-04' });
    for (const key of ABSENT) expect(stored.content.ops).not.toHaveProperty(key);
    expect(Object.keys(stored.content.ops)).toHaveLength(30 - ABSENT.length);

    const read = await app.execute(
      `query($id: ID!) { filings(platformId: $id, first: 10) { nodes { period ops { cumulativeLoanAmountMinor } flags { ruleCode status } } } }`,
      { id: platformId },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.filings.nodes.map((n: { period: string; flags: { ruleCode: string }[] }) => [n.period, n.flags.map((f) => f.ruleCode)])).toEqual([
      ['2019-06', []],
      ['2019-05', []],
      ['2019-04', ['DATA-001']],
    ]);
  });

  it('still requires the registry extensions, which are not disclosure items', async () => {
    const records = example('S01-clean-established-3m.json');
    delete records.filings[0].ops.newLoanAmountMinor;
    const refused = await app.execute(IMPORT, { file: records }, association.tokens.admin);
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'file.filings.0.ops.newLoanAmountMinor', message: 'is required' }],
    });
  });
});
