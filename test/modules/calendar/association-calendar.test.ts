import { buildFilingAssociation, buildFilingPlatform, FilingAssociation, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';

const SET = `mutation($input: SetCalendarDaysInput!) { setCalendarDays(input: $input) { date kind reason } }`;
const DUE = `query($id: ID!, $period: String!) { filingDueDate(associationId: $id, period: $period) { dueAt calendarCovers } }`;

describe("an association's working-day calendar", () => {
  let app: TestApp;
  let association: FilingAssociation;
  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
  });
  afterAll(() => app.close());

  const dueOf = async (period: string) => (await app.execute(DUE, { id: association.id, period })).data.filingDueDate;

  it('starts from the PRC seed: 2019-09 is due on the make-up Saturday 2019-10-12', async () => {
    expect(await dueOf('2019-09')).toEqual({ dueAt: '2019-10-12T15:59:59.000Z', calendarCovers: true });
  });

  it('moves due dates when an admin declares a holiday, and filings submitted afterwards follow it', async () => {
    // 2019-05 is due on the 5th working day of June 2019: Mon 2019-06-10 (the 7th is Dragon Boat)
    expect((await dueOf('2019-05')).dueAt).toBe('2019-06-10T15:59:59.000Z');
    const set = await app.execute(SET, { input: { days: [{ date: '2019-06-03', kind: 'HOLIDAY', reason: 'local flood day' }] } }, association.tokens.admin);
    expect(set.data.setCalendarDays).toEqual([{ date: '2019-06-03', kind: 'HOLIDAY', reason: 'local flood day' }]);
    expect((await dueOf('2019-05')).dueAt).toBe('2019-06-11T15:59:59.000Z');
    const listed = await app.execute(`query($id: ID!) { calendarDays(associationId: $id, first: 10) { totalCount nodes { date kind reason } } }`, { id: association.id });
    expect(listed.data.calendarDays).toEqual({ totalCount: 1, nodes: [{ date: '2019-06-03', kind: 'HOLIDAY', reason: 'local flood day' }] });

    const platform = await buildFilingPlatform(app, association);
    const filed = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-05'), platform.tokens.filer);
    expect(filed.errors).toBeUndefined();
    expect(filed.data.submitFiling.dueAt).toBe('2019-06-11T15:59:59.000Z');

    await app.execute(SET, { input: { days: [{ date: '2019-06-03', kind: 'SEED', reason: 'declared in error' }] } }, association.tokens.admin);
    expect((await dueOf('2019-05')).dueAt).toBe('2019-06-10T15:59:59.000Z');
  });

  it('gives a seed holiday back to the seed calendar with SEED, not to a working day', async () => {
    // Dragon Boat (Fri 2019-06-07) is a seed holiday: 2019-05 falls due on Mon 2019-06-10
    for (const [kind, reason] of [['HOLIDAY', 'also ours'], ['SEED', 'back to the seed']]) {
      await app.execute(SET, { input: { days: [{ date: '2019-06-07', kind, reason }] } }, association.tokens.admin);
      expect([kind, (await dueOf('2019-05')).dueAt]).toEqual([kind, '2019-06-10T15:59:59.000Z']);
    }
  });

  it('refuses a make-up working day on a weekday, and non-admins', async () => {
    const weekday = await app.execute(SET, { input: { days: [{ date: '2019-06-04', kind: 'WORKDAY', reason: 'x' }] } }, association.tokens.admin);
    expect(errorCodes(weekday)).toEqual(['BAD_USER_INPUT']);
    expect(weekday.errors?.[0].extensions?.fields).toEqual([{ path: 'input.days.0.kind', message: 'a make-up WORKDAY must fall on a Saturday or Sunday' }]);
    const editor = await app.execute(SET, { input: { days: [{ date: '2019-06-08', kind: 'WORKDAY', reason: 'x' }] } }, association.tokens.editor);
    expect(errorCodes(editor)).toEqual(['FORBIDDEN']);
  });

  it('says when a due date falls outside the years the calendar knows', async () => {
    expect(await dueOf('2026-12')).toMatchObject({ calendarCovers: false });
  });
});
