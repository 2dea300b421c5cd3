import { buildFilingAssociation, buildFilingPlatform, FilingAssociation, FilingPlatform, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';

const PUBLISH = `mutation($input: PublishParameterInput!) { publishParameter(input: $input) { name period value number reason } }`;

describe('association parameters (ctx.params)', () => {
  let app: TestApp;
  let association: FilingAssociation;
  let platform: FilingPlatform;
  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
    platform = await buildFilingPlatform(app, association);
  });
  afterAll(() => app.close());

  const codes = (result: any) => result.data.submitFiling.flags.map((f: { ruleCode: string }) => f.ruleCode);

  it('binds the value published for the period (or the latest earlier one) into the rules', async () => {
    // the seed publishes a median lender yield of 950 bps from 2016-08; the clean month promises 1000 bps
    const may = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-05'), platform.tokens.filer);
    expect(codes(may)).not.toContain('YIELD-001');

    const published = await app.execute(PUBLISH, { input: { name: 'marketMedianLenderYieldBps', period: '2019-06', value: '600', reason: 'rates fell' } }, association.tokens.editor);
    expect(published.data.publishParameter).toEqual({ name: 'marketMedianLenderYieldBps', period: '2019-06', value: '600', number: 1, reason: 'rates fell' });

    // 1000 * 100 > 600 * 150: the promised yield is more than 1.5 times the market median
    const june = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-06'), platform.tokens.filer);
    const yieldFlag = june.data.submitFiling.flags.find((f: { ruleCode: string }) => f.ruleCode === 'YIELD-001');
    expect(yieldFlag.evidence.values['ctx.params.marketMedianLenderYieldBps']).toBe('600');
    // later months without a value of their own use June's
    const july = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-07'), platform.tokens.filer);
    expect(codes(july)).toContain('YIELD-001');

    const listed = await app.execute(`query($id: ID!) { parameters(associationId: $id, first: 10) { totalCount nodes { name period value number } } }`, { id: association.id });
    expect(listed.data.parameters.totalCount).toBe(2);
    expect(listed.data.parameters.nodes).toEqual([
      { name: 'marketMedianLenderYieldBps', period: '2019-06', value: '600', number: 1 },
      { name: 'marketMedianLenderYieldBps', period: '2016-08', value: '950', number: 1 },
    ]);
  });

  it('numbers a second publication for the same period as its next version', async () => {
    const again = await app.execute(PUBLISH, { input: { name: 'marketMedianLenderYieldBps', period: '2019-06', value: '620' } }, association.tokens.editor);
    expect(again.data.publishParameter).toMatchObject({ value: '620', number: 2 });
  });

  it('refuses bad names and periods, reviewers, and the public', async () => {
    const bad = await app.execute(PUBLISH, { input: { name: 'Market median', period: '2019-13', value: '1' } }, association.tokens.editor);
    expect(bad.errors?.[0].extensions?.fields.map((f: { path: string }) => f.path)).toEqual(['input.name', 'input.period']);
    expect(errorCodes(await app.execute(PUBLISH, { input: { name: 'x', period: '2019-06', value: '1' } }, association.tokens.reviewer))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.execute(PUBLISH, { input: { name: 'x', period: '2019-06', value: '1' } }))).toEqual(['UNAUTHENTICATED']);
  });
});
