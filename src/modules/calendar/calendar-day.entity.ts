import { Node } from '../../shared/node';
import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { newId } from '../../shared/ids';
import { Association } from '../associations/association.entity';
import { RESTRICT } from '../../shared/restrict';

/** How an association's calendar treats a date, over the PRC seed calendar. */
export enum CalendarDayKind {
  HOLIDAY = 'HOLIDAY',
  WORKDAY = 'WORKDAY',
  SEED = 'SEED',
}
registerEnumType(CalendarDayKind, {
  name: 'CalendarDayKind',
  description: 'HOLIDAY (no work), WORKDAY (a make-up working day), or SEED (back to the PRC seed calendar).',
  valuesConfig: {
    HOLIDAY: { description: 'A day off, even on a weekday.' },
    WORKDAY: { description: 'A make-up working day, even on a weekend.' },
    SEED: { description: "Back to the PRC seed calendar's treatment of the date (undoes an entry)." },
  },
});

/**
 * An association's entry for one date in its working-day calendar, over the PRC seed (2016-2026).
 * Setting a date again updates the entry; every change is recorded in the ledger.
 */
@ObjectType({ implements: Node, description: "An association's working-day calendar entry for one date." })
@Entity()
@Unique({ properties: ['association', 'date'] })
export class CalendarDay implements Node {
  [OptionalProps]?: 'id' | 'version';

  @PrimaryKey({ type: 'text' })
  id: string = newId('cal');

  @ManyToOne(() => Association, RESTRICT)
  association!: Association;

  @Field({ description: 'China calendar date, YYYY-MM-DD.' })
  @Property({ type: 'text' })
  date!: string;

  @Field(() => CalendarDayKind, { description: 'How the date is treated.' })
  @Enum({ items: () => CalendarDayKind, nativeEnumName: 'calendar_day_kind' })
  kind!: CalendarDayKind;

  @Field({ description: 'Why, e.g. the State Council notice.' })
  @Property({ type: 'text' })
  reason!: string;

  @Field(() => Date, { description: 'When the entry was last set.' })
  @Property({ type: 'timestamptz' })
  changedAt!: Date;

  @Property({ type: 'integer' })
  version: number = 0;
}
