import { Embeddable, Enum, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { RegulatorRegistrationStatus, RelatedPartyRelation } from './platform.enums';

/** The platform's registration with its local financial regulator, as declared. */
@ObjectType('RegulatorRegistration', { description: 'Registration (备案) with the local financial regulator, as declared by the platform (Interim Measures Art. 5).' })
@Embeddable()
export class RegulatorRegistration {
  @Field(() => RegulatorRegistrationStatus, { description: 'Status of the registration; QUAL-001 flags any other than REGISTERED.' })
  @Enum({ items: () => RegulatorRegistrationStatus, nativeEnumName: 'regulator_registration_status' })
  status!: RegulatorRegistrationStatus;

  @Field(() => String, { nullable: true, description: 'Registration certificate number.' })
  @Property({ type: 'text', nullable: true })
  number!: string | null;

  @Field({ description: 'The local financial regulator.' })
  @Property({ type: 'text' })
  authority!: string;

  @Field(() => Date, { description: 'When the platform was registered; null when it has not been.', nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  registeredAt!: Date | null;
}

/** A former legal name as the platform row and its record hold it: `until` an RFC 3339 instant. */
export interface FormerNameRecord {
  legalName: string;
  until: string;
}

/** A legal name the platform's company held before a rename (its USCC stays). */
@ObjectType('FormerName', { description: "A legal name the platform's company held before it was renamed (the USCC stays the same)." })
export class FormerName {
  @Field({ description: 'The former legal name.' })
  legalName!: string;

  @Field(() => Date, { description: 'When the registry recorded the next name: the former one was current until then.' })
  until!: Date;
}

/** The applicant's attestation that the platform acts only as an information intermediary. */
@ObjectType('IntermediaryAttestation', { description: "The platform's acceptance, at registration, that it acts only as an information intermediary." })
@Embeddable()
export class IntermediaryAttestation {
  @Field({ description: 'Version of the attestation text that was accepted.' })
  @Property({ type: 'text' })
  textVersion!: string;

  @Field({ description: 'Name of the person who attested.' })
  @Property({ type: 'text' })
  attestedBy!: string;

  @Field(() => Date, { description: 'When it was accepted.' })
  @Property({ type: 'timestamptz' })
  attestedAt!: Date;
}

/** A related party, identified only by the hash of its name. */
@ObjectType('RelatedParty', { description: 'A related party of the platform, named only by the SHA-256 of its name.' })
export class RelatedParty {
  @Field(() => RelatedPartyRelation, { description: 'How the party is related to the platform.' })
  relation!: RelatedPartyRelation;

  @Field({ description: 'Lowercase hex SHA-256 of the party name.' })
  nameHash!: string;
}
