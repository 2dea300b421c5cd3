import { IsOptional, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { TEXT_LIMITS, TextLimit } from '../../shared/text';
import { AppsRules, RegulatorRegistrationInput, RelatedPartiesRules, RelatedPartyInput, WebsitesRules } from './platform.inputs';

/** A change to a platform's profile: only the fields given change, each checked as registration checks it. */
@InputType({ description: "A change to your platform's profile: omit a field (or send null for a list or the regulator registration) to keep it." })
export class UpdatePlatformProfileInput {
  @Field(() => ID, { description: 'Your platform.' }) platformId!: string;

  @Field(() => String, {
    nullable: true,
    description: "The company's new registered name, after a name change registered with the market regulator (the USCC stays); the old one is kept in formerNames. Omitted or null keeps it.",
  })
  legalName?: string | null;

  @Field(() => String, { nullable: true, description: 'The custody bank holding lenders’ funds; null removes it, omitted keeps it.' })
  custodyBankName?: string | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the websites (http(s) URLs, at most 20).' })
  @IsOptional()
  @WebsitesRules()
  websites?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the apps (at most 20).' })
  @IsOptional()
  @AppsRules()
  apps?: string[] | null;

  @Field(() => [RelatedPartyInput], { nullable: true, description: 'Replaces the related parties (at most 200).' })
  @IsOptional()
  @RelatedPartiesRules()
  relatedParties?: RelatedPartyInput[] | null;

  @Field(() => RegulatorRegistrationInput, { nullable: true, description: 'Replaces the registration with the local financial regulator.' })
  @IsOptional()
  @ValidateNested()
  regulatorRegistration?: RegulatorRegistrationInput | null;

  @Field({ description: 'Why the profile changes; shown in the change history.' })
  @TextLimit(TEXT_LIMITS.note)
  reason!: string;
}
