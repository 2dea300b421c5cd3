import { ArrayMaxSize, ArrayMinSize, IsOptional } from 'class-validator';
import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Int64 } from '../../shared/int64.scalar';
import { PageArgs } from '../../shared/pagination';
import { IsPeriod } from '../../shared/period';
import { FigureUnit, Indicator, IndicatorEnum } from './indicators';

/** Orders of a period's figures. */
export enum FigureOrder {
  VALUE_DESC = 'VALUE_DESC',
  VALUE_ASC = 'VALUE_ASC',
}
registerEnumType(FigureOrder, {
  name: 'FigureOrder',
  description: 'Order of the platforms in a comparison (ties by platform id).',
  valuesConfig: { VALUE_DESC: { description: 'Largest value first.' }, VALUE_ASC: { description: 'Smallest value first.' } },
});

/** Which platforms a series is compared with. */
export enum PeerGroup {
  ALL = 'ALL',
  ASSOCIATION = 'ASSOCIATION',
}
registerEnumType(PeerGroup, {
  name: 'PeerGroup',
  description: 'The platforms a series is compared with.',
  valuesConfig: { ALL: { description: 'Every platform with a value.' }, ASSOCIATION: { description: "The platforms of the platform's own association." } },
});

/** One platform's figure in a comparison. */
@ObjectType({ description: "One platform's figure for the period and indicator compared." })
export class PlatformFigure {
  /** The platform's id (its `platform` is resolved by the batch loader). */
  platformId!: string;

  @Field(() => Int64, { description: 'The figure, in the unit of the indicator.' })
  value!: bigint;

  @Field(() => ID, { description: 'The live filing version the figure comes from.' })
  filingId!: string;
}

/** The peer distribution of one indicator in one period. */
@ObjectType({
  description:
    'The peers\' distribution: count and nearest-rank percentiles (PostgreSQL percentile_disc: each is a value some platform reported, so it is exact at any size). Null when no platform has a value.',
})
export class FigureStats {
  @Field(() => Int, { description: 'Platforms with a value (those whose figure is null, e.g. not disclosed or a zero base, are left out).' })
  count!: number;
  @Field(() => Int64, { nullable: true, description: '10th percentile.' }) p10!: bigint | null;
  @Field(() => Int64, { nullable: true, description: '25th percentile (lower quartile).' }) p25!: bigint | null;
  @Field(() => Int64, { nullable: true, description: 'Median (50th percentile; with an even count, the lower of the two middle values).' }) median!: bigint | null;
  @Field(() => Int64, { nullable: true, description: '75th percentile (upper quartile).' }) p75!: bigint | null;
  @Field(() => Int64, { nullable: true, description: '90th percentile.' }) p90!: bigint | null;
}

/** Arguments of `periodFigures`. */
@ArgsType()
export class PeriodFiguresArgs extends PageArgs {
  @Field({ description: 'Reporting month, YYYY-MM.' })
  @IsPeriod()
  period!: string;

  @Field(() => IndicatorEnum, { description: 'The indicator compared.' })
  indicator!: Indicator;

  @Field(() => ID, { nullable: true, description: "Only this association's platforms are the peers (default: every platform)." })
  @IsOptional()
  associationId?: string | null;

  @Field(() => FigureOrder, { defaultValue: FigureOrder.VALUE_DESC, description: 'Order of the platforms.' })
  orderBy!: FigureOrder;
}

/** One month of a platform's series beside its peers. */
@ObjectType({ description: "One month of a platform's series beside its peers: ready to plot." })
export class FigurePoint {
  @Field({ description: 'Reporting month, YYYY-MM.' }) period!: string;
  @Field(() => Int64, { nullable: true, description: "The platform's figure; null when it did not file or the figure is null." }) value!: bigint | null;
  @Field(() => Int64, { nullable: true, description: 'Median of the peers with a value that month (nearest rank, as in periodFigures).' }) peerMedian!: bigint | null;
  @Field(() => Int, { description: 'Peers with a value that month.' }) peerCount!: number;
}

/** One indicator's series of a platform. */
@ObjectType({ description: "A platform's monthly series of one indicator, every month of the range, beside the peer median." })
export class FigureSeries {
  @Field(() => IndicatorEnum, { description: 'The indicator.' }) indicator!: Indicator;
  @Field(() => FigureUnit, { description: 'Its unit.' }) unit!: FigureUnit;
  @Field(() => [FigurePoint], { description: 'One point per month from fromPeriod to toPeriod, oldest first.' }) points!: FigurePoint[];
}

/** Arguments of `Platform.figures`. */
@ArgsType()
export class PlatformFiguresArgs {
  @Field(() => [IndicatorEnum], { description: 'The indicators, 1 to 10.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  indicators!: Indicator[];

  @Field({ description: 'First month, YYYY-MM.' })
  @IsPeriod()
  fromPeriod!: string;

  @Field({ description: 'Last month, YYYY-MM: at most 120 months after fromPeriod.' })
  @IsPeriod()
  toPeriod!: string;

  @Field(() => PeerGroup, { defaultValue: PeerGroup.ALL, description: 'Whose median each point shows beside the platform.' })
  peers!: PeerGroup;
}
