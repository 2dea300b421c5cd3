import { Arg, Root, Resolver, Subscription } from 'type-graphql';
import type { Context } from '../../context';
import { readFeed } from '../ledger/feed';
import { toChange } from './change.types';
import { checkCursorInLog, parseFeedCursor } from './feed-cursor';
import { followLog, FollowPage } from './follow-log';
import { loadPlatformAssociations } from './platform-associations';
import { entityTypesOf, eventKindOf, kindsOf, matchesFilter, RegistryEventFilter, RegistryEventView } from './registry-events';

/** Entries read per statement while a subscription catches up. */
const READ_BATCH = 500;

interface EventsArgs {
  after?: string | null;
  filter?: RegistryEventFilter | null;
}

/** Registry events over WebSocket (graphql-ws), read from the change feed. */
@Resolver()
export class RegistryEventsResolver {
  @Subscription(() => RegistryEventView, {
    description:
      'New flags, flag status changes, new filings and registry status changes, as they are recorded, filtered. Without `after` it starts ' +
      'at the end of the log; with `after` (the last event cursor you received, or any log index) it first sends every matching event ' +
      'after it, so a reconnecting client loses nothing.',
    subscribe: ({ args, context }) => subscribeToEvents(context as Context, args as EventsArgs),
  })
  registryEvents(
    @Root() event: RegistryEventView,
    @Arg('after', () => String, { nullable: true, description: 'Feed cursor (a log index) to resume after; omit to receive only new events.' }) _after: string | null,
    @Arg('filter', () => RegistryEventFilter, { nullable: true, description: 'Which events to receive; all when omitted.' }) _filter: RegistryEventFilter | null,
  ): RegistryEventView {
    return event;
  }
}

async function subscribeToEvents({ em, logWatch }: Context, { after, filter }: EventsArgs) {
  if (!logWatch) throw new Error('registryEvents is served over WebSocket only (graphql-ws at /graphql)');
  const requested = parseFeedCursor(after);
  const { logSize } = await readFeed(em, null, 0);
  checkCursorInLog(requested, logSize);
  const kinds = kindsOf(filter);
  const types = entityTypesOf(kinds);
  const associations = new Map<string, string>();
  const read = async (cursor: bigint | null): Promise<FollowPage<RegistryEventView>> => {
    const page = await readFeed(em, cursor, READ_BATCH, types);
    if (filter?.associationId) await loadPlatformAssociations(em, page.entries.map((e) => String(e.envelope.record.platform)), associations);
    const items: RegistryEventView[] = [];
    for (const entry of page.entries) {
      const kind = eventKindOf(entry.envelope);
      if (!kind || !kinds.includes(kind) || !matchesFilter(entry.envelope, filter, (id) => associations.get(id))) continue;
      items.push({ kind, cursor: entry.logIndex.toString(), change: toChange(entry) });
    }
    const last = page.entries[page.entries.length - 1];
    return { items, cursor: last ? last.logIndex : cursor, more: page.entries.length === READ_BATCH };
  };
  return followLog(logWatch, requested ?? logSize - 1n, read);
}
