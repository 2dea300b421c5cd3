import { EntityManager } from '@mikro-orm/postgresql';
import { ArgsType, Field, InputType, Int, ObjectType } from 'type-graphql';
import { IsOptional, ValidateNested } from 'class-validator';
import { badInput } from '../../errors';
import { CursorCodec, keysetRead, Page, PageArgs, pageOf, pageWindow } from '../../shared/pagination';
import { sql } from '../../shared/sql';
import { Flag } from '../flags/flag.entity';
import { FlagCaseState, FlagStatus } from '../flags/flag.enums';
import { RuleCategory, Severity } from '../rules/rule.enums';

/** Case states a reviewer still has to act on. */
const AWAITING = [FlagCaseState.OPEN, FlagCaseState.RESPONDED];

@InputType({ description: 'Narrows the review queue; all given conditions must hold, lists mean any of.' })
export class ReviewQueueFilter {
  @Field(() => [RuleCategory], { nullable: true, description: 'Rule categories.' }) category?: RuleCategory[];
  @Field(() => String, { nullable: true, description: 'One platform id.' }) platformId?: string;
  @Field(() => String, { nullable: true, description: 'One rule code, e.g. GUAR-002.' }) ruleCode?: string;
  @Field(() => [FlagCaseState], { nullable: true, description: 'OPEN (no reply yet) or RESPONDED (a reply awaits a decision).' }) caseState?: FlagCaseState[];
}

@ArgsType()
export class ReviewQueueArgs extends PageArgs {
  @Field(() => ReviewQueueFilter, { nullable: true, description: 'Narrows the queue.' })
  @IsOptional()
  @ValidateNested()
  filter?: ReviewQueueFilter | null;
}

@ObjectType({ description: 'How many cases of the queue (as filtered) await a decision, by state and severity.' })
export class ReviewQueueCounts {
  @Field(() => Int, { description: 'Cases with no reply yet.' }) open!: number;
  @Field(() => Int, { description: 'Cases with a reply awaiting a decision.' }) responded!: number;
  @Field(() => Int, { description: 'CRITICAL flags.' }) critical!: number;
  @Field(() => Int, { description: 'HIGH flags.' }) high!: number;
  @Field(() => Int, { description: 'MEDIUM flags.' }) medium!: number;
  @Field(() => Int, { description: 'LOW flags.' }) low!: number;
  @Field(() => Int, { description: "OPEN challenges of records about the association's platforms (see `challenges`), whatever the filter." }) challenges!: number;
}

/** Cursors of the review queue: most severe first, then oldest first. */
const QUEUE_CURSOR = new CursorCodec('reviewQueue', 'SEVERITY_THEN_AGE', ['text', 'instant', 'text'] as const);

/** The current flags of an association's platforms whose case awaits its reviewers, as `filter` narrows them. */
function awaiting(em: EntityManager, associationId: string, filter: ReviewQueueFilter | null | undefined) {
  const qb = em
    .createQueryBuilder(Flag, 'g')
    .join('g.platform', 'p')
    .where({ status: FlagStatus.OPEN, caseState: { $in: filter?.caseState?.length ? filter.caseState.filter((s) => AWAITING.includes(s)) : AWAITING } })
    .andWhere({ platform: { association: associationId } });
  if (filter?.category?.length) qb.andWhere({ category: { $in: filter.category } });
  if (filter?.platformId) qb.andWhere({ platform: filter.platformId });
  if (filter?.ruleCode) qb.andWhere({ ruleCode: filter.ruleCode });
  return qb;
}

/** One keyset page of an association's review queue: most severe first, oldest first within a severity. */
export async function findReviewQueuePage(em: EntityManager, associationId: string, args: ReviewQueueArgs): Promise<Page<Flag>> {
  const qb = awaiting(em, associationId, args.filter);
  const window = pageWindow(args);
  const { order, compare } = keysetRead('asc', window);
  if (window.cursor) {
    const [severity, raisedAt, id] = QUEUE_CURSOR.decode(window.cursor, window.cursorArgument);
    if (!Object.values(Severity).includes(severity as Severity)) throw badInput(window.cursorArgument, 'holds values this list never issued');
    qb.andWhere(`(g.severity, g.raised_at, g.id) ${compare} (?::severity, ?, ?)`, [severity, raisedAt, id]);
  }
  const rows = await qb.orderBy({ severity: order, raisedAt: order, id: order }).limit(window.size + 1).getResultList();
  const cursorOf = (flag: Flag) => QUEUE_CURSOR.encode([flag.severity, flag.raisedAt, flag.id]);
  return pageOf(rows, window, cursorOf, () => awaiting(em, associationId, args.filter).getCount());
}

/** The queue's counts by case state and severity (one statement), and its open challenges (another). */
export async function reviewQueueCounts(em: EntityManager, associationId: string, filter: ReviewQueueFilter | null | undefined): Promise<ReviewQueueCounts> {
  const { sql: where, bindings } = awaiting(em, associationId, filter).select(['g.case_state', 'g.severity']).getKnexQuery().toSQL();
  const rows = await sql<{ case_state: FlagCaseState; severity: Severity; n: number }>(
    em,
    `select case_state, severity, count(*)::int as n from (${where}) q group by case_state, severity`,
    [...bindings],
  );
  const [{ n: challenges }] = await sql<{ n: number }>(
    em,
    `select count(*)::int as n from challenge c join platform p on p.id = c.platform_id where p.association_id = ? and c.status = 'OPEN'`,
    [associationId],
  );
  const counts = { open: 0, responded: 0, critical: 0, high: 0, medium: 0, low: 0, challenges };
  for (const row of rows) {
    counts[row.case_state === FlagCaseState.RESPONDED ? 'responded' : 'open'] += row.n;
    counts[row.severity.toLowerCase() as 'critical' | 'high' | 'medium' | 'low'] += row.n;
  }
  return counts;
}
