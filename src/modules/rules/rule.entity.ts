import { Node } from '../../shared/node';
import { Collection, Entity, Index, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids';
import { Association } from '../associations/association.entity';
import type { RuleVersion } from './rule-version.entity';
import { RESTRICT } from '../../shared/restrict';

/** A rule of an association's rulebook: a stable code (e.g. `POOL-002`) whose content lives in versions. */
@ObjectType({ implements: Node, description: "A rule of an association's rulebook. Its content is in `versions`." })
@Entity()
@Unique({ properties: ['association', 'code'] })
@Index({ name: 'rule_code_trgm', expression: `create index "rule_code_trgm" on "rule" using gin ("code" gin_trgm_ops)` })
export class Rule implements Node {
  [OptionalProps]?: 'id' | 'createdAt' | 'version' | 'versions';

  @PrimaryKey({ type: 'text' })
  id: string = newId('rul');

  @ManyToOne(() => Association, RESTRICT)
  association!: Association;

  @Field({ description: 'Stable code within the rulebook, e.g. POOL-002.' })
  @Property({ type: 'text' })
  code!: string;

  @Field(() => Date, { description: 'When the rule was first drafted.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'integer' })
  version: number = 0;

  /** Every version, drafts included (for queries; GraphQL exposes them through a resolver that hides drafts). */
  @OneToMany('RuleVersion', 'rule')
  versions = new Collection<RuleVersion>(this);
}
