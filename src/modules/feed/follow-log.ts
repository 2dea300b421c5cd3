import { Repeater, SlidingBuffer } from '@graphql-yoga/subscription';
import type { LogWatch } from '../ledger/log-watch';

/** What one read of the log after a cursor gave: the items to send, the cursor to go on from, and whether more may follow at once. */
export interface FollowPage<T> {
  items: T[];
  cursor: bigint | null;
  more: boolean;
}

/**
 * Follows the log from `cursor` (null: its start): reads with `read` until caught up, then waits for the
 * watch to wake it and reads again. Notifications only wake it: what it sends is read from the ledger by
 * cursor, so nothing is lost or sent twice, however notifications arrive (coalesced into one pending
 * wake while a read runs). The consumer's pace holds reading back; `return()` stops it at once.
 */
export function followLog<T>(watch: LogWatch, cursor: bigint | null, read: (after: bigint | null) => Promise<FollowPage<T>>): Repeater<T> {
  return new Repeater<T>(async (push, stop) => {
    // registered before the first read, so a write committed while it runs still wakes the next one
    const wakes = new Repeater<void>((wake, stopWakes) => stopWakes.then(watch.onGrowth(() => void wake())), new SlidingBuffer(1));
    let woken = wakes.next();
    let stopped = false;
    void stop.then(() => (stopped = true));
    try {
      while (!stopped) {
        for (let more = true; more && !stopped; ) {
          const page = await read(cursor);
          for (const item of page.items) await push(item);
          ({ cursor, more } = page);
        }
        await Promise.race([woken, stop]);
        woken = wakes.next();
      }
    } finally {
      await wakes.return();
    }
  });
}
