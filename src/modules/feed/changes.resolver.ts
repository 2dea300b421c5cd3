import { Args, ArgsType, Ctx, Extensions, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { FEED_READ_BYTES, readFeed, readFeedBackwards } from '../ledger/feed';
import { pageArgsUpTo, pageOf, pageWindow, toConnection } from '../../shared/pagination';
import { LIST_ITEM_COST } from '../../shared/query-cost';
import { ChangeConnection, ChangeView, cursorOf, toChange } from './change.types';
import { checkCursorInLog, parseFeedCursor } from './feed-cursor';

/**
 * Most entries one page of the feed holds: ten times other lists', since the feed is how a reader copies
 * the whole log. A page is one index range scan, each record written as its stored text.
 */
export const FEED_MAX_PAGE = 1000;

@ArgsType()
class ChangesArgs extends pageArgsUpTo(FEED_MAX_PAGE) {}

/** The change feed: every public ledger entry in log order, resumable from any cursor. */
@Resolver()
export class ChangesResolver {
  @Query(() => ChangeConnection, {
    description:
      'Every public ledger entry (platforms, qualifications, status changes, filings, flags, rule versions, parameters...) in log order, ' +
      `oldest first, up to ${FEED_MAX_PAGE} per page (fewer when their records pass ${FEED_READ_BYTES / 1024 / 1024} MiB: hasNextPage says more follow). ` +
      'The cursor is the log index: pass the last endCursor (or any logIndex) as `after` to go on; nothing is ever skipped. ' +
      '`totalCount` is the log size. `last`/`before` read it backwards: the entries just before a log index (or the latest ones), still in log order.',
  })
  // ten entries cost one object against the query cost ceiling, so a full page costs what 100 records of another list do
  @Extensions({ [LIST_ITEM_COST]: 0.1 })
  async changes(@Args() args: ChangesArgs, @Ctx() { em }: Context) {
    const window = pageWindow(args, FEED_MAX_PAGE);
    const cursor = parseFeedCursor(window.cursor, window.cursorArgument);
    const read = { limit: window.size + 1 };
    const page = window.backward ? await readFeedBackwards(em, cursor, read) : await readFeed(em, cursor, read);
    checkCursorInLog(cursor, page.logSize, window.cursorArgument);
    const rows: ChangeView[] = page.entries.map(toChange);
    // a cursor is a log index: entries lie on its other side (the log is never cut)
    return toConnection(pageOf(rows, window, cursorOf, async () => Number(page.logSize), page.cut));
  }
}
