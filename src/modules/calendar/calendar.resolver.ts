import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput } from '../../errors';
import { Connection, CursorCodec, keysetRead, PageArgs, pageOf, pageWindow, toConnection } from '../../shared/pagination';
import { periodProblem } from '../../shared/period';
import type { Context } from '../../context';
import { Role } from '../accounts/role';
import { MemberViewer } from '../accounts/viewer';
import { calendarFor } from './association-calendar';
import { CalendarDay } from './calendar-day.entity';
import { setCalendarDays, SetCalendarDaysInput } from './set-calendar-days';

const CalendarDayConnection = Connection(CalendarDay, 'CalendarDay');
const CALENDAR_DAY_CURSOR = new CursorCodec('calendarDays', 'DATE_ASC', ['text'] as const);

@ArgsType()
class CalendarDaysArgs extends PageArgs {
  @Field(() => ID, { description: "The association's global id." }) associationId!: string;
}

@ObjectType({ description: "When a period's filing is due under an association's calendar." })
class FilingDueDate {
  @Field({ description: 'The reporting month, YYYY-MM.' }) period!: string;
  @Field(() => Date, { description: 'The deadline: 23:59:59 China time on the 5th working day after the period.' }) dueAt!: Date;
  @Field({ description: 'False when the due date falls in a year the calendar has no holiday data for (plain Mon-Fri used).' }) calendarCovers!: boolean;
}

/** Associations' working-day calendars and the due dates they give. */
@Resolver()
export class CalendarResolver {
  @Query(() => CalendarDayConnection, { description: "An association's own calendar entries (on top of the PRC seed 2016-2026), by date." })
  async calendarDays(@Args() args: CalendarDaysArgs, @Ctx() { em }: Context) {
    const window = pageWindow(args);
    const { order, compare } = keysetRead('asc', window);
    const [date] = window.cursor ? CALENDAR_DAY_CURSOR.decode(window.cursor, window.cursorArgument) : [];
    const where = { association: args.associationId, ...(window.cursor ? { date: { [compare === '>' ? '$gt' : '$lt']: date } } : {}) };
    const rows = await em.find(CalendarDay, where, { orderBy: { date: order }, limit: window.size + 1 });
    return toConnection(pageOf(rows, window, (day) => CALENDAR_DAY_CURSOR.encode([day.date]), () => em.count(CalendarDay, { association: args.associationId })));
  }

  @Query(() => FilingDueDate, { description: "When a period's filing is due under an association's working-day calendar." })
  async filingDueDate(
    @Arg('associationId', () => ID, { description: "The association's global id." }) associationId: string,
    @Arg('period', { description: 'YYYY-MM' }) period: string,
    @Ctx() { em }: Context,
  ): Promise<FilingDueDate> {
    const problem = periodProblem(period);
    if (problem) throw badInput('period', problem);
    const calendar = await calendarFor(em, associationId);
    const dueAt = calendar.filingDueAt(period);
    return { period, dueAt, calendarCovers: calendar.covers(Number(dueAt.toISOString().slice(0, 4))) };
  }

  @Authorized(Role.ASSOCIATION_ADMIN)
  @Mutation(() => [CalendarDay], { description: "Sets dates of your association's working-day calendar (holidays, make-up working days)." })
  setCalendarDays(@Arg('input', { description: 'The dates to set.' }) input: SetCalendarDaysInput, @Ctx() { em, viewer }: Context) {
    return setCalendarDays(em, viewer as MemberViewer, input);
  }
}
