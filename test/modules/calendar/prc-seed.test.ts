import { dayOfWeek } from '../../../src/modules/calendar/dates';
import { PRC_CALENDAR_SEED, prcCalendar } from '../../../src/modules/calendar/prc-calendar';

const years = Object.entries(PRC_CALENDAR_SEED.years);
const isWeekend = (d: string) => dayOfWeek(d) === 0 || dayOfWeek(d) === 6;

/** Statutory festival days (Gregorian dates of the lunar/solar festivals), independent of the seed. */
const FESTIVALS: Record<string, { lunarNewYear: string; qingming: string; dragonBoat: string; midAutumn: string }> = {
  2016: { lunarNewYear: '2016-02-08', qingming: '2016-04-04', dragonBoat: '2016-06-09', midAutumn: '2016-09-15' },
  2017: { lunarNewYear: '2017-01-28', qingming: '2017-04-04', dragonBoat: '2017-05-30', midAutumn: '2017-10-04' },
  2018: { lunarNewYear: '2018-02-16', qingming: '2018-04-05', dragonBoat: '2018-06-18', midAutumn: '2018-09-24' },
  2019: { lunarNewYear: '2019-02-05', qingming: '2019-04-05', dragonBoat: '2019-06-07', midAutumn: '2019-09-13' },
  2020: { lunarNewYear: '2020-01-25', qingming: '2020-04-04', dragonBoat: '2020-06-25', midAutumn: '2020-10-01' },
  2021: { lunarNewYear: '2021-02-12', qingming: '2021-04-04', dragonBoat: '2021-06-14', midAutumn: '2021-09-21' },
  2022: { lunarNewYear: '2022-02-01', qingming: '2022-04-05', dragonBoat: '2022-06-03', midAutumn: '2022-09-10' },
  2023: { lunarNewYear: '2023-01-22', qingming: '2023-04-05', dragonBoat: '2023-06-22', midAutumn: '2023-09-29' },
  2024: { lunarNewYear: '2024-02-10', qingming: '2024-04-04', dragonBoat: '2024-06-10', midAutumn: '2024-09-17' },
  2025: { lunarNewYear: '2025-01-29', qingming: '2025-04-04', dragonBoat: '2025-05-31', midAutumn: '2025-10-06' },
  2026: { lunarNewYear: '2026-02-17', qingming: '2026-04-05', dragonBoat: '2026-06-19', midAutumn: '2026-09-25' },
};

/**
 * Weekday days off minus make-up workdays, per calendar year, equals the statutory days: 11 until 2024, 13 from
 * 2025 (New Year's Eve and 2 May added). 2020 is 13 because the COVID extension added Fri 31 Jan and cancelled
 * the make-up Sat 1 Feb.
 */
const NET_DAYS_OFF: Record<string, number> = {
  2016: 11, 2017: 11, 2018: 11, 2019: 11, 2020: 13, 2021: 11, 2022: 11, 2023: 11, 2024: 11, 2025: 13, 2026: 13,
};

describe('PRC holiday seed data', () => {
  it('has exactly the years 2016-2026, each with notices', () => {
    expect(years.map(([y]) => y)).toEqual(Object.keys(FESTIVALS));
    for (const [, y] of years) expect(y.notices.length).toBeGreaterThan(0);
  });

  it.each(years)('%s: dates are sorted, unique and in their own year', (year, y) => {
    for (const list of [y.holidays, y.workdays]) {
      expect([...new Set(list)].sort()).toEqual(list);
      for (const d of list) expect(d.slice(0, 5)).toBe(`${year}-`);
    }
  });

  it.each(years)('%s: no date is both holiday and workday; every workday is a Sat/Sun', (_year, y) => {
    const holidays = new Set(y.holidays);
    for (const d of y.workdays) {
      expect(holidays.has(d)).toBe(false);
      expect(isWeekend(d)).toBe(true);
    }
  });

  it.each(Object.entries(FESTIVALS))('%s: New Year, Spring Festival, Qingming, Labour Day, Dragon Boat, Mid-Autumn, National Day are off', (year, f) => {
    const holidays = new Set(PRC_CALENDAR_SEED.years[year].holidays);
    const statutory = [`${year}-01-01`, f.lunarNewYear, f.qingming, `${year}-05-01`, f.dragonBoat, f.midAutumn, `${year}-10-01`, `${year}-10-02`, `${year}-10-03`];
    for (const d of statutory) expect([d, holidays.has(d)]).toEqual([d, true]);
    for (const d of statutory) expect(prcCalendar.isWorkingDay(d)).toBe(false);
  });

  it.each(Object.entries(NET_DAYS_OFF))('%s: weekday days off minus make-up workdays = %i', (year, net) => {
    const y = PRC_CALENDAR_SEED.years[year];
    expect(y.holidays.filter((d) => !isWeekend(d)).length - y.workdays.length).toBe(net);
  });

  it('holiday entries that fall on a weekend are joined to a weekday day off (no stray weekends)', () => {
    const all = new Set(years.flatMap(([, y]) => y.holidays));
    const next = (d: string, k: number) => new Date(Date.parse(`${d}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10);
    for (const d of all) {
      if (!isWeekend(d)) continue;
      // walk the run of listed days off in both directions; it must contain a weekday
      let hasWeekday = false;
      for (const dir of [-1, 1]) for (let x = d; all.has(x); x = next(x, dir)) hasWeekday ||= !isWeekend(x);
      expect([d, hasWeekday]).toEqual([d, true]);
    }
  });
});
