import { boundSql } from '../../../src/shared/sql';
import { growthSql, upsertFiguresSql } from '../../../src/modules/compare/figure-sql';
import {
  AMEND_FILING,
  amendVariables,
  buildFilingAssociation,
  buildFilingPlatform,
  FilingPlatform,
  SUBMIT_FILING,
  submitVariables,
} from '../../helpers/filing-world';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';
import { example, IMPORT } from '../imports/import-helpers';

const PERIOD_FIGURES = `query Compare($period: String!, $indicator: Indicator!, $associationId: ID, $orderBy: FigureOrder, $first: Int, $after: String, $last: Int, $before: String) {
  periodFigures(period: $period, indicator: $indicator, associationId: $associationId, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    period indicator unit
    stats { count p10 p25 median p75 p90 }
    figures { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { value filingId platform { id legalName } } }
  }
}`;

const SERIES = `query Series($id: ID!, $indicators: [Indicator!]!, $from: String!, $to: String!) {
  platform(id: $id) { figures(indicators: $indicators, fromPeriod: $from, toPeriod: $to, peers: ASSOCIATION) { indicator unit points { period value peerMedian peerCount } } }
}`;

const PRINCIPAL = 1_000_000_000;
/** Overdue rates (bps) of the five platforms in 2021-04; a sixth has no lending balance (its rate is null). */
const RATES = [100, 250, 300, 700, 1200];

