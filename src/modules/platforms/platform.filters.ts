import { IsOptional, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../shared/pagination';
import { QualificationState, QualificationType, RegistryStatus } from './platform.enums';

/** Sort orders of the platform list. */
export enum PlatformOrder {
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
  REGISTERED_ASC = 'REGISTERED_ASC',
  REGISTERED_DESC = 'REGISTERED_DESC',
  RISK_SCORE = 'RISK_SCORE',
}
registerEnumType(PlatformOrder, {
  name: 'PlatformOrder',
  description: 'By legal name, by date of registration with the registry, or by risk score.',
  valuesConfig: {
    NAME_ASC: { description: 'Legal name, A to Z (code point order).' },
    NAME_DESC: { description: 'Legal name, Z to A.' },
    REGISTERED_ASC: { description: 'Oldest registration first.' },
    REGISTERED_DESC: { description: 'Newest registration first.' },
    RISK_SCORE: { description: 'Highest risk score first (see Platform.risk), ties by id; the score is computed as of the request.' },
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

  @Field(() => Int, { nullable: true, description: 'Only platforms whose risk score (see Platform.risk) is at least this.' })
  @IsOptional()
  @Min(0)
  minRiskScore?: number | null;
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
