import { ArgsType, Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection, CursorCodec, Page, PageArgs, PageWindow, toConnection } from '../../shared/pagination';

/** One contribution to a risk score, naming the item it comes from. */
@ObjectType({ description: 'Points of a risk score and the item they come from.' })
export class RiskPoint {
  @Field(() => Int, { description: 'Points this item adds.' }) points!: number;
  @Field({ description: 'Why, in words (e.g. "HIGH flag CUST-001, 2019-06, case RESPONDED").' }) reason!: string;
  @Field({ description: 'What the item is: `flag` or `qualification`.' }) itemType!: string;
  @Field(() => ID, { description: "The item's id (a flag or a qualification)." }) itemId!: string;
}

/** Flags of a platform counted by status, severity and category. */
@ObjectType({ description: 'How many flags of a platform stand in one status, case state, severity and category.' })
export class RiskFlagCount {
  @Field({ description: 'Flag status (OPEN, RESOLVED, SUPERSEDED).' }) status!: string;
  @Field({ description: 'State of the flags\' case (OPEN, RESPONDED, CONFIRMED, DISMISSED, REMEDIATED, CLOSED).' }) caseState!: string;
  @Field({ description: 'Severity of the rule that raised them.' }) severity!: string;
  @Field({ description: 'Category of the rule that raised them.' }) category!: string;
  @Field(() => Int, { description: 'Number of flags.' }) count!: number;
}

/** Arguments of `PlatformRisk.points`. */
@ArgsType()
export class RiskPointsArgs extends PageArgs {}

/** A platform's risk summary: the numbers, and the score with every point's source. */
@ObjectType({ description: "A platform's risk summary as of the request: flags, qualifications, filings, and a score whose every point names its item (formula in the README, \"Compare\")." })
export class PlatformRisk {
  @Field(() => Int, { description: 'The risk score: the sum of `points`.' }) score!: number;
  @Field(() => [RiskFlagCount], { description: 'Every flag of the platform, counted by status, case state, severity and category.' }) flags!: RiskFlagCount[];
  @Field(() => Int, { description: 'Live qualifications that expire within `expiringWithinDays`.' }) qualificationsExpiring!: number;
  @Field(() => Int, { description: 'Live qualifications whose validity has ended.' }) qualificationsExpired!: number;
  @Field(() => Int, { description: 'The window, in days, in which a qualification counts as expiring.' }) expiringWithinDays!: number;
  @Field(() => Int, { description: 'Periods with an open missing-filing flag (FILE-001 without a filing).' }) filingsMissing!: number;
  @Field(() => Int, { description: 'Live filings submitted after their due time.' }) filingsLate!: number;
  /** Every item that scores, highest first; paged by the `points` field. */
  items!: RiskPoint[];
}

/** The connection type of a score's points. */
export const RiskPointConnection = Connection(RiskPoint, 'RiskPoint');

/** The tie-break key of an item: type and id. */
export const itemKey = (item: RiskPoint) => `${item.itemType}:${item.itemId}`;

const cursor = new CursorCodec('riskPoints', 'POINTS_DESC', ['int', 'text'] as const);

/** One page of a score's items, which come ordered by points (highest first), then by item key; forwards or backwards. */
export function riskPointPage(items: RiskPoint[], window: PageWindow) {
  // the index of the first item after the cursor in list order (every item, without one)
  let split = window.backward ? items.length : 0;
  if (window.cursor) {
    const [points, key] = cursor.decode(window.cursor, window.cursorArgument);
    const after = (i: RiskPoint) => i.points < points || (i.points === points && itemKey(i) > key);
    const afterIndex = items.findIndex(after);
    const firstAfter = afterIndex < 0 ? items.length : afterIndex;
    // backwards: the items strictly before the cursor end where the cursor's own item (or the first item after it) begins
    const atOrAfter = items.findIndex((i) => after(i) || (i.points === points && itemKey(i) === key));
    split = window.backward ? (atOrAfter < 0 ? items.length : atOrAfter) : firstAfter;
  }
  const start = window.backward ? Math.max(0, split - window.size) : split;
  const end = window.backward ? split : Math.min(items.length, split + window.size);
  const page: Page<RiskPoint> = {
    rows: items.slice(start, end),
    hasNextPage: end < items.length,
    hasPreviousPage: start > 0,
    cursorOf: (item) => cursor.encode([item.points, itemKey(item)]),
    count: async () => items.length,
  };
  return toConnection(page);
}
