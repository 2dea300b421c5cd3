import { Node } from '../../shared/node';
import { OptionalProps, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids';

/** An industry association: keeps the rulebook and reviews the platforms registered with it. */
@ObjectType({ implements: Node, description: 'An industry self-regulatory association.' })
@Entity()
export class Association implements Node {
  [OptionalProps]?: 'id' | 'createdAt' | 'version';

  @PrimaryKey({ type: 'text' })
  id: string = newId('asn');

  @Field({ description: "The association's name." })
  @Property({ type: 'text', unique: true })
  name!: string;

  @Field(() => Date, { description: 'When the association was set up in the registry.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'integer' })
  version: number = 0;
}
