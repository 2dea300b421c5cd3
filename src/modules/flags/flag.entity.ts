import { Node } from '../../shared/node';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { newId } from '../../shared/ids';
import { Filing } from '../filings/filing.entity';
import { Platform } from '../platforms/platform.entity';
import { RuleVersion } from '../rules/rule-version.entity';
import { RuleCategory, Severity } from '../rules/rule.enums';
import { FlagCaseState, FlagStatus } from './flag.enums';
import { RESTRICT } from '../../shared/restrict';

/** What a rule saw when it flagged: the expression, every value it read, and when. */
export interface FlagEvidence {
  expression: string;
  values: Record<string, unknown>;
  evaluatedAt: string;
}

/**
 * A rule version's finding that a filing (or, for missing filings, a platform's period) breaches
 * it, with evidence. Never deleted: resolution and supersession change `status`, recorded as changes.
 */
@ObjectType({ implements: Node, description: 'A rule breach suggested by a filing, with its evidence.' })
@Entity()
@Index({ properties: ['platform', 'period'] })
@Index({ properties: ['filing'] })
@Index({ properties: ['ruleCode', 'status'] })
@Index({ properties: ['ruleVersion'] })
export class Flag implements Node {
  [OptionalProps]?: 'id' | 'version' | 'statusReason' | 'statusChangedAt' | 'filing' | 'caseState' | 'caseChangedAt' | 'caseCarriedFrom' | 'reviewBeforePublication' | 'heldForReview';

  @PrimaryKey({ type: 'text' })
  id: string = newId('flg');

  @ManyToOne(() => Platform, RESTRICT)
  platform!: Platform;

  /** The filing version that raised it; null for a missing filing. */
  @ManyToOne(() => Filing, { nullable: true, ...RESTRICT })
  filing: Filing | null = null;

  @Field({ description: 'Reporting month, YYYY-MM.' })
  @Property({ type: 'text' })
  period!: string;

  @ManyToOne(() => RuleVersion, RESTRICT)
  ruleVersion!: RuleVersion;

  @Field({ description: 'Code of the rule, e.g. CUST-001.' })
  @Property({ type: 'text' })
  ruleCode!: string;

  @Field(() => Severity, { description: 'How serious the rule deems the breach.' })
  @Enum({ items: () => Severity, nativeEnumName: 'severity' })
  severity!: Severity;

  @Field(() => RuleCategory, { description: 'What the rule is about.' })
  @Enum({ items: () => RuleCategory, nativeEnumName: 'rule_category' })
  category!: RuleCategory;

  @Field(() => FlagStatus, { description: 'Where the flag stands.' })
  @Enum({ items: () => FlagStatus, nativeEnumName: 'flag_status' })
  status!: FlagStatus;

  @Field(() => GraphQLJSONObject, { description: 'expression, values (field path -> value read), evaluatedAt.' })
  @Property({ type: 'json' })
  evidence!: FlagEvidence;

  @Field(() => Date, { description: 'When the flag was raised.' })
  @Property({ type: 'timestamptz' })
  raisedAt!: Date;

  @Field(() => Date, { description: 'When the status last changed; null while never changed.', nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Why the status last changed.' })
  @Property({ type: 'text', nullable: true })
  statusReason: string | null = null;

  @Field(() => FlagCaseState, { description: "Where the flag's case stands (see `case` for its steps)." })
  @Enum({ items: () => FlagCaseState, nativeEnumName: 'flag_case_state' })
  caseState: FlagCaseState = FlagCaseState.OPEN;

  /** When the case last moved (a reply, decision or reopening); null while untouched since raised. */
  @Field(() => Date, { nullable: true, description: "When the flag's case last moved (a reply, a decision, a reopening, or closing on re-evaluation); null while untouched since raised." })
  @Property({ type: 'timestamptz', nullable: true })
  caseChangedAt: Date | null = null;

  /** The flag this one carried its case over from: the same rule's flag that re-evaluation (an amendment, a new rule version) replaced. */
  @ManyToOne(() => Flag, { nullable: true, ...RESTRICT })
  caseCarriedFrom: Flag | null = null;

  @Field({ description: 'True when the flag was raised held for review (its rule version is marked reviewBeforePublication, or it carried over such a case): it is public only once a reviewer of the association confirmed it.' })
  @Property({ type: 'boolean' })
  reviewBeforePublication: boolean = false;

  @Field({ description: "True while the flag awaits a reviewer's confirmation before publication: only the platform's and its association's members see it. A CONFIRMED decision publishes it; DISMISSED or REMEDIATED leave it held, never public." })
  @Property({ type: 'boolean' })
  heldForReview: boolean = false;

  @Property({ type: 'integer' })
  version: number = 0;
}
