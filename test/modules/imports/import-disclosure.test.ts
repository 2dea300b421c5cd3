import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, GraphQLObjectType, getNamedType } from 'graphql';
import { Filing } from '../../../src/modules/filings/filing.entity';
import { startTestApp, TestApp } from '../../helpers/test-app';
import { buildFilingAssociation, FilingAssociation } from '../../helpers/filing-world';
import { disclosureItems, example, IMPORT } from './import-helpers';

/** Two Disclosure Guideline indicators: DATA-001 checks their presence. */
const ABSENT = ['overdueAmountMinor', 'currentLenderCount'];

const SECTIONS = ['ops', 'borrowerCaps', 'custody', 'products'];

/** A selection of every field of every content section of a filing, read from the published schema. */
function everyContentField(): string {
  const schema = buildSchema(fs.readFileSync(path.join(__dirname, '../../../schema/schema.graphql'), 'utf8'));
  const filing = (schema.getType('Filing') as GraphQLObjectType).getFields();
  return SECTIONS.map((section) => {
    const type = getNamedType(filing[section].type) as GraphQLObjectType;
    return `${section} { ${Object.keys(type.getFields()).join(' ')} }`;
  }).join(' ');
}

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
      `query($id: ID!) { filings(platformId: $id, first: 10) { nodes { period ops { cumulativeLoanAmountMinor } derived { overdueRateBps top10BorrowerShareBps } flags { ruleCode status } } } }`,
      { id: platformId },
    );
    expect(read.errors).toBeUndefined();
    // a rate whose amount was not disclosed is null; the others are still computed
    const april = read.data.filings.nodes.find((n: { period: string }) => n.period === '2019-04');
    expect(april.derived.overdueRateBps).toBeNull();
    expect(april.derived.top10BorrowerShareBps).toMatch(/^\d+$/);
    expect(read.data.filings.nodes.map((n: { period: string; flags: { ruleCode: string }[] }) => [n.period, n.flags.map((f) => f.ruleCode)])).toEqual([
      ['2019-06', []],
      ['2019-05', []],
      ['2019-04', ['DATA-001']],
    ]);
  });

  it('answers a public read of every content field with null for each absent item and values for the rest', async () => {
    const records = example('S01-clean-established-3m.json');
    const absent = disclosureItems();
    for (const key of absent) delete records.filings[0].ops[key];
    const imported = await app.execute(IMPORT, { file: records }, association.tokens.admin);
    expect(imported.errors).toBeUndefined();

    const read = await app.execute(`query($id: ID!) { filings(platformId: $id, first: 5) { nodes { period ${everyContentField()} } } }`, {
      id: imported.data.importRecords.platform.id,
    });
    expect(read.errors).toBeUndefined();
    const april = read.data.filings.nodes.find((n: { period: string }) => n.period === '2019-04');
    for (const [key, value] of Object.entries(records.filings[0].ops)) expect([key, april.ops[key]]).toEqual([key, String(value)]);
    for (const key of absent) expect([key, april.ops[key]]).toEqual([key, null]);
    // everything else is answered: the other sections, and every item of the complete months
    const others = read.data.filings.nodes.flatMap((n: Record<string, any>) => [n.borrowerCaps, n.custody, ...n.products, ...(n === april ? [] : [n.ops])]);
    expect(others).toHaveLength(3 * 4 + 2);
    for (const section of others) for (const [key, value] of Object.entries(section)) expect([key, value]).not.toEqual([key, null]);
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
