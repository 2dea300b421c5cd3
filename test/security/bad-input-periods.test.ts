import { CalendarDay } from '../../src/modules/calendar/calendar-day.entity';
import { ParameterValue } from '../../src/modules/rules/parameter.entity';
import { badInputMessage, badInputPaths } from '../helpers/bad-input';
import { buildFilingAssociation, buildFilingPlatform, FilingAssociation, FilingPlatform, rowsOf, SUBMIT_FILING, submitVariables } from '../helpers/filing-world';
import { startTestApp, TestApp } from '../helpers/test-app';

/** Periods outside 2000-01..2099-12 or not months at all. */
const BAD_PERIODS = ['0000-01', '1999-12', '2100-01', '2019-13', '2019-1'];

describe('bad input: periods and calendar dates', () => {
  let app: TestApp;
  let association: FilingAssociation;
  let platform: FilingPlatform;

  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app, { rulebook: false });
    platform = await buildFilingPlatform(app, association);
  });
  afterAll(() => app.close());

  it.each(BAD_PERIODS)('refuses the period %s in every query argument and filter', async (period) => {
    const dueDate = await app.execute(`query($a: ID!, $p: String!) { filingDueDate(associationId: $a, period: $p) { dueAt } }`, { a: association.id, p: period });
    expect(badInputPaths(dueDate)).toEqual(['period']);
    expect(badInputMessage(dueDate, 'period')).toBe('must be a month as YYYY-MM from 2000-01 to 2099-12');
    const filings = await app.execute(`query($id: ID!, $p: String) { filings(platformId: $id, period: $p, first: 5) { totalCount } }`, { id: platform.id, p: period });
    expect(badInputPaths(filings)).toEqual(['period']);
    const flags = await app.execute(`query($p: String) { flags(first: 5, filter: { periodFrom: $p, periodTo: $p }) { totalCount } }`, { p: period });
    expect(badInputPaths(flags)).toEqual(['filter.periodFrom', 'filter.periodTo']);
  });

  it.each(BAD_PERIODS)('refuses the period %s in every mutation and writes nothing', async (period) => {
    const before = await rowsOf(app, platform.id);
    expect(badInputPaths(await app.execute(SUBMIT_FILING, submitVariables(platform, period), platform.tokens.filer))).toEqual(['input.period']);
    expect(await rowsOf(app, platform.id)).toEqual(before);

    const preview = await app.execute(
      `mutation($from: String!, $to: String!) { previewRuleDraft(input: { ruleVersionId: "rv_x", fromPeriod: $from, toPeriod: $to }) { evaluated } }`,
      { from: period, to: period },
      association.tokens.editor,
    );
    expect(badInputPaths(preview)).toEqual(['input.fromPeriod', 'input.toPeriod']);

    const publish = await app.execute(
      `mutation($p: String!) { publishParameter(input: { name: "marketMedianLenderYieldBps", period: $p, value: "950" }) { id } }`,
      { p: period },
      association.tokens.editor,
    );
    expect(badInputPaths(publish)).toEqual(['input.period']);
    expect(await app.orm.em.fork().count(ParameterValue, { association: association.id })).toBe(0);
  });

  it('gives due dates for the first and last supported periods', async () => {
    const due = async (period: string) =>
      (await app.execute(`query($a: ID!, $p: String!) { filingDueDate(associationId: $a, period: $p) { dueAt } }`, { a: association.id, p: period })).data?.filingDueDate.dueAt;
    expect(await due('2000-01')).toBe('2000-02-07T15:59:59.000Z');
    expect(await due('2099-12')).toBe('2100-01-07T15:59:59.000Z');
  });

  it('refuses calendar dates that do not exist or lie outside 2000-2099, and writes nothing', async () => {
    const set = (date: string) =>
      app.execute(
        `mutation($d: String!) { setCalendarDays(input: { days: [{ date: $d, kind: HOLIDAY, reason: "notice" }] }) { date } }`,
        { d: date },
        association.tokens.admin,
      );
    for (const date of ['2031-02-30', '2031-02-29', '2031-04-31', '2031-00-10', '0000-01-01', '1999-12-31', '2100-01-01', '2031-1-5']) {
      const result = await set(date);
      expect(badInputPaths(result)).toEqual(['input.days.0.date']);
    }
    expect(await app.orm.em.fork().count(CalendarDay, { association: association.id })).toBe(0);
    const leapDay = await set('2032-02-29');
    expect(leapDay.data?.setCalendarDays).toEqual([{ date: '2032-02-29' }]);
  });
});
