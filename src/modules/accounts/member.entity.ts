import { Node } from '../../shared/node';
import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids';
import { Association } from '../associations/association.entity';
import type { Platform } from '../platforms/platform.entity';
import { Role } from './role';
import { RESTRICT } from '../../shared/restrict';

/** A person acting for exactly one organisation (an association or a platform) in one role. */
@ObjectType({ implements: Node, description: "A member of an organisation's staff. Visible only to that organisation." })
@Entity()
@Check({ name: 'member_one_organisation', expression: '(association_id is null) <> (platform_id is null)' })
export class Member implements Node {
  [OptionalProps]?: 'id' | 'createdAt' | 'version' | 'removedAt';

  @PrimaryKey({ type: 'text' })
  id: string = newId('mbr');

  @Field({ description: "The member's name: shown only to the admins and owners of the member's own organisation (and to the member)." })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Role, { description: "The member's role in the organisation." })
  @Enum({ items: () => Role, nativeEnumName: 'role' })
  role!: Role;

  @Index()
  @ManyToOne(() => Association, { nullable: true, ...RESTRICT })
  association!: Association | null;

  @Index()
  @ManyToOne('Platform', { nullable: true, ...RESTRICT })
  platform!: Platform | null;

  @Field(() => Date, { description: 'When the member was added.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: 'When the member was removed (every token revoked with it); null while a member.' })
  @Property({ type: 'timestamptz', nullable: true })
  removedAt: Date | null = null;

  @Property({ type: 'integer' })
  version: number = 0;
}
