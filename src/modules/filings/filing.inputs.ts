import { IsPeriod } from '../../shared/period';
import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { FilingContentInput } from './filing-content';


@InputType({ description: "One month's filing." })
export class SubmitFilingInput extends FilingContentInput {
  @Field(() => ID) platformId!: string;

  @Field({ description: 'Reporting month, YYYY-MM.' })
  @IsPeriod()
  period!: string;

  @Field({ defaultValue: 'CNY' })
  @Matches(/^CNY$/, { message: 'must be CNY' })
  currency!: string;

  @Field(() => String, { nullable: true, description: 'Makes retries safe: the same key and payload return the stored result.' })
  @IsOptional()
  @Length(1, 200)
  idempotencyKey?: string | null;
}

@InputType({ description: 'A correction of the live filing of a period: a new version that supersedes it.' })
export class AmendFilingInput extends FilingContentInput {
  @Field(() => ID, { description: 'The live (latest) version being corrected.' }) filingId!: string;

  @Field() @Length(1, 2000) reason!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  idempotencyKey?: string | null;
}

