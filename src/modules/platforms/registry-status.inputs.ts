import { Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { RegistryStatus } from './platform.enums';

@InputType()
export class ChangeRegistryStatusInput {
  @Field(() => ID) platformId!: string;

  @Field(() => RegistryStatus, { description: 'APPROVED, REJECTED, SUSPENDED or DEREGISTERED, as the current status allows.' })
  to!: RegistryStatus;

  @Field({ description: 'Why; shown publicly in the status history.' })
  @Length(1, 2000)
  reason!: string;
}
