import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader, childrenLoader } from '../../shared/loader-helpers';
import { Flag } from '../flags/flag.entity';
import { calendarFor } from '../calendar/association-calendar';
import { FlagCaseStep } from './flag-case-step.entity';

/** Per-request loaders of flag cases: flags they were carried from, the steps of each, and the calendars their reply periods count on. */
export function createCaseLoaders(em: EntityManager) {
  return {
    flag: byIdLoader(em, Flag),
    caseStepsOfFlag: childrenLoader(em, FlagCaseStep, 'flag', { seq: 'asc' }),
    associationCalendar: new DataLoader((associationIds: readonly string[]) => Promise.all(associationIds.map((id) => calendarFor(em, id)))),
  };
}
