import { Args, ClassType, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Connection, PageArgs, pageWindow, toConnection } from '../../shared/pagination';
import { boundOf } from './as-of';
import { Versioned } from './entries';
import { HISTORY_CURSOR, HistorySubject } from './history';
import { HistoryEntryView } from './history.types';
import { recordDefinitionOf } from './records';

/** The `history` connection type, shared by every record type. */
export const HistoryConnection = Connection(HistoryEntryView, 'History');

/** Which entries make up a record's history; by default its own. */
export type SubjectOf<T> = (record: T, context: Context) => Promise<HistorySubject>;

/**
 * A resolver adding `history(first, after | last, before)` to the GraphQL type of `entity`: its public versions from the
 * ledger, oldest first, each with what changed from the one before. A record read as of a past point of
 * the log shows its history up to that point. `subject` widens a history to a chain of records (a filing
 * and its amendments, a rule's versions).
 */
export function historyResolver<T extends Versioned>(entity: ClassType<T>, subject?: SubjectOf<T>, description = 'Every public version of this record, oldest first: log index, when, who (organisation and role), why, and the fields that changed.') {
  // looked up when asked: record definitions register when their x.record.ts loads, maybe after this module
  const own: SubjectOf<T> = async (record) => ({ type: recordDefinitionOf(entity.prototype)!.type, ids: [record.id] });

  @Resolver(() => entity)
  class HistoryResolver {
    @FieldResolver(() => HistoryConnection, { description })
    async history(@Root() record: Versioned, @Args() args: PageArgs, @Ctx() context: Context) {
      const window = pageWindow(args);
      const { type: subjectType, ids } = await (subject ?? own)(record as T, context);
      const page = await context.loaders.history.load({ type: subjectType, ids, window, bound: boundOf(record) });
      return toConnection({
        rows: page.rows,
        hasNextPage: page.hasNextPage,
        hasPreviousPage: page.hasPreviousPage,
        cursorOf: (row) => HISTORY_CURSOR.encode([row.logIndex.toString()]),
        count: async () => page.total,
      });
    }
  }
  return HistoryResolver;
}
