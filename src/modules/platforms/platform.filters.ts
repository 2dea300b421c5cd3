import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../shared/pagination';
import { QualificationState, QualificationType, RegistryStatus } from './platform.enums';

/** Sort orders of the platform list. */
export enum PlatformOrder {
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
  REGISTERED_ASC = 'REGISTERED_ASC',
  REGISTERED_DESC = 'REGISTERED_DESC',
}
registerEnumType(PlatformOrder, {
  name: 'PlatformOrder',
  description: 'By legal name or by date of registration with the registry.',
  valuesConfig: {
    NAME_ASC: { description: 'By legal name, A to Z (code-point order).' },
    NAME_DESC: { description: 'By legal name, Z to A.' },
    REGISTERED_ASC: { description: 'By date of registration with the registry, oldest first.' },
    REGISTERED_DESC: { description: 'By date of registration with the registry, newest first.' },
  },
});

@InputType({ description: 'Platforms that hold at least one qualification in this state (optionally of this type).' })
export class QualificationStateFilter {
  @Field(() => QualificationType, { description: 'Only qualifications of this type.', nullable: true }) type?: QualificationType;
  @Field(() => QualificationState, { description: 'The state a qualification must be in.' }) state!: QualificationState;
}

@InputType({ description: 'All given conditions must hold.' })
export class PlatformFilter {
  @Field(() => [RegistryStatus], { nullable: true, description: 'Any of these registry statuses.' })
  registryStatus?: RegistryStatus[];

  @Field(() => String, { nullable: true, description: 'Exact name of the local financial regulator.' })
  registrationAuthority?: string;

  @Field(() => String, { nullable: true, description: 'Exact name of the custody bank.' })
  custodyBankName?: string;

  @Field(() => QualificationStateFilter, { description: 'Platforms holding a qualification in this state (optionally of this type).', nullable: true })
  qualification?: QualificationStateFilter;
}

@ArgsType()
export class PlatformsArgs extends PageArgs {
  @Field(() => PlatformFilter, { description: 'Conditions that must all hold; none for every platform.', nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: PlatformFilter | null;

  @Field(() => PlatformOrder, { description: 'The order of the list; cursors are bound to it.', defaultValue: PlatformOrder.NAME_ASC })
  orderBy!: PlatformOrder;
}
