import { PRC_CALENDAR_YEARS, createPrcCalendar, prcCalendar } from '../../../src/modules/calendar/prc-calendar';
import { duePeriods, periodBounds } from '../../../src/modules/calendar/working-days';

/** Every filing header of the five domain examples (copied from ../shared/domain/examples; not read at test time). */
const EXAMPLE_FILINGS: [example: string, period: string, periodStart: string, periodEnd: string, dueAt: string][] = [
  ['S01', '2019-04', '2019-04-01T00:00:00+08:00', '2019-04-30T23:59:59+08:00', '2019-05-09T23:59:59+08:00'],
  ['S01', '2019-05', '2019-05-01T00:00:00+08:00', '2019-05-31T23:59:59+08:00', '2019-06-10T23:59:59+08:00'],
  ['S01', '2019-06', '2019-06-01T00:00:00+08:00', '2019-06-30T23:59:59+08:00', '2019-07-05T23:59:59+08:00'],
  ['S06', '2019-05', '2019-05-01T00:00:00+08:00', '2019-05-31T23:59:59+08:00', '2019-06-10T23:59:59+08:00'],
  ['S06', '2019-06', '2019-06-01T00:00:00+08:00', '2019-06-30T23:59:59+08:00', '2019-07-05T23:59:59+08:00'],
  ['S09', '2019-04', '2019-04-01T00:00:00+08:00', '2019-04-30T23:59:59+08:00', '2019-05-09T23:59:59+08:00'],
  ['S09', '2019-05', '2019-05-01T00:00:00+08:00', '2019-05-31T23:59:59+08:00', '2019-06-10T23:59:59+08:00'],
  ['S09', '2019-06', '2019-06-01T00:00:00+08:00', '2019-06-30T23:59:59+08:00', '2019-07-05T23:59:59+08:00'],
  ['S11', '2019-04', '2019-04-01T00:00:00+08:00', '2019-04-30T23:59:59+08:00', '2019-05-09T23:59:59+08:00'],
  ['S11', '2019-06', '2019-06-01T00:00:00+08:00', '2019-06-30T23:59:59+08:00', '2019-07-05T23:59:59+08:00'],
  ['S15', '2019-05', '2019-05-01T00:00:00+08:00', '2019-05-31T23:59:59+08:00', '2019-06-10T23:59:59+08:00'],
  ['S15', '2019-06', '2019-06-01T00:00:00+08:00', '2019-06-30T23:59:59+08:00', '2019-07-05T23:59:59+08:00'],
];

/** ctx.asOf and ctx.duePeriods of the examples; `since` is the first due period. */
const EXAMPLE_CTX: [example: string, asOf: string, duePeriods: string[]][] = [
  ['S01', '2019-07-15T00:00:00+08:00', ['2019-04', '2019-05', '2019-06']],
  ['S06', '2019-07-15T00:00:00+08:00', ['2019-05', '2019-06']],
  ['S09', '2019-07-15T00:00:00+08:00', ['2019-04', '2019-05', '2019-06']],
  ['S11', '2019-07-15T00:00:00+08:00', ['2019-04', '2019-05', '2019-06']],
  ['S15', '2019-07-15T00:00:00+08:00', ['2019-05', '2019-06']],
];

const due = (period: string) => prcCalendar.filingDueAt(period).getTime();
const at = (rfc3339: string) => new Date(rfc3339).getTime();

describe('PRC calendar against the domain examples', () => {
  it.each(EXAMPLE_FILINGS)('%s %s: bounds and dueAt match', (_ex, period, periodStart, periodEnd, dueAt) => {
    expect(due(period)).toBe(at(dueAt));
    const b = periodBounds(period);
    expect(b.start.getTime()).toBe(at(periodStart));
    expect(b.end.getTime()).toBe(at(periodEnd));
  });

  it.each(EXAMPLE_CTX)('%s: ctx.duePeriods', (_ex, asOf, expected) => {
    expect(duePeriods(new Date(asOf), expected[0], prcCalendar)).toEqual(expected);
  });
});

