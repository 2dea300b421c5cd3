import { Node } from '../../shared/node';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids';
import { Member } from '../accounts/member.entity';
import { Rule } from './rule.entity';
import { RuleCategory, RuleVersionStatus, Severity } from './rule.enums';
import { RESTRICT } from '../../shared/restrict';

/**
 * One version of a rule. A DRAFT may be edited by rule editors; publishing gives it a number and an
 * effective-from instant and freezes it. A published version with `retires` set ends the rule from
 * its effective date. The version in force for a period is the latest published one effective by the
 * period's end.
 */
@ObjectType({ implements: Node, description: 'A version of a rule: a private draft, or an immutable published version.' })
@Entity()
@Unique({ properties: ['rule', 'number'] })
@Index({ properties: ['rule', 'status', 'effectiveFrom'] })
@Index({ name: 'rule_version_search_trgm', expression: `create index "rule_version_search_trgm" on "rule_version" using gin ((("title" || E'\\n') || "text") gin_trgm_ops) where "status" = 'PUBLISHED'` })
export class RuleVersion implements Node {
  [OptionalProps]?: 'id' | 'createdAt' | 'version' | 'number' | 'effectiveFrom' | 'publishedAt' | 'publishedBy' | 'retires' | 'reviewBeforePublication';

  @PrimaryKey({ type: 'text' })
  id: string = newId('rlv');

  @ManyToOne(() => Rule, RESTRICT)
  rule!: Rule;

  @Field(() => Int, { nullable: true, description: 'Version number, from 1; null while a draft.' })
  @Property({ type: 'integer', nullable: true })
  number: number | null = null;

  @Field(() => RuleVersionStatus, { description: 'DRAFT (private, editable) or PUBLISHED (immutable).' })
  @Enum({ items: () => RuleVersionStatus, nativeEnumName: 'rule_version_status' })
  status!: RuleVersionStatus;

  @Field({ description: 'Short title of the rule.' })
  @Property({ type: 'text' })
  title!: string;

  @Field({ description: 'Plain-language statement of the rule.' })
  @Property({ type: 'text' })
  text!: string;

  @Field({ description: 'Legal basis.' })
  @Property({ type: 'text' })
  basis!: string;

  @Field({ description: 'Why the threshold is where it is.' })
  @Property({ type: 'text' })
  threshold!: string;

  @Field(() => RuleCategory, { description: 'What the rule is about.' })
  @Enum({ items: () => RuleCategory, nativeEnumName: 'rule_category' })
  category!: RuleCategory;

  @Field(() => Severity, { description: 'How serious a breach is.' })
  @Enum({ items: () => Severity, nativeEnumName: 'severity' })
  severity!: Severity;

  @Field({ description: 'CEL condition over platform, filing, prev and ctx; true means the filing is flagged.' })
  @Property({ type: 'text' })
  expression!: string;

  @Field({
    description:
      "True when this version's flags wait for a reviewer before publication (e.g. keyword screens prone to false positives): the platform and its association see them at once, the public only once a reviewer confirms them.",
  })
  @Property({ type: 'boolean' })
  reviewBeforePublication: boolean = false;

  @Field({ description: 'True for a version that retires the rule from its effective date.' })
  @Property({ type: 'boolean' })
  retires: boolean = false;

  @Field(() => Date, { nullable: true, description: 'First instant the version is in force; null while a draft.' })
  @Property({ type: 'timestamptz', nullable: true })
  effectiveFrom: Date | null = null;

  @ManyToOne(() => Member, RESTRICT)
  createdBy!: Member;

  @Field(() => Date, { description: 'When this version was drafted.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @ManyToOne(() => Member, { nullable: true, ...RESTRICT })
  publishedBy: Member | null = null;

  @Field(() => Date, { description: 'When this version was published; null while a draft.', nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null = null;

  @Property({ type: 'integer' })
  version: number = 0;
}
