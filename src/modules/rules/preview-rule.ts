import { EntityManager } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { NotFoundError } from '../../errors';
import { MemberViewer } from '../accounts/viewer';
import { periodBounds } from '../calendar/working-days';
import { evaluateFiling } from '../flags/evaluate-filing';
import { Filing } from '../filings/filing.entity';
import { assertEditsRulebook } from './rule.policy';
import { RuleVersion } from './rule-version.entity';
import { versionsInForce } from './rules-in-force';

/** Most filings one preview evaluates; narrow the period range for more. */
export const PREVIEW_LIMIT = 2000;

/** How the draft and the version in force judge one filing. */
@ObjectType()
export class PreviewItem {
  @Field(() => Filing) filing!: Filing;
  @Field({ description: 'FLAGGED, PASSED or ERROR under the draft.' }) draft!: string;
  @Field({ description: 'FLAGGED, PASSED or ERROR under the version in force; NONE when the rule is not in force.' }) inForce!: string;
}

/** What publishing a draft would change over the filings on record. */
@ObjectType({ description: 'A dry run of a draft rule over the live filings of a period range.' })
export class RulePreview {
  @Field(() => Int) evaluated!: number;
  @Field({ description: 'True when more filings matched than PREVIEW_LIMIT and only the first were evaluated.' }) truncated!: boolean;
  @Field(() => [PreviewItem], { description: 'Filings the draft would flag.' }) wouldFlag!: PreviewItem[];
  @Field(() => [PreviewItem], { description: 'Filings whose outcome differs from the version in force.' }) changed!: PreviewItem[];
}

/** Evaluates a draft over the association's live filings from `fromPeriod` to `toPeriod`, beside the version in force. Writes nothing. */
export async function previewRuleDraft(
  em: EntityManager,
  viewer: MemberViewer,
  input: { ruleVersionId: string; fromPeriod: string; toPeriod: string },
): Promise<RulePreview> {
  const draft = await em.findOne(RuleVersion, input.ruleVersionId, { populate: ['rule'] });
  if (!draft) throw new NotFoundError('RuleVersion', input.ruleVersionId);
  const associationId = draft.rule.association.id;
  assertEditsRulebook(viewer, associationId);
  const filings = await em
    .createQueryBuilder(Filing, 'f')
    .join('f.platform', 'p')
    .where({ platform: { association: associationId }, period: { $gte: input.fromPeriod, $lte: input.toPeriod } })
    .andWhere('not exists (select 1 from filing s where s.supersedes_id = f.id)')
    .orderBy({ period: 'asc', id: 'asc' })
    .limit(PREVIEW_LIMIT + 1)
    .getResultList();
  const items: PreviewItem[] = [];
  for (const filing of filings.slice(0, PREVIEW_LIMIT)) {
    const inForce = (await versionsInForce(em, associationId, periodBounds(filing.period).end)).find((v) => v.rule.id === draft.rule.id);
    const versions = inForce ? [draft, inForce] : [draft];
    const { findings } = await evaluateFiling(em, filing, { asOf: new Date(), versions });
    items.push({ filing, draft: findings[0].outcome, inForce: findings[1]?.outcome ?? 'NONE' });
  }
  return {
    evaluated: items.length,
    truncated: filings.length > PREVIEW_LIMIT,
    wouldFlag: items.filter((i) => i.draft === 'FLAGGED'),
    changed: items.filter((i) => i.draft !== i.inForce),
  };
}
