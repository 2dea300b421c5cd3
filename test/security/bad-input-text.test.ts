import { platformEntriesWithUscc } from '../helpers/ledger';
import { PlatformStatusChange } from '../../src/modules/platforms/platform-status-change.entity';
import { TEXT_LIMITS } from '../../src/shared/text';
import { badInputMessage, badInputPaths } from '../helpers/bad-input';
import { buildFilingAssociation, buildFilingPlatform, FilingPlatform, rowsOf, SUBMIT_FILING, submitVariables } from '../helpers/filing-world';
import { CHANGE_STATUS, REGISTER, qualificationVariables, registerVariables } from '../helpers/operations';
import { startTestApp, TestApp } from '../helpers/test-app';
import { buildWorld, World } from '../helpers/world';

const NUL = '\u0000';
const LONE_SURROGATE = '\uD800';

describe('bad input: text, ids and date-times', () => {
  let app: TestApp;
  let world: World;
  let filer: FilingPlatform;
  const changesFor = (uscc: string) => platformEntriesWithUscc(app.orm.em, uscc);
  const statusChanges = (platformId: string) => app.orm.em.fork().count(PlatformStatusChange, { platform: platformId });

  beforeAll(async () => {
    app = await startTestApp();
    world = await buildWorld(app.orm.em);
    filer = await buildFilingPlatform(app, await buildFilingAssociation(app, { rulebook: false }));
  });
  afterAll(() => app.close());

  it('refuses NUL, lone surrogates, control characters, blank and overlong text in every field, with each path, and writes nothing', async () => {
    const variables = registerVariables(world.associationA, {
      legalName: '   ',
      ownerName: `Wang${NUL}Fang`,
      custodyBankName: `江南${LONE_SURROGATE}银行`,
      websites: ['https://www.example.cn', 'https://x.cn/\u0007'],
      apps: ['x'.repeat(TEXT_LIMITS.name + 1)],
      qualifications: [qualificationVariables({ issuer: 'Bureau\r' })],
      regulatorRegistration: { status: 'REGISTERED', number: 'n'.repeat(TEXT_LIMITS.id + 1), authority: '\u009b', registeredAt: null },
    });
    const result = await app.execute(REGISTER, variables);
    expect(badInputPaths(result).sort()).toEqual([
      'input.apps.0',
      'input.custodyBankName',
      'input.legalName',
      'input.ownerName',
      'input.qualifications.0.issuer',
      'input.regulatorRegistration.authority',
      'input.regulatorRegistration.number',
      'input.websites.1',
    ]);
    expect(badInputMessage(result, 'input.legalName')).toBe('must not be blank');
    expect(badInputMessage(result, 'input.ownerName')).toBe('must not contain NUL characters');
    expect(badInputMessage(result, 'input.custodyBankName')).toBe('must not contain unpaired UTF-16 surrogates');
    expect(badInputMessage(result, 'input.apps.0')).toBe(`must be at most ${TEXT_LIMITS.name} characters`);
    expect(await changesFor(variables.input.uscc)).toBe(0);
  });

  it('refuses the same over HTTP, without a token', async () => {
    const variables = registerVariables(world.associationA, { legalName: `沪己${NUL}` });
    const { status, body } = await app.post(REGISTER, variables);
    expect(status).toBe(200);
    expect(badInputPaths(body)).toEqual(['input.legalName']);
    expect(await changesFor(variables.input.uscc)).toBe(0);
  });

  it('counts characters, not UTF-16 units, and accepts newline and tab', async () => {
    const variables = registerVariables(world.associationA, { legalName: '𠀀'.repeat(TEXT_LIMITS.name), ownerName: 'Wang\tFang\nOwner' });
    const result = await app.execute(REGISTER, variables);
    expect(result.errors).toBeUndefined();
    expect(result.data.registerPlatform.platform.legalName).toHaveLength(2 * TEXT_LIMITS.name);
    expect(result.data.registerPlatform.owner.name).toBe('Wang\tFang\nOwner');
  });

  it('limits a reason to 4,000 characters', async () => {
    const reviewer = world.tokens['reviewer@A'];
    const change = (reason: string) => app.execute(CHANGE_STATUS, { input: { platformId: world.platform2, to: 'APPROVED', reason } }, reviewer);
    const before = await statusChanges(world.platform2);
    const huge = await change('r'.repeat(90_000));
    expect(badInputPaths(huge)).toEqual(['input.reason']);
    expect(badInputMessage(huge, 'input.reason')).toBe('must be at most 4000 characters');
    expect(await statusChanges(world.platform2)).toBe(before);
    const longest = await change('r'.repeat(TEXT_LIMITS.note));
    expect(longest.errors).toBeUndefined();
    expect(await statusChanges(world.platform2)).toBe(before + 1);
  });

  it('refuses bad text in a filing, where an empty disclosure text is still allowed', async () => {
    const before = await rowsOf(app, filer.id);
    const product = (overrides: Record<string, unknown>) => submitVariables(filer, '2019-05', { products: [{ ...submitVariables(filer, '2019-05').input.products[0], ...overrides }] });
    const bad = product({ riskWarningText: `risk${NUL}`, guaranteeProvider: '  ', productId: '' });
    const refused = await app.execute(SUBMIT_FILING, { input: { ...bad.input, idempotencyKey: 'k'.repeat(TEXT_LIMITS.idempotencyKey + 1) } }, filer.tokens.filer);
    expect(badInputPaths(refused).sort()).toEqual([
      'input.idempotencyKey',
      'input.products.0.guaranteeProvider',
      'input.products.0.productId',
      'input.products.0.riskWarningText',
    ]);
    expect(await rowsOf(app, filer.id)).toEqual(before);
    const empty = await app.execute(SUBMIT_FILING, product({ riskWarningText: '', guaranteeProvider: '' }), filer.tokens.filer);
    expect(empty.errors).toBeUndefined();
    expect((await rowsOf(app, filer.id)).filings).toBe(before.filings + 1);
  });

  it.each([
    ['platform(id: $v) { id }', 'ID!'],
    ['filing(id: $v) { id }', 'ID!'],
    ['flag(id: $v) { id }', 'ID!'],
    ['rule(id: $v) { id }', 'ID!'],
    ['association(id: $v) { id }', 'ID!'],
    ['parameters(associationId: $v, first: 1) { totalCount }', 'ID!'],
    ['calendarDays(associationId: $v, first: 1) { totalCount }', 'ID!'],
    ['rulebook(associationId: $v, first: 1) { totalCount }', 'ID!'],
    ['filings(platformId: $v, first: 1) { totalCount }', 'ID!'],
    ['filingDueDate(associationId: $v, period: "2019-05") { dueAt }', 'ID!'],
    ['flags(first: 1, filter: { platformId: $v }) { totalCount }', 'ID'],
  ])('refuses an empty, blank, overlong or NUL id in %s', async (selection, type) => {
    const query = `query($v: ${type}) { ${selection} }`;
    const argument = selection.startsWith('flags') ? 'filter.platformId' : /\((\w+):/.exec(selection)?.[1];
    for (const value of ['', '  ', 'x'.repeat(TEXT_LIMITS.id + 1), `plt_${NUL}`]) {
      const result = await app.execute(query, { v: value });
      expect(badInputPaths(result)).toEqual([argument]);
    }
  });

  it('refuses an empty id in a mutation', async () => {
    const result = await app.execute(`mutation { revokeToken(id: "") { id } }`, {}, world.tokens['owner@P1']);
    expect(badInputPaths(result)).toEqual(['id']);
  });

  it('refuses bad text in filters', async () => {
    expect(badInputPaths(await app.execute(`{ flags(first: 1, filter: { ruleCode: "POOL\\u0000" }) { totalCount } }`))).toEqual(['filter.ruleCode']);
    expect(badInputPaths(await app.execute(`{ platforms(first: 1, filter: { custodyBankName: "   " }) { totalCount } }`))).toEqual(['filter.custodyBankName']);
  });

  it('refuses date-times before 1900 or after 9999, wherever they are', async () => {
    const variables = registerVariables(world.associationA, {
      businessLicenseIssuedAt: '0000-01-01T00:00:00Z',
      onlineSince: '9999-12-31T23:59:59-08:00',
      qualifications: [qualificationVariables({ validFrom: '1899-12-31T23:59:59Z' })],
    });
    const result = await app.execute(REGISTER, variables);
    expect(badInputPaths(result).sort()).toEqual(['input.businessLicenseIssuedAt', 'input.onlineSince', 'input.qualifications.0.validFrom']);
    expect(badInputMessage(result, 'input.onlineSince')).toBe('must be between 1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z');
    expect(await changesFor(variables.input.uscc)).toBe(0);
    const retire = await app.execute(
      `mutation { retireRule(input: { ruleId: "rul_x", effectiveFrom: "0000-01-01T00:00:00Z", reason: "old" }) { id } }`,
      {},
      world.tokens['editor@A'],
    );
    expect(badInputPaths(retire)).toEqual(['input.effectiveFrom']);
  });

  it('refuses a string PostgreSQL cannot store anywhere inside an import file', async () => {
    const result = await app.execute(
      `mutation($file: JSONObject!) { importRecords(file: $file) { platformCreated } }`,
      { file: { platform: { legalName: `x${NUL}` } } },
      world.tokens['admin@A'],
    );
    expect(badInputPaths(result)).toContain('file.platform.legalName');
  });
});
