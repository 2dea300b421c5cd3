import { ArrayMaxSize, IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { TEXT_LIMITS, TextLimit } from '../../shared/text';
import { CaseAction, MemberCaseAction } from './case-transitions';

/** The decisions a reviewer can take on a case, each a step of CASE_TRANSITIONS. */
export enum FlagDecision {
  CONFIRMED = 'CONFIRMED',
  DISMISSED = 'DISMISSED',
  REMEDIATED = 'REMEDIATED',
}
registerEnumType(FlagDecision, {
  name: 'FlagDecision',
  description: "A reviewer's decision on a flag's case.",
  valuesConfig: {
    CONFIRMED: { description: 'The breach stands.' },
    DISMISSED: { description: 'The flag is wrong (e.g. a keyword screen misfired); the reason says why.' },
    REMEDIATED: { description: 'The breach was fixed: `remediatingFilingId` names the later filing that shows it.' },
  },
});

/** The case step each decision takes. */
export const DECISION_ACTION: Readonly<Record<FlagDecision, MemberCaseAction>> = {
  [FlagDecision.CONFIRMED]: CaseAction.CONFIRM,
  [FlagDecision.DISMISSED]: CaseAction.DISMISS,
  [FlagDecision.REMEDIATED]: CaseAction.REMEDIATE,
};

@InputType({ description: "The platform's answer to a flag." })
export class ReplyToFlagInput {
  @Field(() => ID, { description: 'The flag answered.' })
  flagId!: string;

  @Field({ description: 'The reply, shown publicly next to the flag (1 to 4,000 characters).' })
  @TextLimit(TEXT_LIMITS.note)
  text!: string;

  @Field(() => [String], { nullable: true, description: 'SHA-256 (lowercase hex) of up to 20 documents the reply refers to; the documents stay with the platform.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(/^[0-9a-f]{64}$/, { each: true, message: 'each must be a lowercase hex SHA-256' })
  documentSha256s?: string[] | null;
}

@InputType({ description: "A reviewer's decision on a flag's case." })
export class DecideFlagInput {
  @Field(() => ID, { description: 'The flag decided.' })
  flagId!: string;

  @Field(() => FlagDecision, { description: 'The decision.' })
  decision!: FlagDecision;

  @Field({ description: 'Why, shown publicly (1 to 4,000 characters).' })
  @TextLimit(TEXT_LIMITS.note)
  reason!: string;

  @Field(() => ID, { nullable: true, description: 'For REMEDIATED (and only then): the later filing of the platform that shows the fix.' })
  remediatingFilingId?: string | null;
}

@InputType({ description: 'Reopening a decided case.' })
export class ReopenFlagInput {
  @Field(() => ID, { description: 'The flag whose case is reopened.' })
  flagId!: string;

  @Field({ description: 'Why it is reopened, shown publicly (1 to 4,000 characters).' })
  @TextLimit(TEXT_LIMITS.note)
  reason!: string;
}
