import { Args, ArgsType, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { readFeed } from '../ledger/feed';
import { PageArgs, pageWindow, toConnection } from '../../shared/pagination';
import { badInput } from '../../errors';
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
      '`totalCount` is the log size. Read forwards only (first/after): `last`/`before` are refused, a follower resumes from its cursor.',
  })
  async changes(@Args() args: ChangesArgs, @Ctx() { em }: Context) {
    if (args.last !== null && args.last !== undefined) throw badInput('last', 'is not supported by the change feed: read it forwards with first and after (a log index)');
    if (args.before !== null && args.before !== undefined) throw badInput('before', 'is not supported by the change feed: read it forwards with first and after (a log index)');
    const window = pageWindow(args);
    const first = window.size;
    const cursor = parseFeedCursor(window.cursor);
    const page = await readFeed(em, cursor, first + 1);
    checkCursorInLog(cursor, page.logSize);
    const rows: ChangeView[] = page.entries.slice(0, first).map(toChange);
    // a cursor is a log index: the entries up to it come before this page
    return toConnection({ rows, hasNextPage: page.entries.length > first, hasPreviousPage: cursor !== null, cursorOf, count: async () => Number(page.logSize) });
  }
}
