import { Node } from '../../shared/node';
import { OptionalProps, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids';
import { Member } from './member.entity';
import { Role } from './role';
import { RESTRICT } from '../../shared/restrict';

/** A bearer credential. Only its SHA-256 is stored; the secret is shown once, when issued. */
@ObjectType({ implements: Node, description: 'An API token (the secret itself is never shown again after issue).' })
@Entity()
export class ApiToken implements Node {
  [OptionalProps]?: 'id' | 'createdAt' | 'version' | 'revokedAt' | 'lastUsedAt';

  @PrimaryKey({ type: 'text' })
  id: string = newId('tok');

  @Field(() => Member, { description: 'The member the token acts for.' })
  @Index()
  @ManyToOne(() => Member, RESTRICT)
  member!: Member;

  @Field(() => Role, { description: "The role the token acts in: the member's own or one it includes." })
  @Enum({ items: () => Role, nativeEnumName: 'role' })
  role!: Role;

  @Field({ description: 'A name to tell tokens apart, e.g. "filing robot".' })
  @Property({ type: 'text' })
  label!: string;

  @Field({ description: 'The first characters of the secret, to recognise it.' })
  @Property({ type: 'text' })
  prefix!: string;

  /** Hidden: never serialised, so change-log snapshots do not copy it. */
  @Property({ type: 'text', unique: true, hidden: true })
  secretHash!: string;

  @Field(() => Date, { description: 'When the token was issued.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => Date, { description: 'When the token was revoked; null while it works.', nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  /** Usage, not record: set outside the ledger, at most once a minute (see viewer.ts). */
  @Field(() => Date, { nullable: true, description: 'When the token last authenticated a request (to the minute); null if never.' })
  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'integer' })
  version: number = 0;
}
