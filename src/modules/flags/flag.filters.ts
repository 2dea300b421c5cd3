import { IsPeriod } from '../../shared/period';
import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../shared/pagination';
import { RuleCategory, Severity } from '../rules/rule.enums';
import { FlagStatus } from './flag.enums';


@InputType({ description: 'All given conditions must hold; lists mean any of.' })
export class FlagFilter {
  @Field(() => ID, { description: 'Flags about this platform; a global id.', nullable: true }) platformId?: string;
  @Field(() => ID, { description: 'Flags raised on this filing version; a global id.', nullable: true }) filingId?: string;
  @Field(() => String, { nullable: true, description: 'Rule code, e.g. POOL-001.' }) ruleCode?: string;
  @Field(() => [Severity], { description: 'Any of these severities.', nullable: true }) severity?: Severity[];
  @Field(() => [RuleCategory], { description: 'Any of these rule categories.', nullable: true }) category?: RuleCategory[];
  @Field(() => [FlagStatus], { description: 'Any of these statuses.', nullable: true }) status?: FlagStatus[];

  @Field(() => String, { nullable: true, description: 'From this month (YYYY-MM), inclusive.' })
  @IsOptional()
  @IsPeriod()
  periodFrom?: string;

  @Field(() => String, { nullable: true, description: 'To this month (YYYY-MM), inclusive.' })
  @IsOptional()
  @IsPeriod()
  periodTo?: string;
}

@ArgsType()
export class FlagsArgs extends PageArgs {
  @Field(() => FlagFilter, { description: 'Conditions that must all hold; none for every flag.', nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: FlagFilter | null;
}
