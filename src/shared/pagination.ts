import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { IsOptional, Max, Min } from 'class-validator';
import { badInput } from '../errors';
import { instantProblem } from './instant';
import { TEXT_LIMITS, TextLimit, unstorableProblem } from './text';

/** Relay page info for keyset-paginated connections. */
@ObjectType({ description: 'Where a page sits in its list: whether there are more records either way, and the cursors to ask for them.' })
export class PageInfo {
  @Field({ description: 'More records follow this page: ask with first and after: endCursor.' })
  hasNextPage!: boolean;

  @Field({ description: 'Records come before this page: ask with last and before: startCursor.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the page's first record; null for an empty page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "Cursor of the page's last record; null for an empty page." })
  endCursor!: string | null;
}

/** Most records one page holds. */
export const MAX_PAGE_SIZE = 100;

/**
 * The arguments of a connection whose pages hold up to `max` records: exactly one of `first` (forwards,
 * with `after`) or `last` (backwards, with `before`), so no list is unbounded. The combinations are checked
 * by pageWindow().
 */
export function pageArgsUpTo(max: number) {
  @ArgsType()
  class PageArgsUpTo {
    @Field(() => Int, { nullable: true, description: `Page size reading forwards, 1 to ${max}: the first records (after \`after\`). Give first or last.` })
    @IsOptional()
    @Min(1)
    @Max(max)
    first?: number | null;

    @Field(() => String, { nullable: true, description: 'With first: the records after this cursor (pageInfo.endCursor, or any edge cursor) of the same list and order.' })
    @TextLimit(TEXT_LIMITS.url)
    after?: string | null;

    @Field(() => Int, { nullable: true, description: `Page size reading backwards, 1 to ${max}: the last records (before \`before\`), still in list order. Give first or last.` })
    @IsOptional()
    @Min(1)
    @Max(max)
    last?: number | null;

    @Field(() => String, { nullable: true, description: 'With last: the records before this cursor (pageInfo.startCursor, or any edge cursor) of the same list and order.' })
    @TextLimit(TEXT_LIMITS.url)
    before?: string | null;
  }
  return PageArgsUpTo;
}

/** Arguments every connection takes: pages of up to MAX_PAGE_SIZE records. */
@ArgsType()
export class PageArgs extends pageArgsUpTo(MAX_PAGE_SIZE) {}

/** Which page a connection's arguments ask for: `size` records next to `cursor`, forwards or backwards. */
export interface PageWindow {
  size: number;
  backward: boolean;
  /** The `after` (forwards) or `before` (backwards) cursor, if given. */
  cursor: string | null;
  /** The argument the cursor came in, for error paths. */
  cursorArgument: 'after' | 'before';
}

/** The window the arguments ask for (pages of up to `max` records); BAD_USER_INPUT for neither or both of first/last, or a cursor of the other direction. */
export function pageWindow(args: PageArgs, max = MAX_PAGE_SIZE): PageWindow {
  const { first, last, after, before } = args;
  const has = (value: unknown) => value !== null && value !== undefined;
  if (has(first) && has(last)) throw badInput('last', 'cannot be given with first: ask for first (forwards) or last (backwards), not both');
  if (!has(first) && !has(last)) throw badInput('first', `is required (1 to ${max}), or give last to read backwards`);
  if (has(first) && has(before)) throw badInput('before', 'goes with last: with first, use after');
  if (has(last) && has(after)) throw badInput('after', 'goes with first: with last, use before');
  return has(first)
    ? { size: first as number, backward: false, cursor: after ?? null, cursorArgument: 'after' }
    : { size: last as number, backward: true, cursor: before ?? null, cursorArgument: 'before' };
}

/**
 * How to read a list in `direction` for this window: the order to fetch in, and the comparison of the sort
 * key with the cursor's (`(key) > (cursor)` reading ascending). Backwards, the list is read reversed from the
 * cursor (or the end) and the page turned back into list order by pageOf().
 */
export function keysetRead(direction: 'asc' | 'desc', window: PageWindow): { order: 'asc' | 'desc'; compare: '>' | '<' } {
  const order = window.backward ? (direction === 'asc' ? 'desc' : 'asc') : direction;
  return { order, compare: order === 'asc' ? '>' : '<' };
}

