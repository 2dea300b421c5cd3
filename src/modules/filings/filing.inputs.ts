import { IsPeriod } from '../../shared/period';
import { TEXT_LIMITS, TextLimit } from '../../shared/text';
import { Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { FilingContentInput } from './filing-content';


@InputType({ description: "One month's filing." })
export class SubmitFilingInput extends FilingContentInput {
  @Field(() => ID, { description: 'The filing platform (your own); a global id.' }) platformId!: string;

  @Field({ description: 'Reporting month, YYYY-MM.' })
  @IsPeriod()
  period!: string;

  @Field({ description: 'Currency of every amount: CNY, the only one accepted.', defaultValue: 'CNY' })
  @Matches(/^CNY$/, { message: 'must be CNY' })
  currency!: string;

  @Field(() => String, { nullable: true, description: 'Makes retries safe: the same key and payload return the stored result.' })
  @TextLimit(TEXT_LIMITS.idempotencyKey)
  idempotencyKey?: string | null;
}

@InputType({ description: 'A correction of the live filing of a period: a new version that supersedes it.' })
export class AmendFilingInput extends FilingContentInput {
  @Field(() => ID, { description: 'The live (latest) version being corrected.' }) filingId!: string;

  @Field({ description: 'Why the filing is corrected; public, shown on the new version as amendmentReason.' }) @TextLimit(TEXT_LIMITS.note) reason!: string;

  @Field(() => String, { description: 'Makes retries safe: the same key and payload return the stored result (or send the Idempotency-Key header).', nullable: true })
  @TextLimit(TEXT_LIMITS.idempotencyKey)
  idempotencyKey?: string | null;
}

