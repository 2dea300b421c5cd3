import { EntityManager } from '@mikro-orm/postgresql';
import { ArrayMaxSize, ArrayMinSize, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { badInput } from '../../errors';
import { IsCalendarDate } from '../../shared/period';
import { TEXT_LIMITS, TextLimit } from '../../shared/text';
import { runWrite } from '../ledger';
import { actorOf, MemberViewer } from '../accounts/viewer';
import { Association } from '../associations/association.entity';
import { CalendarDay, CalendarDayKind } from './calendar-day.entity';
import { dayOfWeek } from './dates';

@InputType({ description: "One date of the association's working-day calendar." })
export class CalendarDayInput {
  @Field({ description: 'YYYY-MM-DD (China time).' })
  @IsCalendarDate()
  date!: string;

  @Field(() => CalendarDayKind, { description: 'How the date is to be treated.' }) kind!: CalendarDayKind;

  @Field({ description: 'E.g. the State Council notice.' }) @TextLimit(TEXT_LIMITS.note) reason!: string;
}

@InputType({ description: "Dates to set in your association's working-day calendar." })
export class SetCalendarDaysInput {
  @Field(() => [CalendarDayInput], { description: 'The dates and how each is treated.' }) @ArrayMinSize(1) @ArrayMaxSize(400) @ValidateNested({ each: true }) days!: CalendarDayInput[];
}

/**
 * An association admin sets dates of the association's working-day calendar (e.g. next year's
 * holiday notice). Due dates of filings submitted afterwards follow it; stored filings keep theirs.
 */
export async function setCalendarDays(em: EntityManager, viewer: MemberViewer, input: SetCalendarDaysInput): Promise<CalendarDay[]> {
  input.days.forEach((day, i) => {
    const weekend = [0, 6].includes(dayOfWeek(day.date));
    if (day.kind === CalendarDayKind.WORKDAY && !weekend) throw badInput(`input.days.${i}.kind`, 'a make-up WORKDAY must fall on a Saturday or Sunday');
  });
  const associationId = viewer.associationId as string;
  return runWrite(em, actorOf(viewer), async (write) => {
    const saved: CalendarDay[] = [];
    for (const day of input.days) {
      const entry =
        (await write.em.findOne(CalendarDay, { association: associationId, date: day.date })) ??
        write.em.create(CalendarDay, { association: write.em.getReference(Association, associationId), date: day.date, kind: day.kind, reason: day.reason, changedAt: write.at });
      Object.assign(entry, { kind: day.kind, reason: day.reason, changedAt: write.at });
      saved.push(write.record(entry, 'calendar.day-set', { reason: day.reason }));
    }
    return saved;
  });
}
