import fs from 'node:fs';
import path from 'node:path';
import { randomUscc } from '../../../seeds/factories';
import { Filing } from '../../../src/modules/filings/filing.entity';
import { Qualification } from '../../../src/modules/platforms/qualification.entity';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';
import { buildFilingAssociation, FilingAssociation } from '../../helpers/filing-world';

const IMPORT = `mutation($file: JSONObject!) { importRecords(file: $file) { platform { id } platformCreated filingsCreated qualificationsCreated } }`;
const S01 = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../seeds/examples/records/S01-clean-established-3m.json'), 'utf8'));

describe('importRecords stays within the importing association', () => {
  let app: TestApp;
  let a: FilingAssociation;
  let b: FilingAssociation;
  beforeAll(async () => {
    app = await startTestApp();
    a = await buildFilingAssociation(app);
    b = await buildFilingAssociation(app, { rulebook: false });
  });
  afterAll(() => app.close());

  it("refuses records of a platform registered with another association, writing nothing", async () => {
    const uscc = randomUscc();
    const file = { ...S01, platform: { ...S01.platform, uscc } };
    const first = await app.execute(IMPORT, { file: { ...file, filings: S01.filings.slice(0, 1) } }, a.tokens.admin);
    expect(first.errors).toBeUndefined();
    const platformId = first.data.importRecords.platform.id;
    const em = app.orm.em.fork();
    const before = [await em.count(Filing, { platform: platformId }), await em.count(Qualification, { platform: platformId })];
    expect(before).toEqual([1, 5]);

    const foreign = await app.execute(
      IMPORT,
      { file: { ...file, platform: { ...file.platform, qualifications: [{ ...S01.platform.qualifications[0], number: 'forged' }] } } },
      b.tokens.admin,
    );
    expect(errorCodes(foreign)).toEqual(['FORBIDDEN']);
    expect([await em.count(Filing, { platform: platformId }), await em.count(Qualification, { platform: platformId })]).toEqual(before);

    // its own association may add the rest
    const rest = await app.execute(IMPORT, { file }, a.tokens.admin);
    expect(rest.data.importRecords).toMatchObject({ platformCreated: false, filingsCreated: 2, qualificationsCreated: 0 });
  });
});
