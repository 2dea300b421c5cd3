import { Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { TEXT_LIMITS, TextLimit } from '../../shared/text';
import { RuleCategory, Severity } from './rule.enums';

@InputType({ description: 'The content of a rule draft. Saving again edits the open draft.' })
export class SaveRuleDraftInput {
  @Field({ description: 'Stable code, e.g. POOL-002: capitals, digits and dashes, at most 40 characters.' })
  @Matches(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/, { message: 'must be capitals, digits and dashes, like POOL-002' })
  @TextLimit(40)
  code!: string;

  @Field() title!: string;
  @Field() @TextLimit(TEXT_LIMITS.document) text!: string;
  @Field() @TextLimit(TEXT_LIMITS.note) basis!: string;
  @Field({ defaultValue: '' }) @TextLimit(TEXT_LIMITS.note, { allowEmpty: true }) threshold!: string;
  @Field(() => RuleCategory) category!: RuleCategory;
  @Field(() => Severity) severity!: Severity;

  @Field({ description: 'CEL over platform, filing, prev, ctx; compiled and checked on save.' })
  @TextLimit(TEXT_LIMITS.document)
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
  @Field() @TextLimit(TEXT_LIMITS.note) reason!: string;
}
