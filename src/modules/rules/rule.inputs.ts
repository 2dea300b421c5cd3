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

  @Field({ description: 'Short title of the rule.' }) title!: string;
  @Field({ description: 'Plain-language statement of the rule.' }) @TextLimit(TEXT_LIMITS.document) text!: string;
  @Field({ description: 'Legal basis, e.g. Interim Measures Art. 10(2).' }) @TextLimit(TEXT_LIMITS.note) basis!: string;
  @Field({ description: 'Why the threshold is where it is.', defaultValue: '' }) @TextLimit(TEXT_LIMITS.note, { allowEmpty: true }) threshold!: string;
  @Field(() => RuleCategory, { description: 'What the rule is about.' }) category!: RuleCategory;
  @Field(() => Severity, { description: 'How serious a breach is.' }) severity!: Severity;

  @Field({ description: 'CEL over platform, filing, prev, ctx; compiled and checked on save.' })
  @TextLimit(TEXT_LIMITS.document)
  expression!: string;

  @Field({
    description: "Hold this version's flags for a reviewer before publication (e.g. a keyword screen prone to false positives): the platform and its association see them at once, the public once a reviewer confirms them.",
    defaultValue: false,
  })
  reviewBeforePublication?: boolean;
}

@InputType({ description: 'A draft to publish and when it takes effect.' })
export class PublishRuleDraftInput {
  @Field(() => ID, { description: "The draft (a rule version's global id)." }) ruleVersionId!: string;

  @Field(() => Date, { description: 'First instant the version is in force; not before the version it replaces.' })
  effectiveFrom!: Date;
}

@InputType({ description: 'A rule to retire from a date.' })
export class RetireRuleInput {
  @Field(() => ID, { description: "The rule's global id." }) ruleId!: string;
  @Field(() => Date, { description: 'First instant the rule no longer applies; not before the version in force.' }) effectiveFrom!: Date;
  @Field({ description: 'Why the rule is retired; public.' }) @TextLimit(TEXT_LIMITS.note) reason!: string;
}
