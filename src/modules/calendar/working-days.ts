import {
  IsoDate,
  Period,
  addDays,
  chinaDateOf,
  chinaInstant,
  dateToUtcMs,
  dayOfWeek,
  firstDayOfPeriod,
  lastDayOfPeriod,
  nextPeriod,
  parsePeriod,
} from './dates';

export type { IsoDate, Period } from './dates';

/** Working days after the period's last day on which a monthly filing falls due. */
export const FILING_DUE_WORKING_DAYS = 5;

/** Input of a WorkingDayCalendar: dates as 'YYYY-MM-DD' in China time. */
export interface WorkingDayCalendarInit {
  /** Days off; weekday entries make a weekday non-working, weekend entries are harmless. */
  holidays: Iterable<IsoDate>;
  /** Make-up working days (调休上班): weekend days that are working days. */
  workdays: Iterable<IsoDate>;
  /** Years whose arrangement the data fully describes; defaults to every year that occurs in the data. */
  years?: Iterable<number>;
}

/** A working-day calendar: Mon-Fri unless a holiday; Sat/Sun only if a make-up workday. Years without data are plain Mon-Fri. */
export class WorkingDayCalendar {
  private readonly holidays: ReadonlySet<IsoDate>;
  private readonly workdays: ReadonlySet<IsoDate>;
  private readonly years: ReadonlySet<number>;

  constructor(init: WorkingDayCalendarInit) {
    this.holidays = validated(init.holidays);
    this.workdays = validated(init.workdays);
    for (const d of this.workdays) {
      if (this.holidays.has(d)) throw new RangeError(`Calendar date ${d} is both a holiday and a make-up workday`);
    }
    const years = init.years ?? [...this.holidays, ...this.workdays].map((d) => Number(d.slice(0, 4)));
    this.years = new Set(years);
  }

  /** True when the calendar has holiday data for `year`; otherwise that year falls back to plain Mon-Fri. */
  covers(year: number): boolean {
    return this.years.has(year);
  }

  /** Whether a China calendar date ('YYYY-MM-DD') is a working day. */
  isWorkingDay(date: IsoDate): boolean {
    const dow = dayOfWeek(date);
    if (dow === 0 || dow === 6) return this.workdays.has(date);
    return !this.holidays.has(date);
  }

  /** The n-th working day strictly after `date` (n ≥ 1), e.g. n = 1 is the next working day. */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`addWorkingDays needs an integer n >= 1, got ${n}`);
    dateToUtcMs(date);
    let day = date;
    for (let found = 0; found < n; ) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) found++;
    }
    return day;
  }

  /** 23:59:59 China time on the n-th working day after the China date of `instant` (a deadline of n working days). */
  deadlineAfter(instant: Date, n: number): Date {
    return chinaInstant(this.addWorkingDays(chinaDateOf(instant), n), '23:59:59');
  }

  /** Due instant of a period's filing: 23:59:59 +08:00 on the 5th working day after the period's last day. */
  filingDueAt(period: Period): Date {
    return chinaInstant(this.addWorkingDays(lastDayOfPeriod(period), FILING_DUE_WORKING_DAYS), '23:59:59');
  }
}

/** A period's bounds: 00:00:00 +08:00 on the 1st to 23:59:59 +08:00 on its last day (the domain's periodEnd). */
export function periodBounds(period: Period): { start: Date; end: Date } {
  return { start: chinaInstant(firstDayOfPeriod(period), '00:00:00'), end: chinaInstant(lastDayOfPeriod(period), '23:59:59') };
}

/** Periods from `since` onwards, in order, whose filing is already due at `asOf` (dueAt < asOf). */
export function duePeriods(asOf: Date, since: Period, calendar: WorkingDayCalendar): Period[] {
  if (!(asOf instanceof Date) || Number.isNaN(asOf.getTime())) throw new RangeError('duePeriods needs a valid asOf Date');
  parsePeriod(since);
  const due: Period[] = [];
  for (let p = since; calendar.filingDueAt(p).getTime() < asOf.getTime(); p = nextPeriod(p)) due.push(p);
  return due;
}

function validated(dates: Iterable<IsoDate>): Set<IsoDate> {
  const set = new Set<IsoDate>();
  for (const d of dates) {
    dateToUtcMs(d);
    set.add(d);
  }
  return set;
}
