import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { Max, Min } from 'class-validator';
import { badInput } from '../errors';
import { instantProblem } from './instant';
import { TEXT_LIMITS, TextLimit, unstorableProblem } from './text';

/** Relay page info for keyset-paginated connections. */
@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

/** Arguments every connection takes: `first` is required so no list is unbounded. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { description: 'Page size, 1 to 100.' })
  @Min(1)
  @Max(100)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Cursor from a previous page (pageInfo.endCursor) of the same list and order.' })
  @TextLimit(TEXT_LIMITS.url)
  after?: string | null;
}

/** Builds a Relay connection type (`edges`, `nodes`, `pageInfo`, `totalCount`) for a node type. */
export function Connection<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field() cursor!: string;
    @Field(() => node) node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => [node]) nodes!: T[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: 'Number of records matching the filter, across all pages.' })
    totalCount!: Promise<number>;
  }
  return ConnectionType;
}

/** Plain shape a list query returns before it becomes a connection. */
export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
  cursorOf: (row: T) => string;
  count: () => Promise<number>;
}

/** Turns a fetched page into the connection object the schema exposes. */
export function toConnection<T>(page: Page<T>) {
  const edges = page.rows.map((node) => ({ node, cursor: page.cursorOf(node) }));
  return {
    edges,
    nodes: page.rows,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
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
 * is refused with BAD_USER_INPUT on `after`, so it can neither fail in the database nor return a wrong page.
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

  /** The sort key values of a cursor this codec issued. */
  decode(cursor: string): CursorValues<K> {
    const parsed = parseJson(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== this.kinds.length + 2) throw badInput('after', 'is not a cursor this list issued');
    const [list, order, ...raw] = parsed;
    if (list !== this.list || order !== this.order) throw badInput('after', `is not a cursor of ${this.list} in order ${this.order}`);
    const values = raw.map((value, i) => decodeValue(value, this.kinds[i]));
    if (values.some((v) => v === undefined)) throw badInput('after', 'holds values this list never issued');
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
