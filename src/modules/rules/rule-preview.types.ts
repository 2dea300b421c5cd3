import { Field, Int, ObjectType } from 'type-graphql';
import { Filing } from '../filings/filing.entity';
import { RuleOutcome } from './rule.enums';

/** Most filings one preview evaluates; narrow the period range for more. */
export const PREVIEW_LIMIT = 2000;

/** How the draft and the version in force judge one filing. */
@ObjectType({ description: 'How the draft and the version in force judge one live filing, evaluated as of its submission.' })
export class PreviewItem {
  @Field(() => Filing, { description: 'The live filing (amendments replace the versions they correct).' })
  filing!: Filing;

  @Field(() => RuleOutcome, { description: 'The outcome under the draft.' })
  draft!: RuleOutcome;

  @Field(() => String, { nullable: true, description: 'Why the draft failed to evaluate (with line and column when the engine names them); null unless draft is ERROR.' })
  draftError!: string | null;

  @Field(() => RuleOutcome, { nullable: true, description: "The outcome under the rule's version in force at the filing's period end; null when none is in force then (a new or retired rule)." })
  inForce!: RuleOutcome | null;

  @Field(() => String, { nullable: true, description: 'Why the version in force failed to evaluate; null unless inForce is ERROR.' })
  inForceError!: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of the version in force at the period end; null when none is.' })
  inForceVersion!: number | null;
}

/** How many evaluated filings the draft flags, passes and fails on. */
@ObjectType({ description: 'Evaluated filings by outcome under the draft; the three add up to evaluated.' })
export class PreviewDraftCounts {
  @Field(() => Int, { description: 'Filings the draft flags.' }) flagged!: number;
  @Field(() => Int, { description: 'Filings the draft passes.' }) passed!: number;
  @Field(() => Int, { description: 'Filings the draft fails to evaluate on (draftError says why).' }) error!: number;
}

/** How many evaluated filings the version in force flags, passes and fails on, and how many it does not cover. */
@ObjectType({ description: 'Evaluated filings by outcome under the version in force; the four add up to evaluated.' })
export class PreviewInForceCounts {
  @Field(() => Int, { description: 'Filings the version in force flags.' }) flagged!: number;
  @Field(() => Int, { description: 'Filings the version in force passes.' }) passed!: number;
  @Field(() => Int, { description: 'Filings the version in force fails to evaluate on (inForceError says why).' }) error!: number;
  @Field(() => Int, { description: "Filings with no version of the rule in force at their period end (inForce is null)." }) none!: number;
}

/** Counts by outcome of a preview, for the draft and for the version in force. */
@ObjectType({ description: 'Evaluated filings counted by outcome, under the draft and under the version in force.' })
export class PreviewCounts {
  @Field(() => PreviewDraftCounts, { description: 'By outcome under the draft.' }) draft!: PreviewDraftCounts;
  @Field(() => PreviewInForceCounts, { description: 'By outcome under the version in force.' }) inForce!: PreviewInForceCounts;
}

/** What publishing a draft would change over the filings on record. */
@ObjectType({ description: 'A dry run of a draft rule over the live filings of a period range, beside the version in force.' })
export class RulePreview {
  @Field(() => Int, { description: `Filings evaluated: at most ${PREVIEW_LIMIT.toLocaleString('en')}.` })
  evaluated!: number;

  @Field({ description: `True when more than ${PREVIEW_LIMIT.toLocaleString('en')} filings matched and only the first (by period, then id) were evaluated.` })
  truncated!: boolean;

  @Field(() => PreviewCounts, { description: 'Evaluated filings by outcome.' })
  counts!: PreviewCounts;

  @Field(() => [PreviewItem], { description: 'Filings the draft would flag.' })
  wouldFlag!: PreviewItem[];

  @Field(() => [PreviewItem], { description: 'Filings whose outcome under the draft differs from the version in force (a filing no version covers counts as changed).' })
  changed!: PreviewItem[];
}
