import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';
import {
  AMEND_FILING,
  amendVariables,
  buildFilingAssociation,
  buildFilingPlatform,
  FilingPlatform,
  POOLING,
  rowsOf,
  SUBMIT_FILING,
  submitVariables,
} from '../../helpers/filing-world';

describe('idempotent filing', () => {
  let app: TestApp;
  let platform: FilingPlatform;

  beforeAll(async () => {
    app = await startTestApp();
    platform = await buildFilingPlatform(app, await buildFilingAssociation(app));
  });
  afterAll(() => app.close());

  const keyed = (period: string, key: string, base = undefined as typeof POOLING | undefined) => {
    const variables = submitVariables(platform, period, {}, base);
    return { input: { ...variables.input, idempotencyKey: key } };
  };

  it('returns the stored filing for a retry with the same key and payload, writing nothing more', async () => {
    const first = await app.execute(SUBMIT_FILING, keyed('2019-05', 'retry-1'), platform.tokens.filer);
    expect(first.errors).toBeUndefined();
    const after = await rowsOf(app, platform.id);
    expect(after).toMatchObject({ filings: 1, flags: 1 });

    const retry = await app.execute(SUBMIT_FILING, keyed('2019-05', 'retry-1'), platform.tokens.filer);
    expect(retry.errors).toBeUndefined();
    expect(retry.data.submitFiling).toEqual(first.data.submitFiling);
    expect(await rowsOf(app, platform.id)).toEqual(after);
  });

  it('refuses the same key with a different payload, writing nothing', async () => {
    const before = await rowsOf(app, platform.id);
    const otherPeriod = await app.execute(SUBMIT_FILING, keyed('2019-06', 'retry-1'), platform.tokens.filer);
    expect(errorCodes(otherPeriod)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    const otherFigures = await app.execute(SUBMIT_FILING, keyed('2019-05', 'retry-1', POOLING), platform.tokens.filer);
    expect(errorCodes(otherFigures)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(otherFigures.errors?.[0].message).toContain('retry-1');
    expect(await rowsOf(app, platform.id)).toEqual(before);
  });

  it("scopes keys to the credential: another token's same key is a new request", async () => {
    const byOwner = await app.execute(SUBMIT_FILING, keyed('2019-05', 'retry-1'), platform.tokens.owner);
    expect(errorCodes(byOwner)).toEqual(['FILING_PERIOD_ALREADY_FILED']);
  });

  it('takes the key from the Idempotency-Key header too, in the same namespace as the argument', async () => {
    const headers = { 'Idempotency-Key': 'header-key-1' };
    const plain = submitVariables(platform, '2019-06');
    const first = await app.post(SUBMIT_FILING, plain, platform.tokens.filer, headers);
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    const id = first.body.data.submitFiling.id;
    const after = await rowsOf(app, platform.id);
    expect(after.filings).toBe(2);

    const retry = await app.post(SUBMIT_FILING, plain, platform.tokens.filer, headers);
    expect(retry.body.data.submitFiling.id).toBe(id);
    // the argument names the same key: same request, same answer
    const asArgument = await app.execute(SUBMIT_FILING, keyed('2019-06', 'header-key-1'), platform.tokens.filer);
    expect(asArgument.data.submitFiling.id).toBe(id);
    expect(await rowsOf(app, platform.id)).toEqual(after);

    const changed = await app.post(SUBMIT_FILING, submitVariables(platform, '2019-06', { ops: { newLoanCount: '5201' } }), platform.tokens.filer, headers);
    expect(errorCodes(changed.body)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    // without a key, a repeat is a second submission of the period
    const unkeyed = await app.post(SUBMIT_FILING, plain, platform.tokens.filer);
    expect(errorCodes(unkeyed.body)).toEqual(['FILING_PERIOD_ALREADY_FILED']);
    expect(await rowsOf(app, platform.id)).toEqual(after);
  });

  it('makes amendments idempotent as well', async () => {
    const live = await app.execute(`query($id: ID!) { filings(platformId: $id, period: "2019-06", first: 1) { nodes { id } } }`, { id: platform.id });
    const filingId = live.data.filings.nodes[0].id;
    const variables = amendVariables(platform, filingId, 'Corrected new-loan count.', { ops: { newLoanCount: '5300' } });
    const input = { ...variables.input, idempotencyKey: 'amend-1' };
    const first = await app.execute(AMEND_FILING, { input }, platform.tokens.filer);
    expect(first.errors).toBeUndefined();
    expect(first.data.amendFiling).toMatchObject({ amendment: 2, supersedesId: filingId });
    const after = await rowsOf(app, platform.id);
    const retry = await app.execute(AMEND_FILING, { input }, platform.tokens.filer);
    expect(retry.errors).toBeUndefined();
    expect(retry.data.amendFiling.id).toBe(first.data.amendFiling.id);
    expect(await rowsOf(app, platform.id)).toEqual(after);
    // a key used for an amendment cannot be reused for a submission
    expect(errorCodes(await app.execute(SUBMIT_FILING, keyed('2019-07', 'amend-1'), platform.tokens.filer))).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it('gives two simultaneous requests with the same key the same stored filing', async () => {
    const [a, b] = await Promise.all([
      app.execute(SUBMIT_FILING, keyed('2019-08', 'race-1'), platform.tokens.filer),
      app.execute(SUBMIT_FILING, keyed('2019-08', 'race-1'), platform.tokens.filer),
    ]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(b.data.submitFiling.id).toBe(a.data.submitFiling.id);
  });
});
