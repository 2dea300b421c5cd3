import { Args, ArgsType, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { readFeed, readFeedBackwards } from '../ledger/feed';
import { PageArgs, pageOf, pageWindow, toConnection } from '../../shared/pagination';
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
      '`totalCount` is the log size. `last`/`before` read it backwards: the entries just before a log index (or the latest ones), still in log order.',
  })
  async changes(@Args() args: ChangesArgs, @Ctx() { em }: Context) {
    const window = pageWindow(args);
    const cursor = parseFeedCursor(window.cursor, window.cursorArgument);
    const page = window.backward ? await readFeedBackwards(em, cursor, window.size + 1) : await readFeed(em, cursor, window.size + 1);
    checkCursorInLog(cursor, page.logSize, window.cursorArgument);
    const rows: ChangeView[] = page.entries.map(toChange);
    // a cursor is a log index: entries lie on its other side (the log is never cut)
    return toConnection(pageOf(rows, window, cursorOf, async () => Number(page.logSize)));
  }
}
