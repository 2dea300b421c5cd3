import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { Max, Min } from 'class-validator';
import { badInput } from '../errors';

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

  @Field(() => String, { nullable: true, description: 'Cursor from a previous page (pageInfo.endCursor).' })
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

/** Opaque cursor: base64url JSON of the sort key values of the last row seen. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`, refusing anything else with BAD_USER_INPUT on `after`. */
export function decodeCursor(cursor: string, arity: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity) return values;
  } catch {
    // fall through to the error below
  }
  throw badInput('after', 'is not a cursor this list issued');
}
