import { IsEmail, IsIn, IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { TEXT_LIMITS, TextLimit } from '../../shared/text';
import { ChallengeStatus, ChallengeTarget } from './challenge.enums';

@InputType({ description: 'A dispute of a public record.' })
export class FileChallengeInput {
  @Field(() => ChallengeTarget, { description: 'What kind of record is disputed.' })
  targetType!: ChallengeTarget;

  @Field(() => ID, { description: 'Id of the disputed record.' })
  targetId!: string;

  @Field({ description: 'What is disputed and why, public (1 to 4,000 characters).' })
  @TextLimit(TEXT_LIMITS.note)
  statement!: string;

  @Field(() => String, { nullable: true, description: "An e-mail address for the association's reviewers; never public." })
  @IsOptional()
  @IsEmail()
  @TextLimit(TEXT_LIMITS.name)
  contact?: string | null;
}

@InputType({ description: "A reviewer's decision on a challenge." })
export class DecideChallengeInput {
  @Field(() => ID, { description: 'The challenge decided.' })
  challengeId!: string;

  @Field(() => ChallengeStatus, { description: 'UPHELD or REJECTED.' })
  @IsIn([ChallengeStatus.UPHELD, ChallengeStatus.REJECTED], { message: 'must be UPHELD or REJECTED' })
  outcome!: ChallengeStatus;

  @Field({ description: 'Why, public (1 to 4,000 characters).' })
  @TextLimit(TEXT_LIMITS.note)
  reason!: string;

  @Field(() => ID, { nullable: true, description: 'When UPHELD: the public record that was corrected (e.g. the platform, an amended filing), if any.' })
  correctedRecordId?: string | null;
}
