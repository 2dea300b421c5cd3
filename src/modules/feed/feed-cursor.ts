import { badInput } from '../../errors';

const DECIMAL = /^(0|[1-9][0-9]{0,18})$/;

/**
 * A feed cursor: the log index of the last entry read, in decimal (any entry's `logIndex` is one, so a
 * reader may start after an entry it learnt of elsewhere, e.g. a receipt). Null when absent: from the start.
 * Anything else is refused with BAD_USER_INPUT on `path`.
 */
export function parseFeedCursor(cursor: string | null | undefined, path = 'after'): bigint | null {
  if (cursor === null || cursor === undefined) return null;
  if (!DECIMAL.test(cursor) || BigInt(cursor) >= 2n ** 63n) throw badInput(path, 'is not a feed cursor: a log index in decimal, e.g. "41" (an entry\'s logIndex)');
  return BigInt(cursor);
}

/** Refuses a cursor past the log's last entry (the log holds `logSize` entries), which no reader was ever given. */
export function checkCursorInLog(cursor: bigint | null, logSize: bigint, path = 'after'): void {
  if (cursor !== null && cursor >= logSize) {
    throw badInput(path, `is beyond the log: it holds ${logSize} entries, so the last cursor is "${logSize - 1n}"`);
  }
}
