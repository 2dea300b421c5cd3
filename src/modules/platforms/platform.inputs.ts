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
  @Field(() => RelatedPartyRelation) relation!: RelatedPartyRelation;

  @Field()
  @Matches(SHA256, { message: SHA256_MESSAGE })
  nameHash!: string;
}

@InputType({ description: 'Registration (备案) with the local financial regulator, as declared by the platform.' })
export class RegulatorRegistrationInput {
  @Field(() => RegulatorRegistrationStatus) status!: RegulatorRegistrationStatus;

  @Field(() => String, { nullable: true })
  @TextLimit(TEXT_LIMITS.id)
  number?: string | null;

  @Field() authority!: string;

  @Field(() => Date, { nullable: true }) registeredAt?: Date | null;
}

@InputType({ description: 'A dated qualification document.' })
export class QualificationInput {
  @Field(() => QualificationType) type!: QualificationType;

  @Field({ description: 'Issuing authority; for a custody agreement, the custody bank.' }) issuer!: string;

  @Field()
  @TextLimit(TEXT_LIMITS.id)
  number!: string;

  @Field(() => Date) validFrom!: Date;

  @Field(() => Date, { nullable: true, description: 'Inclusive; omit or null for open-ended.' })
  validTo?: Date | null;

  @Field()
  @Matches(SHA256, { message: SHA256_MESSAGE })
  documentSha256!: string;

  @Field(() => QualificationFiledStatus, { defaultValue: QualificationFiledStatus.ACTIVE })
  status!: QualificationFiledStatus;
}

@InputType({ description: 'The applicant accepts the information-intermediary attestation (see `intermediaryAttestation`).' })
export class AttestationInput {
  @Field({ description: 'The version of the text being accepted; must be the current one.' })
  textVersion!: string;

  @Field({ description: 'Must be true.' })
  accept!: boolean;
}

@InputType()
export class RegisterPlatformInput {
  @Field(() => ID, { description: 'The association to register with.' }) associationId!: string;

  @Field() legalName!: string;

  @Field({ description: 'Unified social credit code, 18 characters with a valid check character.' })
  uscc!: string;

  @Field(() => Int64, { description: 'Registered capital in fen; not negative.' })
  registeredCapitalMinor!: bigint;

  @Field(() => Date) businessLicenseIssuedAt!: Date;
  @Field(() => Date) onlineSince!: Date;

  @Field(() => [String], { defaultValue: [] })
  @WebsitesRules()
  websites!: string[];

  @Field(() => [String], { defaultValue: [] })
  @AppsRules()
  apps!: string[];

  @Field(() => String, { nullable: true }) custodyBankName?: string | null;

  @Field(() => [RelatedPartyInput], { defaultValue: [] })
  @RelatedPartiesRules()
  relatedParties!: RelatedPartyInput[];

  @Field(() => RegulatorRegistrationInput)
  @ValidateNested()
  regulatorRegistration!: RegulatorRegistrationInput;

  @Field(() => [QualificationInput], { defaultValue: [] })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  qualifications!: QualificationInput[];

  @Field({ description: 'Name of the person registering; becomes the platform owner.' }) ownerName!: string;

  @Field(() => AttestationInput)
  @ValidateNested()
  attestation!: AttestationInput;
}

@InputType()
export class AddQualificationInput {
  @Field(() => ID) platformId!: string;

  @Field(() => QualificationInput)
  @ValidateNested()
  qualification!: QualificationInput;
}

@InputType()
export class SupersedeQualificationInput {
  @Field(() => ID, { description: 'The qualification being replaced.' }) qualificationId!: string;

  @Field(() => QualificationInput, { description: 'The record that replaces it (a renewal, correction or revocation).' })
  @ValidateNested()
  qualification!: QualificationInput;

  @Field({ description: 'Why it is replaced; shown in the change history.' })
  @TextLimit(TEXT_LIMITS.note)
  reason!: string;
}
