import { Node } from '../../shared/node';
import { OptionalProps, Entity, Enum, Index, ManyToOne, OneToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids';
import { Platform } from './platform.entity';
import { QualificationFiledStatus, QualificationType } from './platform.enums';
import { RESTRICT } from '../../shared/restrict';

/**
 * A dated document the platform holds (licence, custody agreement, audit report...). Never updated or
 * deleted: a correction or renewal is a new record that `supersedes` the old one.
 */
@ObjectType({ implements: Node, description: 'A dated qualification document. Its state is derived from its dates at query time.' })
@Entity()
@Index({ properties: ['platform', 'type'] })
export class Qualification implements Node {
  [OptionalProps]?: 'id' | 'createdAt' | 'version';

  @PrimaryKey({ type: 'text' })
  id: string = newId('qlf');

  @ManyToOne(() => Platform, RESTRICT)
  platform!: Platform;

  @Field(() => QualificationType, { description: 'Kind of document.' })
  @Enum({ items: () => QualificationType, nativeEnumName: 'qualification_type' })
  type!: QualificationType;

  @Field({ description: 'Issuing authority; for a custody agreement, the custody bank.' })
  @Property({ type: 'text' })
  issuer!: string;

  @Field({ description: 'Certificate or contract number.' })
  @Property({ type: 'text' })
  number!: string;

  @Field(() => Date, { description: 'First instant of validity (inclusive).' })
  @Property({ type: 'timestamptz' })
  validFrom!: Date;

  @Field(() => Date, { nullable: true, description: 'Last instant of validity (inclusive); null means open-ended.' })
  @Property({ type: 'timestamptz', nullable: true })
  validTo!: Date | null;

  @Field({ description: 'Lowercase hex SHA-256 of the document.' })
  @Property({ type: 'text' })
  documentSha256!: string;

  @Field(() => QualificationFiledStatus, { description: 'Status as filed.' })
  @Enum({ items: () => QualificationFiledStatus, nativeEnumName: 'qualification_filed_status' })
  status!: QualificationFiledStatus;

  /** The record this one replaces; unique, so a record is superseded at most once. */
  @OneToOne(() => Qualification, { nullable: true, owner: true, unique: true, ...RESTRICT })
  supersedes!: Qualification | null;

  @Field(() => Date, { description: 'When the registry recorded it.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'integer' })
  version: number = 0;
}
