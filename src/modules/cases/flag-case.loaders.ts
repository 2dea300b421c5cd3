import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { childrenLoader } from '../../shared/loader-helpers';
import { calendarFor } from '../calendar/association-calendar';
import { FlagCaseStep } from './flag-case-step.entity';

/** Per-request loaders of flag cases: the steps of each flag, and the calendars their reply periods count on. */
export function createCaseLoaders(em: EntityManager) {
  return {
    caseStepsOfFlag: childrenLoader(em, FlagCaseStep, 'flag', { seq: 'asc' }),
    associationCalendar: new DataLoader((associationIds: readonly string[]) => Promise.all(associationIds.map((id) => calendarFor(em, id)))),
  };
}
