import { CHANGE_STATUS } from '../../helpers/operations';
import { buildFilingAssociation, buildFilingPlatform, FilingAssociation, rowsOf, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';

describe('filing after the registry closed a platform', () => {
  let app: TestApp;
  let association: FilingAssociation;
  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
  });
  afterAll(() => app.close());

  it('a suspended platform still files; a deregistered one is refused with PLATFORM_NOT_REGISTERED and nothing written', async () => {
    const platform = await buildFilingPlatform(app, association);
    const move = (to: string) => app.execute(CHANGE_STATUS, { input: { platformId: platform.id, to, reason: to } }, association.tokens.reviewer);
    expect((await move('SUSPENDED')).errors).toBeUndefined();
    const suspended = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-05'), platform.tokens.filer);
    expect(suspended.errors).toBeUndefined();

    expect((await move('DEREGISTERED')).errors).toBeUndefined();
    const before = await rowsOf(app, platform.id);
    const refused = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-06'), platform.tokens.filer);
    expect(errorCodes(refused)).toEqual(['PLATFORM_NOT_REGISTERED']);
    expect(refused.errors?.[0].extensions?.registryStatus).toBe('DEREGISTERED');
    expect(await rowsOf(app, platform.id)).toEqual(before);
  });
});
