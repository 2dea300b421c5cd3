import { Node } from '../../shared/node';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids';
import { Filing } from '../filings/filing.entity';
import { RuleVersion } from '../rules/rule-version.entity';
import { RESTRICT } from '../../shared/restrict';

/** A rule version that could not be evaluated on a filing: never a flag, never a silent pass. */
@ObjectType({ implements: Node, description: "A rule that failed to evaluate on a filing (visible to the platform's association)." })
@Entity()
@Index({ properties: ['filing'] })
export class EvaluationError implements Node {
  [OptionalProps]?: 'id' | 'version';

  @PrimaryKey({ type: 'text' })
  id: string = newId('eve');

  @ManyToOne(() => Filing, RESTRICT)
  filing!: Filing;

  @ManyToOne(() => RuleVersion, RESTRICT)
  ruleVersion!: RuleVersion;

  @Field({ description: 'Code of the rule that failed, e.g. OVD-001.' })
  @Property({ type: 'text' })
  ruleCode!: string;

  @Field({ description: 'Why the rule could not be evaluated (with line and column when the engine names them).' })
  @Property({ type: 'text' })
  message!: string;

  @Field(() => Date, { description: 'When the rule was evaluated.' })
  @Property({ type: 'timestamptz' })
  evaluatedAt!: Date;

  @Property({ type: 'integer' })
  version: number = 0;
}
