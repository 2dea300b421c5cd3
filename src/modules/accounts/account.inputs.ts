import { IsOptional } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../shared/pagination';
import { TEXT_LIMITS, TextLimit } from '../../shared/text';
import { Role } from './role';

@InputType({ description: 'A new member of your own organisation.' })
export class AddMemberInput {
  @Field({ description: "The member's name, shown to the organisation's own members and in rule attribution (draftedBy), never in the public log." }) name!: string;

  @Field(() => Role, { description: "A role of your own organisation's kind." })
  role!: Role;
}

@InputType({ description: 'A new API token for a member of your own organisation.' })
export class IssueTokenInput {
  @Field(() => ID, { description: 'The member the token is for; a global id.' }) memberId!: string;

  @Field(() => Role, { nullable: true, description: "Defaults to the member's role; may be a role it includes." })
  @IsOptional()
  role?: Role | null;

  @Field({ description: 'A name to tell tokens apart.' })
  @TextLimit(TEXT_LIMITS.id)
  label!: string;
}

@ArgsType()
export class OrganisationMembersArgs extends PageArgs {
  @Field({ defaultValue: false, description: 'Include removed members (they stay on record, marked removed).' })
  includeRemoved!: boolean;
}

@ArgsType()
export class OrganisationTokensArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this member's tokens." })
  @IsOptional()
  memberId?: string | null;

  @Field({ defaultValue: false, description: 'Include revoked tokens.' })
  includeRevoked!: boolean;
}
