import { startTestApp, TestApp } from '../../helpers/test-app';
import {
  AMEND_FILING,
  amendVariables,
  buildFilingAssociation,
  buildFilingPlatform,
  FilingPlatform,
  SUBMIT_FILING,
  submitVariables,
} from '../../helpers/filing-world';

const RACERS = 20;

describe('concurrent filing writes', () => {
  let app: TestApp;
  let platform: FilingPlatform;

  beforeAll(async () => {
    app = await startTestApp();
    platform = await buildFilingPlatform(app, await buildFilingAssociation(app));
  });
  afterAll(() => app.close());

  it("answers every losing submission for a period with FILING_PERIOD_ALREADY_FILED and the winner's id", async () => {
    const variables = submitVariables(platform, '2019-05');
    const results = await Promise.all(Array.from({ length: RACERS }, () => app.execute(SUBMIT_FILING, variables, platform.tokens.filer)));
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    const winnerId = winners[0].data.submitFiling.id;
    const losers = results.filter((r) => r.errors).map((r) => r.errors![0].extensions);
    expect(losers).toHaveLength(RACERS - 1);
    for (const loser of losers) expect(loser).toEqual({ code: 'FILING_PERIOD_ALREADY_FILED', filingId: winnerId });
  });

  it("answers every losing amendment of one version with FILING_NOT_LIVE and the winning version's id", async () => {
    const filed = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-06'), platform.tokens.filer);
    const filingId = filed.data.submitFiling.id;
    const results = await Promise.all(
      Array.from({ length: RACERS }, (_, i) => app.execute(AMEND_FILING, amendVariables(platform, filingId, `correction ${i}`), platform.tokens.filer)),
    );
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    expect(winners[0].data.amendFiling).toMatchObject({ amendment: 2, supersedesId: filingId });
    const losers = results.filter((r) => r.errors).map((r) => r.errors![0].extensions);
    expect(losers).toHaveLength(RACERS - 1);
    for (const loser of losers) expect(loser).toEqual({ code: 'FILING_NOT_LIVE', liveFilingId: winners[0].data.amendFiling.id });
  });
});
