import { Node } from '../../shared/node';
import { BigIntType, Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Int64 } from '../../shared/int64.scalar';
import { newId } from '../../shared/ids';
import { Member } from '../accounts/member.entity';
import { Association } from '../associations/association.entity';
import { RESTRICT } from '../../shared/restrict';

/**
 * A published value of an association parameter for one period (e.g. `marketMedianLenderYieldBps`
 * for 2019-06), bound into `ctx.params`. Immutable; a correction publishes the next version.
 */
@ObjectType({ implements: Node, description: 'A published association parameter value for a period; rules read it as ctx.params.<name>.' })
@Entity()
@Unique({ properties: ['association', 'name', 'period', 'number'] })
export class ParameterValue implements Node {
  [OptionalProps]?: 'id' | 'version' | 'publishedBy';

  @PrimaryKey({ type: 'text' })
  id: string = newId('prm');

  @ManyToOne(() => Association, RESTRICT)
  association!: Association;

  @Field({ description: 'Name as rules read it from ctx.params, e.g. marketMedianLenderYieldBps.' })
  @Property({ type: 'text' })
  name!: string;

  @Field({ description: 'The month it applies to, YYYY-MM (later months without their own value use it too).' })
  @Property({ type: 'text' })
  period!: string;

  @Field(() => Int64, { description: 'The value, an integer (e.g. basis points).' })
  @Property({ type: new BigIntType('bigint') })
  value!: bigint;

  @Field(() => Int, { description: 'Version for this name and period, from 1.' })
  @Property({ type: 'integer' })
  number!: number;

  @Field(() => String, { description: 'Why the value was published or corrected.', nullable: true })
  @Property({ type: 'text', nullable: true })
  reason!: string | null;

  @ManyToOne(() => Member, { nullable: true, ...RESTRICT })
  publishedBy: Member | null = null;

  @Field(() => Date, { description: 'When the value was published.' })
  @Property({ type: 'timestamptz' })
  publishedAt!: Date;

  @Property({ type: 'integer' })
  version: number = 0;
}
