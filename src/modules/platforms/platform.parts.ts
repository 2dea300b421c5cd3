import { Embeddable, Enum, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { RegulatorRegistrationStatus, RelatedPartyRelation } from './platform.enums';

/** The platform's registration with its local financial regulator, as declared. */
@ObjectType('RegulatorRegistration')
@Embeddable()
export class RegulatorRegistration {
  @Field(() => RegulatorRegistrationStatus)
  @Enum({ items: () => RegulatorRegistrationStatus, nativeEnumName: 'regulator_registration_status' })
  status!: RegulatorRegistrationStatus;

  @Field(() => String, { nullable: true, description: 'Registration certificate number.' })
  @Property({ type: 'text', nullable: true })
  number!: string | null;

  @Field({ description: 'The local financial regulator.' })
  @Property({ type: 'text' })
  authority!: string;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  registeredAt!: Date | null;
}

/** The applicant's attestation that the platform acts only as an information intermediary. */
@ObjectType('IntermediaryAttestation')
@Embeddable()
export class IntermediaryAttestation {
  @Field({ description: 'Version of the attestation text that was accepted.' })
  @Property({ type: 'text' })
  textVersion!: string;

  @Field({ description: 'Name of the person who attested.' })
  @Property({ type: 'text' })
  attestedBy!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  attestedAt!: Date;
}

/** A related party, identified only by the hash of its name. */
@ObjectType('RelatedParty')
export class RelatedParty {
  @Field(() => RelatedPartyRelation)
  relation!: RelatedPartyRelation;

  @Field({ description: 'Lowercase hex SHA-256 of the party name.' })
  nameHash!: string;
}
