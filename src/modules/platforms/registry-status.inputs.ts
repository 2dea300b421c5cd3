import { Field, ID, InputType } from 'type-graphql';
import { TEXT_LIMITS, TextLimit } from '../../shared/text';
import { RegistryStatus } from './platform.enums';

@InputType({ description: 'A registry-status decision on a platform of your association.' })
export class ChangeRegistryStatusInput {
  @Field(() => ID, { description: 'The platform decided on; a global id.' }) platformId!: string;

  @Field(() => RegistryStatus, { description: 'APPROVED, REJECTED, SUSPENDED or DEREGISTERED, as the current status allows.' })
  to!: RegistryStatus;

  @Field({ description: 'Why; shown publicly in the status history.' })
  @TextLimit(TEXT_LIMITS.note)
  reason!: string;
}
