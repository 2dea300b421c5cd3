import { IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { TEXT_LIMITS, TextLimit } from '../../shared/text';
import { Role } from './role';

@InputType()
export class AddMemberInput {
  @Field() name!: string;

  @Field(() => Role, { description: "A role of your own organisation's kind." })
  role!: Role;
}

@InputType()
export class IssueTokenInput {
  @Field(() => ID) memberId!: string;

  @Field(() => Role, { nullable: true, description: "Defaults to the member's role; may be a role it includes." })
  @IsOptional()
  role?: Role | null;

  @Field({ description: 'A name to tell tokens apart.' })
  @TextLimit(TEXT_LIMITS.id)
  label!: string;
}
