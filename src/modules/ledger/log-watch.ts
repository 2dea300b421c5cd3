import type { MikroORM } from '@mikro-orm/postgresql';
import createPostgresSubscriber from 'pg-listen';
import type { Logger } from 'pino';
import { onLocalAppend } from './log-events';

/** The channel the ledger's insert trigger notifies (Migration20261130072000), with the highest new log index. */
export const LOG_CHANNEL = 'ledger_log';

/** Wakes the log's followers in this process whenever public entries may have been appended. */
export interface LogWatch {
  /** Calls `listener` on each wake; returns the unsubscribe. */
  onGrowth(listener: () => void): () => void;
  /** Stops listening (LISTEN connection closed). */
  close(): Promise<void>;
}

/**
 * Watches the log for new public entries. Commits in this process wake at once (the in-process path,
 * all the embedded database allows); with `listen` (a PostgreSQL server) a pg-listen connection also
 * LISTENs on LOG_CHANNEL, so writes of every API process on the database wake this one. pg-listen
 * reconnects after a lost connection; notifications missed meanwhile are made up by one wake on
 * reconnecting, since followers read the ledger from their cursor, never from the notification.
 */
export async function watchLog(orm: MikroORM, listen: boolean, log: Logger): Promise<LogWatch> {
  const listeners = new Set<() => void>();
  const wake = () => listeners.forEach((listener) => listener());
  const stopLocal = onLocalAppend(wake);
  const subscriber = listen
    ? createPostgresSubscriber({ connectionString: orm.config.get('clientUrl') }, { retryTimeout: Infinity, retryInterval: 1000, parse: (payload) => payload })
    : null;
  if (subscriber) {
    subscriber.notifications.on(LOG_CHANNEL, wake);
    subscriber.events.on('connected', wake);
    subscriber.events.on('error', (error) => log.error({ err: error }, 'log notifications: LISTEN connection failed'));
    try {
      await subscriber.connect();
      await subscriber.listenTo(LOG_CHANNEL);
    } catch (error) {
      stopLocal();
      await subscriber.close().catch(() => undefined);
      throw error;
    }
  }
  return {
    onGrowth(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      stopLocal();
      listeners.clear();
      await subscriber?.close();
    },
  };
}