describe('PRC calendar: known holiday cases', () => {
  it.each([
    // [period, dueAt date, why]
    ['2019-04', '2019-05-09', 'Labour Day 1-4 May 2019 (amended); Sun 5 May is a make-up working day'],
    ['2019-05', '2019-06-10', 'Dragon Boat, Fri 7 Jun 2019'],
    ['2019-09', '2019-10-12', 'National Day 1-7 Oct 2019; Sat 12 Oct is the make-up day and the 5th working day'],
    ['2016-09', '2016-10-12', 'National Day 2016; make-up Sat 8 and Sun 9 Oct count'],
    ['2019-12', '2020-01-08', 'New Year 2020 (Wed 1 Jan)'],
    ['2020-01', '2020-02-07', 'Spring Festival 2020 extended to Sun 2 Feb; Sat 1 Feb is no longer a make-up day'],
    ['2023-09', '2023-10-11', 'Mid-Autumn + National Day 29 Sep - 6 Oct 2023; make-up Sat 7 / Sun 8 Oct'],
    ['2025-01', '2025-02-10', 'Spring Festival 28 Jan - 4 Feb 2025; make-up Sat 8 Feb'],
    ['2025-04', '2025-05-12', 'Labour Day 1-5 May 2025'],
    ['2026-02', '2026-03-06', 'Sat 28 Feb 2026 is a make-up day but is the period end itself, so not counted'],
  ])('%s is due %s (%s)', (period, date) => {
    expect(due(period)).toBe(at(`${date}T23:59:59+08:00`));
  });

  it('Spring Festival 2016: 7-13 Feb off, make-up Sat 6 and Sun 14 Feb', () => {
    expect(prcCalendar.isWorkingDay('2016-02-05')).toBe(true);
    expect(prcCalendar.isWorkingDay('2016-02-06')).toBe(true); // Saturday
    expect(prcCalendar.isWorkingDay('2016-02-08')).toBe(false); // Monday, Lunar New Year
    expect(prcCalendar.isWorkingDay('2016-02-12')).toBe(false); // Friday
    expect(prcCalendar.addWorkingDays('2016-02-05', 1)).toBe('2016-02-06');
    expect(prcCalendar.addWorkingDays('2016-02-06', 1)).toBe('2016-02-14');
    expect(prcCalendar.addWorkingDays('2016-02-06', 2)).toBe('2016-02-15');
  });

  it('Spring Festival 2020 with the national extension', () => {
    expect(prcCalendar.isWorkingDay('2020-01-19')).toBe(true); // make-up Sunday
    expect(prcCalendar.isWorkingDay('2020-01-31')).toBe(false); // Friday, extension
    expect(prcCalendar.isWorkingDay('2020-02-01')).toBe(false); // Saturday, make-up cancelled by the extension
    expect(prcCalendar.isWorkingDay('2020-02-03')).toBe(true);
  });

  it('2024: Lunar New Year\'s Eve (Fri 9 Feb) is a working day; 2025: it is a holiday', () => {
    expect(prcCalendar.isWorkingDay('2024-02-09')).toBe(true);
    expect(prcCalendar.isWorkingDay('2025-01-28')).toBe(false);
  });
});

describe('PRC calendar coverage', () => {
  it('covers exactly 2016-2026', () => {
    expect(PRC_CALENDAR_YEARS).toEqual({ first: 2016, last: 2026 });
    for (let y = 2016; y <= 2026; y++) expect(prcCalendar.covers(y)).toBe(true);
    expect(prcCalendar.covers(2015)).toBe(false);
    expect(prcCalendar.covers(2027)).toBe(false);
  });

  it('falls back to plain Mon-Fri outside the covered years', () => {
    expect(prcCalendar.isWorkingDay('2027-01-01')).toBe(true); // a Friday; no 2027 data
    expect(prcCalendar.isWorkingDay('2015-10-01')).toBe(true); // a Thursday; no 2015 data
    expect(prcCalendar.isWorkingDay('2015-10-03')).toBe(false); // a Saturday
    // 2026-12 ends Thu 31 Dec 2026; the 2027 days are counted Mon-Fri (Fri 1 Jan included).
    expect(due('2026-12')).toBe(at('2027-01-07T23:59:59+08:00'));
  });

  it('can be rebuilt from other seed data', () => {
    const cal = createPrcCalendar({ source: 't', convention: 't', years: { '2031': { holidays: ['2031-01-01'], workdays: [], notices: [] } } });
    expect(cal.covers(2031)).toBe(true);
    expect(cal.covers(2026)).toBe(false);
    expect(cal.isWorkingDay('2031-01-01')).toBe(false);
  });
});
