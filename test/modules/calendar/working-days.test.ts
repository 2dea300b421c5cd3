import { addDays, dayOfWeek, lastDayOfPeriod, nextPeriod, parsePeriod } from '../../../src/modules/calendar/dates';
import { WorkingDayCalendar, duePeriods, periodBounds } from '../../../src/modules/calendar/working-days';

// A made-up arrangement: Wed 2031-01-01 off, Sat 2031-01-04 a make-up workday.
const cal = new WorkingDayCalendar({ holidays: ['2031-01-01'], workdays: ['2031-01-04'] });

describe('date helpers', () => {
  it('knows weekdays, month ends and leap years', () => {
    expect(dayOfWeek('2031-01-01')).toBe(3);
    expect(lastDayOfPeriod('2020-02')).toBe('2020-02-29');
    expect(lastDayOfPeriod('2019-02')).toBe('2019-02-28');
    expect(lastDayOfPeriod('2100-02')).toBe('2100-02-28');
    expect(lastDayOfPeriod('2019-12')).toBe('2019-12-31');
    expect(nextPeriod('2019-12')).toBe('2020-01');
    expect(addDays('2020-02-28', 2)).toBe('2020-03-01');
  });

  it.each(['2019-13', '2019-00', '2019-5', '19-05', '2019-05-01', '2019/05', ' 2019-05', ''])('rejects the period %p', (p) => {
    expect(() => parsePeriod(p)).toThrow(/expected YYYY-MM with month 01-12/);
  });

  it.each(['2019-02-29', '2019-04-31', '2019-1-01', '20190101', 'x'])('rejects the date %p', (d) => {
    expect(() => dayOfWeek(d)).toThrow(/Invalid date/);
  });
});

describe('WorkingDayCalendar', () => {
  it('is Mon-Fri unless a holiday, and Sat/Sun only when a make-up workday', () => {
    expect(cal.isWorkingDay('2030-12-31')).toBe(true); // Tue
    expect(cal.isWorkingDay('2031-01-01')).toBe(false); // Wed, holiday
    expect(cal.isWorkingDay('2031-01-04')).toBe(true); // Sat, make-up
    expect(cal.isWorkingDay('2031-01-05')).toBe(false); // Sun
    expect(cal.isWorkingDay('2031-01-11')).toBe(false); // ordinary Sat
  });

  it('counts working days strictly after the date, skipping holidays and using make-up days', () => {
    expect(cal.addWorkingDays('2030-12-31', 1)).toBe('2031-01-02');
    expect(cal.addWorkingDays('2030-12-31', 3)).toBe('2031-01-04');
    expect(cal.addWorkingDays('2030-12-31', 4)).toBe('2031-01-06');
    expect(cal.addWorkingDays('2031-01-04', 1)).toBe('2031-01-06');
  });

  it('refuses a non-positive or fractional count and malformed dates', () => {
    expect(() => cal.addWorkingDays('2031-01-01', 0)).toThrow(/n >= 1/);
    expect(() => cal.addWorkingDays('2031-01-01', 1.5)).toThrow(/n >= 1/);
    expect(() => cal.addWorkingDays('2031-02-30', 1)).toThrow(/Invalid date/);
    expect(() => cal.isWorkingDay('2031-1-1')).toThrow(/Invalid date/);
  });

  it('refuses data with a date that is both holiday and workday, or malformed', () => {
    expect(() => new WorkingDayCalendar({ holidays: ['2031-01-04'], workdays: ['2031-01-04'] })).toThrow(/both/);
    expect(() => new WorkingDayCalendar({ holidays: ['2031-13-01'], workdays: [] })).toThrow(/Invalid date/);
  });

  it('covers the years in its data unless told otherwise', () => {
    expect(cal.covers(2031)).toBe(true);
    expect(cal.covers(2030)).toBe(false);
    const explicit = new WorkingDayCalendar({ holidays: [], workdays: [], years: [2040] });
    expect(explicit.covers(2040)).toBe(true);
    expect(explicit.isWorkingDay('2040-01-02')).toBe(true);
  });

  it('puts the filing due date at 23:59:59 +08:00 on the 5th working day after the period end', () => {
    // 2030-12 ends Tue 31 Dec; working days after: Thu 2, Fri 3, Sat 4 (make-up), Mon 6, Tue 7.
    expect(cal.filingDueAt('2030-12').toISOString()).toBe('2031-01-07T15:59:59.000Z');
    expect(() => cal.filingDueAt('2030-13')).toThrow(/Invalid period "2030-13"/);
  });
});

describe('periodBounds', () => {
  it('runs from 00:00:00 on the 1st to 23:59:59 on the last day, China time', () => {
    const { start, end } = periodBounds('2020-02');
    expect(start.toISOString()).toBe('2020-01-31T16:00:00.000Z');
    expect(end.toISOString()).toBe('2020-02-29T15:59:59.000Z');
    expect(() => periodBounds('2020-2')).toThrow(/expected YYYY-MM/);
  });
});

describe('duePeriods', () => {
  const dueAt = cal.filingDueAt('2030-12'); // 2031-01-07T23:59:59+08:00

  it('lists the periods from `since` whose filing is due strictly before asOf', () => {
    expect(duePeriods(new Date(dueAt.getTime() + 1000), '2030-10', cal)).toEqual(['2030-10', '2030-11', '2030-12']);
    expect(duePeriods(dueAt, '2030-10', cal)).toEqual(['2030-10', '2030-11']);
    expect(duePeriods(new Date('2030-10-01T00:00:00+08:00'), '2030-10', cal)).toEqual([]);
  });

  it('validates its inputs', () => {
    expect(() => duePeriods(new Date('nope'), '2030-10', cal)).toThrow(/valid asOf/);
    expect(() => duePeriods(dueAt, '2030-1', cal)).toThrow(/Invalid period/);
  });
});

describe('time-zone independence', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it.each(['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York'])('gives the same answers in %s', (tz) => {
    process.env.TZ = tz;
    expect(cal.isWorkingDay('2031-01-04')).toBe(true);
    expect(cal.filingDueAt('2030-12').toISOString()).toBe('2031-01-07T15:59:59.000Z');
    expect(periodBounds('2031-03').start.toISOString()).toBe('2031-02-28T16:00:00.000Z');
    expect(lastDayOfPeriod('2031-03')).toBe('2031-03-31');
  });
});
