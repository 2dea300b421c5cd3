import { Args, ArgsType, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { readFeed } from '../ledger/feed';
import { PageArgs, toConnection } from '../../shared/pagination';
import { ChangeConnection, ChangeView, cursorOf, toChange } from './change.types';
import { checkCursorInLog, parseFeedCursor } from './feed-cursor';

@ArgsType()
class ChangesArgs extends PageArgs {}

/** The change feed: every public ledger entry in log order, resumable from any cursor. */
@Resolver()
export class ChangesResolver {
  @Query(() => ChangeConnection, {
    description:
      'Every public ledger entry (platforms, qualifications, status changes, filings, flags, rule versions, parameters...) in log order, ' +
      'oldest first. The cursor is the log index: pass the last endCursor (or any logIndex) as `after` to go on; nothing is ever skipped. ' +
      '`totalCount` is the log size.',
  })
  async changes(@Args() { first, after }: ChangesArgs, @Ctx() { em }: Context) {
    const cursor = parseFeedCursor(after);
    const page = await readFeed(em, cursor, first + 1);
    checkCursorInLog(cursor, page.logSize);
    const rows: ChangeView[] = page.entries.slice(0, first).map(toChange);
    return toConnection({ rows, hasNextPage: page.entries.length > first, cursorOf, count: async () => Number(page.logSize) });
  }
}
