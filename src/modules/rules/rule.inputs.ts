import { Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { RuleCategory, Severity } from './rule.enums';

@InputType({ description: 'The content of a rule draft. Saving again edits the open draft.' })
export class SaveRuleDraftInput {
  @Field({ description: 'Stable code, e.g. POOL-002: capitals, digits and dashes.' })
  @Matches(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/, { message: 'must be capitals, digits and dashes, like POOL-002' })
  @Length(1, 40)
  code!: string;

  @Field() @Length(1, 300) title!: string;
  @Field() @Length(1, 5000) text!: string;
  @Field() @Length(1, 2000) basis!: string;
  @Field({ defaultValue: '' }) @Length(0, 2000) threshold!: string;
  @Field(() => RuleCategory) category!: RuleCategory;
  @Field(() => Severity) severity!: Severity;

  @Field({ description: 'CEL over platform, filing, prev, ctx; compiled and checked on save.' })
  @Length(1, 10000)
  expression!: string;
}

@InputType()
export class PublishRuleDraftInput {
  @Field(() => ID) ruleVersionId!: string;

  @Field(() => Date, { description: 'First instant the version is in force; not before the version it replaces.' })
  effectiveFrom!: Date;
}

@InputType()
export class RetireRuleInput {
  @Field(() => ID) ruleId!: string;
  @Field(() => Date) effectiveFrom!: Date;
  @Field() @Length(1, 2000) reason!: string;
}
