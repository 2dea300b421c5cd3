import { Args, Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { NotFoundError } from '../../errors';
import { Connection, toConnection } from '../../shared/pagination';
import { Platform } from '../platforms/platform.entity';
import { PlatformRef } from '../platforms/platform.rows';
import { checkSeriesRange, comparePeriod } from './figure.queries';
import { FigureSeries, FigureStats, PeriodFiguresArgs, PlatformFigure, PlatformFiguresArgs } from './figure.types';
import { FigureUnit, Indicator, IndicatorEnum, INDICATOR_BY_NAME } from './indicators';

const PlatformFigureConnection = Connection(PlatformFigure, 'PlatformFigure');

@ObjectType({ description: 'Every platform\'s figure for one period and indicator (like EDGAR frames), with the peers\' distribution.' })
class PeriodFigures {
  @Field({ description: 'Reporting month, YYYY-MM.' }) period!: string;
  @Field(() => IndicatorEnum, { description: 'The indicator compared.' }) indicator!: Indicator;
  @Field(() => FigureUnit, { description: 'Its unit.' }) unit!: FigureUnit;
  @Field(() => FigureStats, { description: 'Count, median and percentiles of the peers.' }) stats!: FigureStats;
  @Field(() => PlatformFigureConnection, { description: 'The platforms and their figures, one keyset page, in the order asked for.' })
  figures!: ReturnType<typeof toConnection<PlatformFigure>>;
}

/** Comparisons: a period's figures across platforms, and a platform's series beside its peers. */
@Resolver(() => PlatformFigure)
export class FigureResolver {
  @Query(() => PeriodFigures, {
    description: "Every platform's value of one indicator for one period, sorted and paged, with the peer median and percentiles (one indexed query).",
  })
  async periodFigures(@Args() args: PeriodFiguresArgs, @Ctx() { em }: Context): Promise<PeriodFigures> {
    const { stats, page } = await comparePeriod(em, args);
    return { period: args.period, indicator: args.indicator, unit: INDICATOR_BY_NAME.get(args.indicator)!.unit, stats, figures: toConnection(page) };
  }

  @FieldResolver(() => Platform, { description: 'The platform.' })
  async platform(@Root() figure: PlatformFigure, @Ctx() { loaders }: Context): Promise<Platform> {
    const platform = await loaders.platform.load(figure.platformId);
    if (!platform) throw new NotFoundError('Platform', figure.platformId);
    return platform;
  }
}

/** A platform's figures over time. */
@Resolver(() => Platform)
export class PlatformFiguresResolver {
  @FieldResolver(() => [FigureSeries], { description: "The platform's monthly series of each indicator beside the peer median, ready to plot." })
  figures(@Root() platform: PlatformRef, @Args() args: PlatformFiguresArgs, @Ctx() { loaders }: Context): Promise<FigureSeries[]> {
    checkSeriesRange(args.fromPeriod, args.toPeriod);
    return loaders.figureSeries.load({ platformId: platform.id, associationId: platform.association.id, ...args });
  }
}
