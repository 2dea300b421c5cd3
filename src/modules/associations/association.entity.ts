import { OptionalProps, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids';

/** An industry association: keeps the rulebook and reviews the platforms registered with it. */
@ObjectType({ description: 'An industry self-regulatory association.' })
@Entity()
export class Association {
  [OptionalProps]?: 'id' | 'createdAt' | 'version';

  @Field(() => ID)
  @PrimaryKey({ type: 'text' })
  id: string = newId('asn');

  @Field()
  @Property({ type: 'text', unique: true })
  name!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'integer' })
  version: number = 0;
}
