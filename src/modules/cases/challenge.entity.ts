import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../shared/node';
import { newId } from '../../shared/ids';
import { RESTRICT } from '../../shared/restrict';
import { Platform } from '../platforms/platform.entity';
import { ChallengeStatus, ChallengeTarget } from './challenge.enums';

/**
 * Anyone's dispute of a public record, queued for the reviewers of the association the record belongs to.
 * It never changes data by itself: a reviewer decides it, and says which record was corrected, if any. The
 * contact is never public.
 */
@ObjectType({ implements: Node, description: 'A dispute of a public record by anyone, with its public outcome.' })
@Entity()
@Index({ properties: ['platform', 'status'] })
export class Challenge implements Node {
  [OptionalProps]?: 'id' | 'version' | 'status' | 'contact' | 'decidedAt' | 'decisionReason' | 'correctedRecordId';

  @PrimaryKey({ type: 'text' })
  id: string = newId('chl');

  @Field(() => ChallengeTarget, { description: 'What kind of record is disputed.' })
  @Enum({ items: () => ChallengeTarget, nativeEnumName: 'challenge_target' })
  targetType!: ChallengeTarget;

  @Field(() => ID, { description: 'Id of the disputed record.' })
  @Property({ type: 'text' })
  targetId!: string;

  /** The platform the record is about; its association's reviewers decide. */
  @ManyToOne(() => Platform, RESTRICT)
  platform!: Platform;

  @Field({ description: 'What is disputed and why (up to 4,000 characters).' })
  @Property({ type: 'text' })
  statement!: string;

  /** How to reach the challenger: for the reviewers only, never public. */
  @Property({ type: 'text', nullable: true })
  contact: string | null = null;

  @Field(() => ChallengeStatus, { description: 'Where it stands.' })
  @Enum({ items: () => ChallengeStatus, nativeEnumName: 'challenge_status' })
  status: ChallengeStatus = ChallengeStatus.OPEN;

  @Field(() => Date, { description: 'When it was filed.' })
  @Property({ type: 'timestamptz' })
  filedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When a reviewer decided it.' })
  @Property({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: "The reviewer's reason, public." })
  @Property({ type: 'text', nullable: true })
  decisionReason: string | null = null;

  @Field(() => ID, { nullable: true, description: 'When UPHELD: the record that was corrected (e.g. the platform after a status change, or an amended filing), if any.' })
  @Property({ type: 'text', nullable: true })
  correctedRecordId: string | null = null;

  @Property({ type: 'integer' })
  version: number = 0;
}