/** Builds a Relay connection type (`edges`, `nodes`, `pageInfo`, `totalCount`) for a node type. */
export function Connection<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its cursor.` })
  class Edge {
    @Field({ description: 'Where this record sits in the list: pass it as after (or before) to read on from it.' })
    cursor!: string;

    @Field(() => node, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} records, in list order, with cursors both ways.` })
  class ConnectionType {
    @Field(() => [Edge], { description: "The page's records with their cursors." })
    edges!: Edge[];

    @Field(() => [node], { description: "The page's records (edges without cursors)." })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Whether more records come before or after this page, and its first and last cursors.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of records matching the filter, across all pages.' })
    totalCount!: Promise<number>;
  }
  return ConnectionType;
}

/** Plain shape a list query returns before it becomes a connection. */
export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  cursorOf: (row: T) => string;
  count: () => Promise<number>;
}

/**
 * The page from rows fetched with keysetRead() and a limit of `window.size + 1`: the extra row says whether
 * the list goes on that way (as it does when the read was `cutShort`, by a byte budget); a cursor says there
 * are records on its other side (records are never deleted).
 */
export function pageOf<T>(fetched: T[], window: PageWindow, cursorOf: (row: T) => string, count: () => Promise<number>, cutShort = false): Page<T> {
  const more = cutShort || fetched.length > window.size;
  const rows = fetched.slice(0, window.size);
  if (window.backward) rows.reverse();
  const cursorGiven = window.cursor !== null;
  return {
    rows,
    hasNextPage: window.backward ? cursorGiven : more,
    hasPreviousPage: window.backward ? more : cursorGiven,
    cursorOf,
    count,
  };
}

/** Turns a fetched page into the connection object the schema exposes; `view` turns a row into its node (the row itself by default). */
export function toConnection<T, V = T>(page: Page<T>, view: (row: T) => V = (row) => row as unknown as V) {
  const edges = page.rows.map((row) => ({ node: view(row), cursor: page.cursorOf(row) }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
    /** A getter, so the count query runs only when `totalCount` is selected. */
    get totalCount() {
      return page.count();
    },
  };
}

/** Kinds of value a cursor holds: text, a 32-bit integer, or an instant (a Date, sent as RFC 3339). */
export type CursorValueKind = 'text' | 'int' | 'instant';

type ValueOf<K extends CursorValueKind> = K extends 'instant' ? Date : K extends 'int' ? number : string;

/** The values of a cursor with these kinds, e.g. `['instant', 'text']` gives `[Date, string]`. */
export type CursorValues<K extends readonly CursorValueKind[]> = { -readonly [I in keyof K]: ValueOf<K[I]> };

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The cursors of one list in one order: opaque base64url JSON of `[list, order, ...sort key values]`.
 * A cursor of another list or order, or whose values do not have the kinds of this order's sort key,
 * is refused with BAD_USER_INPUT on `after` (or `before`), so it can neither fail in the database nor return a wrong page.
 */
export class CursorCodec<K extends readonly CursorValueKind[]> {
  constructor(
    readonly list: string,
    readonly order: string,
    readonly kinds: K,
  ) {}

  /** The cursor after a row with these sort key values. */
  encode(values: CursorValues<K>): string {
    const plain = (values as unknown[]).map((v) => (v instanceof Date ? v.toISOString() : v));
    return Buffer.from(JSON.stringify([this.list, this.order, ...plain])).toString('base64url');
  }

  /** The sort key values of a cursor this codec issued; errors name `argument` (`after` or `before`). */
  decode(cursor: string, argument: 'after' | 'before' = 'after'): CursorValues<K> {
    const parsed = parseJson(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== this.kinds.length + 2) throw badInput(argument, 'is not a cursor this list issued');
    const [list, order, ...raw] = parsed;
    if (list !== this.list || order !== this.order) throw badInput(argument, `is not a cursor of ${this.list} in order ${this.order}`);
    const values = raw.map((value, i) => decodeValue(value, this.kinds[i]));
    if (values.some((v) => v === undefined)) throw badInput(argument, 'holds values this list never issued');
    return values as CursorValues<K>;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A cursor value of the given kind, or undefined when it is not one (text must be storable: rows may predate today's text rules). */
function decodeValue(value: unknown, kind: CursorValueKind): string | number | Date | undefined {
  if (kind === 'int') return Number.isInteger(value) && (value as number) >= INT32.min && (value as number) <= INT32.max ? (value as number) : undefined;
  if (typeof value !== 'string') return undefined;
  if (kind === 'text') return unstorableProblem(value) || value.length > TEXT_LIMITS.url ? undefined : value;
  const instant = new Date(value);
  return ISO_INSTANT.test(value) && !instantProblem(instant) ? instant : undefined;
}
