import { defineRecord, instant, ref } from '../ledger';
import { CalendarDay } from './calendar-day.entity';

/** An association's working-day calendar entry: a holiday, a make-up working day, or back to the seed calendar. */
defineRecord(CalendarDay, {
  type: 'calendar-day',
  isPublic: () => true,
  project: (d) => ({ association: ref(d.association), date: d.date, kind: d.kind, reason: d.reason, changedAt: instant(d.changedAt) }),
});
