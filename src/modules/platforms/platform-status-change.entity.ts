import { Node } from '../../shared/node';
import { OptionalProps, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids';
import { Platform } from './platform.entity';
import { RegistryStatus } from './platform.enums';
import { RESTRICT } from '../../shared/restrict';

/** One change of a platform's registry status: who, when and why. Append-only. */
@ObjectType({ implements: Node, description: "One change of a platform's registry status." })
@Entity()
@Index({ properties: ['platform', 'at'] })
export class PlatformStatusChange implements Node {
  [OptionalProps]?: 'id' | 'version';

  @PrimaryKey({ type: 'text' })
  id: string = newId('psc');

  @ManyToOne(() => Platform, RESTRICT)
  platform!: Platform;

  @Field(() => RegistryStatus, { nullable: true, description: 'Null for the initial PENDING entry.' })
  @Enum({ items: () => RegistryStatus, nativeEnumName: 'registry_status', nullable: true })
  fromStatus!: RegistryStatus | null;

  @Field(() => RegistryStatus, { description: 'The status the platform moved to.' })
  @Enum({ items: () => RegistryStatus, nativeEnumName: 'registry_status' })
  toStatus!: RegistryStatus;

  @Field(() => String, { description: 'Why; null for the initial PENDING entry.', nullable: true })
  @Property({ type: 'text', nullable: true })
  reason!: string | null;

  @Field({ description: 'Who made the change: a member name and organisation, or "self-registration".' })
  @Property({ type: 'text' })
  changedBy!: string;

  @Field(() => Date, { description: 'When the change was made.' })
  @Property({ type: 'timestamptz' })
  at!: Date;

  @Property({ type: 'integer' })
  version: number = 0;
}