describe('comparisons (periodFigures, Platform.figures)', () => {
  let app: TestApp;
  let associationId: string;
  let adminToken: string;
  let platforms: FilingPlatform[];
  let filingOfFirst: string;

  const file = async (platform: FilingPlatform, period: string, ops: Record<string, string>) => {
    const result = await app.execute(SUBMIT_FILING, submitVariables(platform, period, { ops }), platform.tokens.filer);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data.submitFiling.id as string;
  };
  const compare = (variables: Record<string, unknown>) =>
    app.execute(PERIOD_FIGURES, { period: '2021-04', indicator: 'OVERDUE_RATE_BPS', associationId, first: 10, ...variables });

  beforeAll(async () => {
    app = await startTestApp();
    const association = await buildFilingAssociation(app, { rulebook: false });
    associationId = association.id;
    adminToken = association.tokens.admin;
    platforms = [];
    for (let i = 0; i < 6; i++) platforms.push(await buildFilingPlatform(app, association));
    for (const [i, rate] of RATES.entries()) {
      const id = await file(platforms[i], '2021-04', { outstandingPrincipalMinor: String(PRINCIPAL), overdueAmountMinor: String((PRINCIPAL / 10_000) * rate) });
      if (i === 0) filingOfFirst = id;
    }
    await file(platforms[5], '2021-04', { outstandingPrincipalMinor: '0', overdueAmountMinor: '0' });
    // filed after the month it precedes: the April growth is computed when March arrives
    await file(platforms[0], '2021-03', { outstandingPrincipalMinor: String(PRINCIPAL * 0.8), overdueAmountMinor: '0' });
  });
  afterAll(() => app.close());

  it('gives every platform with a value, the count and nearest-rank percentiles', async () => {
    const result = await compare({});
    expect(result.errors).toBeUndefined();
    const { stats, figures, unit } = result.data.periodFigures;
    expect(unit).toBe('BPS');
    expect(stats).toEqual({ count: 5, p10: '100', p25: '250', median: '300', p75: '700', p90: '1200' });
    expect(figures.totalCount).toBe(5);
    expect(figures.nodes.map((n: { value: string }) => n.value)).toEqual(['1200', '700', '300', '250', '100']);
    expect(figures.nodes[4].platform.id).toBe(platforms[0].id);
    expect(figures.nodes[4].filingId).toBe(filingOfFirst);
  });

  it('pages by keyset in either order and refuses a cursor of another comparison', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await compare({ orderBy: 'VALUE_ASC', first: 2, after })).data.periodFigures.figures;
      seen.push(...page.nodes.map((n: { value: string }) => n.value));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(['100', '250', '300', '700', '1200']);
    const cursor = (await compare({ first: 1 })).data.periodFigures.figures.pageInfo.endCursor;
    const other = await compare({ indicator: 'TOP10_BORROWER_SHARE_BPS', first: 1, after: cursor });
    expect(errorCodes(other)).toEqual(['BAD_USER_INPUT']);
    expect(other.errors![0].extensions!.fields[0].path).toBe('after');
  });

  it('counts the latest version of an amended filing only', async () => {
    const amended = await app.execute(
      AMEND_FILING,
      amendVariables(platforms[0], filingOfFirst, 'Overdue loans were missed.', { ops: { outstandingPrincipalMinor: String(PRINCIPAL), overdueAmountMinor: String(PRINCIPAL / 10_000 * 900) } }),
      platforms[0].tokens.filer,
    );
    expect(amended.errors).toBeUndefined();
    const { stats, figures } = (await compare({})).data.periodFigures;
    expect(stats).toEqual({ count: 5, p10: '250', p25: '300', median: '700', p75: '900', p90: '1200' });
    expect(figures.nodes.map((n: { value: string; filingId: string }) => [n.value, n.filingId])).toContainEqual(['900', amended.data.amendFiling.id]);
    filingOfFirst = amended.data.amendFiling.id;
  });

  it("gives a platform's series beside the peer median, month on month growth included", async () => {
    const result = await app.execute(SERIES, { id: platforms[0].id, indicators: ['OVERDUE_RATE_BPS', 'OUTSTANDING_PRINCIPAL_GROWTH_BPS'], from: '2021-03', to: '2021-05' });
    expect(result.errors).toBeUndefined();
    expect(result.data.platform.figures).toEqual([
      {
        indicator: 'OVERDUE_RATE_BPS',
        unit: 'BPS',
        points: [
          { period: '2021-03', value: '0', peerMedian: '0', peerCount: 1 },
          { period: '2021-04', value: '900', peerMedian: '700', peerCount: 5 },
          { period: '2021-05', value: null, peerMedian: null, peerCount: 0 },
        ],
      },
      {
        indicator: 'OUTSTANDING_PRINCIPAL_GROWTH_BPS',
        unit: 'BPS',
        points: [
          { period: '2021-03', value: null, peerMedian: null, peerCount: 0 },
          { period: '2021-04', value: '2500', peerMedian: '2500', peerCount: 1 },
          { period: '2021-05', value: null, peerMedian: null, peerCount: 0 },
        ],
      },
    ]);
  });

  it('costs one statement per comparison and three for the series of many platforms, whatever the page size', async () => {
    const sizes: number[] = [];
    const ofPage = (first: number) => app.sql.count(async () => sizes.push((await compare({ first })).data.periodFigures.figures.nodes.length));
    expect(await ofPage(1)).toBe(2); // the figures, then their platforms in one batch
    expect(await ofPage(5)).toBe(2);
    expect(sizes).toEqual([1, 5]);
    const aliases = platforms.slice(0, 5).map((p, i) => `p${i}: platform(id: "${p.id}") { figures(indicators: [OVERDUE_RATE_BPS], fromPeriod: "2021-01", toPeriod: "2021-06", peers: ASSOCIATION) { points { value peerMedian } } }`);
    const statements = await app.sql.count(() => app.execute(`{ ${aliases.join(' ')} }`));
    expect(statements).toBe(3); // the platforms, their rows, the peer medians
  });

  it('the backfill statements rebuild the same figures from the stored filings', async () => {
    const em = app.orm.em.fork();
    const ids = platforms.map((p) => p.id);
    const before = await boundSql(em, 'select * from filing_figure where platform_id = any(?) order by platform_id, period', [ids]);
    expect(before).toHaveLength(7);
    await em.transactional(async (tx) => {
      await boundSql(tx, 'delete from filing_figure where platform_id = any(?)', [ids]);
      await boundSql(tx, upsertFiguresSql('(select * from filing where platform_id = any(?))'), [ids]);
      await boundSql(tx, growthSql('select platform_id, period from filing_figure where platform_id = any(?)'), [ids]);
      expect(await boundSql(tx, 'select * from filing_figure where platform_id = any(?) order by platform_id, period', [ids])).toEqual(before);
    });
  });

  it('holds the figures of imported history too, written by the import itself', async () => {
    const file = example('S01-clean-established-3m.json');
    const imported = await app.execute(IMPORT, { file }, adminToken);
    expect(imported.errors).toBeUndefined();
    const rows = await boundSql<{ period: string; outstanding_principal_minor: string }>(
      app.orm.em.fork(),
      'select period, outstanding_principal_minor::text from filing_figure where platform_id = ? order by period',
      [imported.data.importRecords.platform.id],
    );
    expect(rows).toEqual(file.filings.map((f: { period: string; ops: { outstandingPrincipalMinor: number } }) => ({ period: f.period, outstanding_principal_minor: String(f.ops.outstandingPrincipalMinor) })));
  });

  it('refuses bad periods and ranges with BAD_USER_INPUT', async () => {
    const bad = await compare({ period: '2021-13' });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    const reversed = await app.execute(SERIES, { id: platforms[0].id, indicators: ['OVERDUE_RATE_BPS'], from: '2021-05', to: '2021-03' });
    expect(errorCodes(reversed)).toEqual(['BAD_USER_INPUT']);
    expect(reversed.errors![0].extensions!.fields[0].path).toBe('toPeriod');
    const long = await app.execute(SERIES, { id: platforms[0].id, indicators: ['OVERDUE_RATE_BPS'], from: '2001-01', to: '2021-03' });
    expect(errorCodes(long)).toEqual(['BAD_USER_INPUT']);
  });

  it('pages the figures backwards with last/before to the same platforms, in list order', async () => {
    const all = (await compare({})).data.periodFigures.figures.nodes.map((n: { value: string }) => n.value);
    expect(all).toHaveLength(5);
    const endResult = await compare({ first: null, last: 2 });
    expect(endResult.errors).toBeUndefined();
    const end = endResult.data.periodFigures.figures;
    expect(end.nodes.map((n: { value: string }) => n.value)).toEqual(all.slice(3));
    expect(end.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const middle = (await compare({ first: null, last: 2, before: end.pageInfo.startCursor })).data.periodFigures.figures;
    expect(middle.nodes.map((n: { value: string }) => n.value)).toEqual(all.slice(1, 3));
    expect(middle.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const start = (await compare({ first: null, last: 2, before: middle.pageInfo.startCursor })).data.periodFigures.figures;
    expect(start.nodes.map((n: { value: string }) => n.value)).toEqual(all.slice(0, 1));
    expect(start.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });
});
