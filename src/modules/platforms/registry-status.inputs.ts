import { Field, ID, InputType } from 'type-graphql';
import { TEXT_LIMITS, TextLimit } from '../../shared/text';
import { RegistryStatus } from './platform.enums';

@InputType()
export class ChangeRegistryStatusInput {
  @Field(() => ID) platformId!: string;

  @Field(() => RegistryStatus, { description: 'APPROVED, REJECTED, SUSPENDED or DEREGISTERED, as the current status allows.' })
  to!: RegistryStatus;

  @Field({ description: 'Why; shown publicly in the status history.' })
  @TextLimit(TEXT_LIMITS.note)
  reason!: string;
}
