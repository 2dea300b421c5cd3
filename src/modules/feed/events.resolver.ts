import { Arg, Root, Resolver, Subscription } from 'type-graphql';
import type { Context } from '../../context';
import { readFeed } from '../ledger/feed';
import { toChange } from './change.types';
import { checkCursorInLog, parseFeedCursor } from './feed-cursor';
import { followLog, FollowPage } from './follow-log';
import { loadFlagSubjects } from './flag-subjects';
import { loadPlatformAssociations } from './platform-associations';
import {
  entityTypesOf,
  eventKindOf,
  EventSubject,
  eventSubjectOf,
  filtersSubjects,
  kindsOf,
  matchesFilter,
  RegistryEventFilter,
  RegistryEventView,
  steppedFlagOf,
} from './registry-events';

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
      "New flags, flag status changes, steps of flags' cases, new filings and registry status changes, as they are recorded, filtered. Without `after` it starts " +
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
  const { logSize } = await readFeed(em, null, { limit: 0 });
  checkCursorInLog(requested, logSize);
  const kinds = kindsOf(filter);
  const types = entityTypesOf(kinds);
  const associations = new Map<string, string>();
  const flags = new Map<string, EventSubject>();
  const read = async (cursor: bigint | null): Promise<FollowPage<RegistryEventView>> => {
    const page = await readFeed(em, cursor, { limit: READ_BATCH, types });
    const events = page.entries.flatMap((entry) => {
      const kind = eventKindOf(entry.envelope);
      return kind && kinds.includes(kind) ? [{ entry, kind }] : [];
    });
    // at most two statements per read, whatever its size: the subjects of stepped flags, then associations
    if (filtersSubjects(filter)) {
      await loadFlagSubjects(em, events.flatMap(({ entry }) => steppedFlagOf(entry.envelope) ?? []), flags);
    }
    const subjects = events.map(({ entry }) => eventSubjectOf(entry.envelope, (id) => flags.get(id)));
    if (filter?.associationId) await loadPlatformAssociations(em, subjects.flatMap((subject) => subject?.platform ?? []), associations);
    const items: RegistryEventView[] = [];
    events.forEach(({ entry, kind }, i) => {
      if (matchesFilter(subjects[i], filter, (id) => associations.get(id))) items.push({ kind, cursor: entry.logIndex.toString(), change: toChange(entry) });
    });
    const last = page.entries[page.entries.length - 1];
    return { items, cursor: last ? last.logIndex : cursor, more: page.cut || page.entries.length === READ_BATCH };
  };
  return followLog(logWatch, requested ?? logSize - 1n, read);
}
