import { ArrayMaxSize, IsUrl, Matches, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Int64 } from '../../shared/int64.scalar';
import { TEXT_LIMITS, TextLimit } from '../../shared/text';
import { QualificationFiledStatus, QualificationType, RegulatorRegistrationStatus, RelatedPartyRelation } from './platform.enums';

const SHA256 = /^[0-9a-f]{64}$/;
const SHA256_MESSAGE = 'must be a lowercase hex SHA-256 (64 characters 0-9a-f)';

/** Applies several property decorators as one (one list of checks shared by registration and profile updates). */
function allOf(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

/** The checks of a platform's websites, wherever they are filed. */
export const WebsitesRules = () =>
  allOf(
    ArrayMaxSize(20),
    TextLimit(TEXT_LIMITS.url),
    IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { each: true, message: 'each website must be an http(s) URL' }),
  );

/** The checks of a platform's apps, wherever they are filed. */
export const AppsRules = () => ArrayMaxSize(20);

/** The checks of a platform's related parties, wherever they are filed. */
export const RelatedPartiesRules = () => allOf(ArrayMaxSize(200), ValidateNested({ each: true }));

@InputType({ description: 'A related party, named only by the SHA-256 of its name.' })
export class RelatedPartyInput {
  @Field(() => RelatedPartyRelation, { description: 'How the party is related to the platform.' }) relation!: RelatedPartyRelation;

  @Field({ description: "Lowercase hex SHA-256 of the party's name." })
  @Matches(SHA256, { message: SHA256_MESSAGE })
  nameHash!: string;
}

@InputType({ description: 'Registration (备案) with the local financial regulator, as declared by the platform.' })
export class RegulatorRegistrationInput {
  @Field(() => RegulatorRegistrationStatus, { description: 'Status of the registration.' }) status!: RegulatorRegistrationStatus;

  @Field(() => String, { description: 'Registration certificate number; null when there is none.', nullable: true })
  @TextLimit(TEXT_LIMITS.id)
  number?: string | null;

  @Field({ description: 'The local financial regulator the platform registers with.' }) authority!: string;

  @Field(() => Date, { description: 'When the platform was registered; null when it has not been.', nullable: true }) registeredAt?: Date | null;
}

@InputType({ description: 'A dated qualification document.' })
export class QualificationInput {
  @Field(() => QualificationType, { description: 'Kind of document.' }) type!: QualificationType;

  @Field({ description: 'Issuing authority; for a custody agreement, the custody bank.' }) issuer!: string;

  @Field({ description: 'Certificate or contract number.' })
  @TextLimit(TEXT_LIMITS.id)
  number!: string;

  @Field(() => Date, { description: 'First instant of validity (inclusive).' }) validFrom!: Date;

  @Field(() => Date, { nullable: true, description: 'Inclusive; omit or null for open-ended.' })
  validTo?: Date | null;

  @Field({ description: 'Lowercase hex SHA-256 of the exact bytes of the document.' })
  @Matches(SHA256, { message: SHA256_MESSAGE })
  documentSha256!: string;

  @Field(() => QualificationFiledStatus, { description: 'Status as filed; ACTIVE unless it was revoked.', defaultValue: QualificationFiledStatus.ACTIVE })
  status!: QualificationFiledStatus;
}

@InputType({ description: 'The applicant accepts the information-intermediary attestation (see `intermediaryAttestation`).' })
export class AttestationInput {
  @Field({ description: 'The version of the text being accepted; must be the current one.' })
  textVersion!: string;

  @Field({ description: 'Must be true.' })
  accept!: boolean;
}

@InputType({ description: "A platform's self-registration, reviewed by the association it registers with." })
export class RegisterPlatformInput {
  @Field(() => ID, { description: 'The association to register with.' }) associationId!: string;

  @Field({ description: "The operating company's registered name." }) legalName!: string;

  @Field({ description: 'Unified social credit code, 18 characters with a valid check character.' })
  uscc!: string;

  @Field(() => Int64, { description: 'Registered capital in fen; not negative.' })
  registeredCapitalMinor!: bigint;

  @Field(() => Date, { description: 'When the business licence was issued (Interim Measures Art. 5 counts the regulator registration from it).' }) businessLicenseIssuedAt!: Date;
  @Field(() => Date, { description: 'When the platform launched (went online).' }) onlineSince!: Date;

  @Field(() => [String], { description: "The platform's websites: http(s) URLs.", defaultValue: [] })
  @WebsitesRules()
  websites!: string[];

  @Field(() => [String], { description: "The platform's apps, a disclosure channel.", defaultValue: [] })
  @AppsRules()
  apps!: string[];

  @Field(() => String, { description: "Name of the custody bank holding lenders' funds, if any yet.", nullable: true }) custodyBankName?: string | null;

  @Field(() => [RelatedPartyInput], { description: 'Related parties, each named only by the SHA-256 of its name.', defaultValue: [] })
  @RelatedPartiesRules()
  relatedParties!: RelatedPartyInput[];

  @Field(() => RegulatorRegistrationInput, { description: 'Registration (备案) with the local financial regulator.' })
  @ValidateNested()
  regulatorRegistration!: RegulatorRegistrationInput;

  @Field(() => [QualificationInput], { description: 'Dated documents the platform holds (licences, registration, custody agreement).', defaultValue: [] })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  qualifications!: QualificationInput[];

  @Field({ description: 'Name of the person registering; becomes the platform owner.' }) ownerName!: string;

  @Field(() => AttestationInput, { description: 'Acceptance of the current information-intermediary attestation.' })
  @ValidateNested()
  attestation!: AttestationInput;
}

@InputType({ description: "A qualification document to add to a platform's record." })
export class AddQualificationInput {
  @Field(() => ID, { description: 'The platform (your own); a global id.' }) platformId!: string;

  @Field(() => QualificationInput, { description: "The document's details." })
  @ValidateNested()
  qualification!: QualificationInput;
}

@InputType({ description: 'A qualification replaced by a new record (a renewal, correction or revocation).' })
export class SupersedeQualificationInput {
  @Field(() => ID, { description: 'The qualification being replaced.' }) qualificationId!: string;

  @Field(() => QualificationInput, { description: 'The record that replaces it (a renewal, correction or revocation).' })
  @ValidateNested()
  qualification!: QualificationInput;

  @Field({ description: 'Why it is replaced; shown in the change history.' })
  @TextLimit(TEXT_LIMITS.note)
  reason!: string;
}
