import { ArgsType, Field, Int, registerEnumType } from 'type-graphql';
import { IsOptional, Max, Min } from 'class-validator';

/** Largest window a KPI may cover: 400 days. */
export const MAX_WINDOW_MINUTES = 400 * 24 * 60;

@ArgsType()
export class WindowArgs {
  @Field(() => Date, {
    nullable: true,
    description:
      'Knowledge time: only samples, costs and changes recorded by this instant count (what a report said back then). The window, not this, is the status date: facts count by when they happened. Default: now.',
  })
  @IsOptional()
  asOf?: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'Window start (inclusive); give with `to`. The window plays the status-date role: samples and costs count by when they happened in it. Default: `lastMinutes` before `asOf`.',
  })
  @IsOptional()
  from?: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'Window end (exclusive), the status date of the report; give with `from`. Default: `asOf`.',
  })
  @IsOptional()
  to?: Date;

  @Field(() => Int, {
    nullable: true,
    description: 'Window length ending at `asOf` when from/to are not given (1 – 576,000 minutes). Default 60.',
  })
  @IsOptional()
  @Min(1)
  @Max(MAX_WINDOW_MINUTES)
  lastMinutes?: number;
}

export enum TrendBucket {
  HOUR = 'HOUR',
  SHIFT = 'SHIFT',
  DAY = 'DAY',
}
registerEnumType(TrendBucket, {
  name: 'TrendBucket',
  description: 'Bucket size of a trend series.',
  valuesConfig: {
    HOUR: { description: 'One point per UTC hour.' },
    SHIFT: { description: 'One point per shift occurrence of the calendar (per UTC day without one).' },
    DAY: { description: 'One point per UTC day.' },
  },
});

@ArgsType()
export class TrendArgs extends WindowArgs {
  @Field(() => TrendBucket, { description: 'Bucket size.' })
  bucket: TrendBucket;
}
