import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUscc } from '../../../seeds/factories';
import { runCommand } from '../../../src/cli/commands';
import { BadInputError } from '../../../src/errors';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';
import { buildFilingAssociation, FilingAssociation } from '../../helpers/filing-world';
import { example, IMPORT, PUBLIC_FILINGS, rowCounts } from './import-helpers';

/** An array nested `depth` levels deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** The same as JSON text, for bodies JSON.stringify could not produce (it recurses). */
const nestedJson = (depth: number) => `${'['.repeat(depth)}0${']'.repeat(depth)}`;

describe('importRecords refuses poisoned values, writing nothing', () => {
  let app: TestApp;
  let association: FilingAssociation;
  /** S01 with all three months; its platform is on record with the first month only. */
  let file: any;
  let platformId: string;

  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
    file = example('S01-clean-established-3m.json');
    const first = await app.execute(IMPORT, { file: { ...file, filings: file.filings.slice(0, 1) } }, association.tokens.admin);
    expect(first.errors).toBeUndefined();
    platformId = first.data.importRecords.platform.id;
  });
  afterAll(() => app.close());

  /** A deep copy of the file with one change applied. */
  const poisoned = (change: (copy: any) => void) => {
    const copy = structuredClone(file);
    change(copy);
    return copy;
  };

  /** Imports `bad`, expects BAD_USER_INPUT at `fieldPath`, no row written, and the public read still answering. */
  async function expectRefused(bad: unknown, fieldPath: string | RegExp, uscc: string = file.platform.uscc) {
    const before = await rowCounts(app.orm.em, uscc, association.admin.id);
    const result = await app.execute(IMPORT, { file: bad }, association.tokens.admin);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    const paths = result.errors?.[0].extensions?.fields.map((f: { path: string }) => f.path);
    if (typeof fieldPath === 'string') expect(paths).toContain(fieldPath);
    else expect(paths).toEqual([expect.stringMatching(fieldPath)]);
    expect(await rowCounts(app.orm.em, uscc, association.admin.id)).toEqual(before);
    await expectPublicReadAnswers();
  }

  async function expectPublicReadAnswers() {
    const read = await app.execute(PUBLIC_FILINGS, { id: platformId });
    expect(read.errors).toBeUndefined();
    expect(read.data.filings.nodes.map((n: { period: string }) => n.period)).toEqual(['2019-04']);
    expect(read.data.filings.nodes[0].ops.cumulativeLoanAmountMinor).toBe(String(file.filings[0].ops.cumulativeLoanAmountMinor));
  }

  it('refuses an amount beyond the 64-bit range', async () => {
    await expectRefused(
      poisoned((f) => (f.filings[1].ops.outstandingPrincipalMinor = '99999999999999999999')),
      'file.filings.1.ops.outstandingPrincipalMinor',
    );
  });

  it('refuses an amount as a JSON number beyond 2^53, where precision is already lost', async () => {
    await expectRefused(poisoned((f) => (f.filings[1].ops.newLoanAmountMinor = 2 ** 60)), 'file.filings.1.ops.newLoanAmountMinor');
  });

  it('refuses an object in place of a number', async () => {
    await expectRefused(poisoned((f) => (f.filings[1].ops.newLoanAmountMinor = { $gt: 0 })), 'file.filings.1.ops.newLoanAmountMinor');
  });

  it('refuses an unknown product kind', async () => {
    await expectRefused(poisoned((f) => (f.filings[2].products[0].kind = 'ponzi_scheme')), 'file.filings.2.products.0.kind');
  });

  it('refuses 12,000-deep JSON over HTTP as bad input, not a stack overflow', async () => {
    // the variables are sent as text: JSON.stringify itself would overflow on such a value
    const body = JSON.stringify({ query: IMPORT, variables: { file: poisoned((f) => (f.filings[1].ops.newLoanAmountMinor = 'DEEP')) } })
      .replace('"DEEP"', nestedJson(12_000));
    const before = await rowCounts(app.orm.em, file.platform.uscc, association.admin.id);
    const port = await app.server.listen(0, '127.0.0.1');
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${association.tokens.admin}` },
      body,
    });
    const result = (await response.json()) as any;
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    const [problem] = result.errors[0].extensions.fields;
    expect(problem.path).toMatch(/^file\.filings\.1\.ops\.newLoanAmountMinor(\.0)+$/);
    expect(problem.message).toMatch(/nests deeper than \d+ levels/);
    expect(await rowCounts(app.orm.em, file.platform.uscc, association.admin.id)).toEqual(before);
    await expectPublicReadAnswers();
  });

  it('refuses 12,000-deep JSON through the GraphQL operation as a value, too', async () => {
    await expectRefused(poisoned((f) => (f.filings[1].ops.newLoanAmountMinor = nested(12_000))), /^file\.filings\.1\.ops\.newLoanAmountMinor(\.0)+$/);
  });

  it('refuses 12,000-deep JSON through the CLI', async () => {
    const text = JSON.stringify(poisoned((f) => (f.filings[1].ops.newLoanAmountMinor = 'DEEP'))).replace('"DEEP"', nestedJson(12_000));
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'registry-import-')), 'deep.json');
    fs.writeFileSync(target, text);
    const before = await rowCounts(app.orm.em, file.platform.uscc);
    const refused = runCommand(app.orm, ['import', target, '--association', association.id]);
    await expect(refused).rejects.toBeInstanceOf(BadInputError);
    await expect(refused).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: expect.stringMatching(/^file\.filings\.1\.ops\.newLoanAmountMinor\./) })] } });
    expect(await rowCounts(app.orm.em, file.platform.uscc)).toEqual(before);
    await expectPublicReadAnswers();
  });

  it('refuses a file written inline as a GraphQL literal with its paths, as it does variables', async () => {
    const literal = `mutation { importRecords(file: { ctx: { asOf: "soon", duePeriods: [] }, platform: { uscc: "<b>" }, filings: [] }) { filingsCreated } }`;
    const result = await app.execute(literal, {}, association.tokens.admin);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['file.ctx.asOf', 'file.platform.uscc', 'file.platform.legalName']),
    );
  });

  it('refuses negative registered capital of a new platform', async () => {
    const uscc = randomUscc();
    const bad = poisoned((f) => Object.assign(f.platform, { uscc, registeredCapitalMinor: -5000000000 }));
    await expectRefused(bad, 'file.platform.registeredCapitalMinor', uscc);
  });

  it('refuses markup in a USCC', async () => {
    const uscc = '<script>1</script>'; // 18 characters, which was all the old check asked
    await expectRefused(poisoned((f) => (f.platform.uscc = uscc)), 'file.platform.uscc', uscc);
  });

  it('refuses a USCC whose check character is wrong, as registration does', async () => {
    const valid = randomUscc();
    const uscc = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    await expectRefused(poisoned((f) => (f.platform.uscc = uscc)), /^file\.platform\.uscc$/, uscc);
  });

  it('refuses a period in 2099 (not ended when filed)', async () => {
    await expectRefused(poisoned((f) => (f.filings[1].period = '2099-05')), 'file.filings.1.period');
  });

  it('refuses a filing submitted after ctx.asOf: a record cannot be evaluated before it was filed', async () => {
    await expectRefused(poisoned((f) => (f.filings[2].submittedAt = '2019-07-20T10:00:00+08:00')), 'file.filings.2.submittedAt');
  });

  it('refuses text holding a NUL character, which PostgreSQL cannot store', async () => {
    await expectRefused(poisoned((f) => (f.filings[1].products[0].riskWarningText = 'risk\u0000')), 'file.filings.1.products.0.riskWarningText');
  });

  it('refuses unknown fields inside the figures instead of storing them', async () => {
    await expectRefused(poisoned((f) => (f.filings[1].custody.note = 'anything')), 'file.filings.1.custody.note');
  });

  it('refuses the same period twice in one file', async () => {
    await expectRefused(poisoned((f) => (f.filings[2].period = '2019-05')), 'file.filings.2.period');
  });

  it('still imports the rest of the clean file afterwards', async () => {
    const rest = await app.execute(IMPORT, { file }, association.tokens.admin);
    expect(rest.data.importRecords).toMatchObject({ platformCreated: false, filingsCreated: 2, filingsUnchanged: 1, flagsRaised: 0 });
  });
});
