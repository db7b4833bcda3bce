import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Forecast, ForecastMethod as KpiForecastMethod, ScheduleKpis } from '../../kpi';
import { KpiValue, TimeWindow } from '../throughput/throughput.types';

export enum ForecastMethod {
  COMPLETED = 'COMPLETED',
  QUANTITY_REACHED = 'QUANTITY_REACHED',
  RECENT_RATE = 'RECENT_RATE',
  TARGET_RATE = 'TARGET_RATE',
  NONE = 'NONE',
}
registerEnumType(ForecastMethod, {
  name: 'ForecastMethod',
  description: 'How a production order completion forecast was made (kpiDefinitions key `productionOrderForecast`).',
  valuesConfig: {
    COMPLETED: { description: 'The order is completed: the forecast is its completion time.' },
    QUANTITY_REACHED: {
      description: 'It has produced its quantity and only waits to be completed: the forecast is as-of (or its planned start, if later).',
    },
    RECENT_RATE: {
      description:
        "Remaining units at the final process's good units per planned minute over the last 7 days, laid over its shift calendar from max(as-of, planned start).",
    },
    TARGET_RATE: {
      description: 'The final process made no good units in the last 7 days: its target rate × target yield over the calendar instead.',
    },
    NONE: { description: 'No forecast: cancelled, no final process, no planned time ahead, or more than a year away (see `reason`).' },
  },
});

@ObjectType({ description: 'When a production order will be complete, how that was worked out, and whether it is after the due date.' })
export class ProductionOrderForecast {
  @Field(() => Date, {
    nullable: true,
    description: 'Forecast completion (the completion time once COMPLETED); null with `reason` when unknown.',
  })
  completion: Date | null;

  @Field(() => ForecastMethod, { description: 'The method that produced `completion`.' })
  method: ForecastMethod;

  @Field(() => Float, {
    nullable: true,
    description: 'Good units per planned hour the forecast assumes (RECENT_RATE, TARGET_RATE); null otherwise.',
  })
  ratePerHour: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Planned production minutes still needed at that rate; null unless RECENT_RATE or TARGET_RATE.',
  })
  plannedMinutesNeeded: number | null;

  @Field(() => Boolean, { nullable: true, description: 'True when `completion` is after the due date; null when there is no completion.' })
  late: boolean | null;

  @Field(() => String, { nullable: true, description: 'Why `completion` is null, as "CODE: explanation"; null when it is set.' })
  reason: string | null;

  @Field({ description: 'The instant the forecast was made at.' })
  asOf: Date;

  static of(f: Forecast, asOf: Date): ProductionOrderForecast {
    return Object.assign(new ProductionOrderForecast(), { ...f, method: f.method as KpiForecastMethod as ForecastMethod, asOf });
  }
}

@ObjectType({ description: "Schedule KPIs of an operation's production orders over the window of `Operation.kpis`." })
export class ProductionScheduleKpis {
  @Field(() => TimeWindow, { description: 'The window these numbers cover (orders completed or due in it; as known at asOf).' })
  window: TimeWindow;

  @Field(() => Int, { description: 'Orders completed in the window.' })
  completedOrders: number;

  @Field(() => Int, { description: 'Of those, completed at or before their due date.' })
  completedOnTime: number;

  @Field(() => Int, { description: 'Orders due in the window (not cancelled).' })
  dueOrders: number;

  @Field(() => KpiValue, { description: 'Orders completed by their due date ÷ orders completed in the window.' })
  onTimeCompletionRate: KpiValue;

  @Field(() => KpiValue, {
    description: 'Produced (by the due date, capped at the quantity) ÷ planned quantity of orders due in the window.',
  })
  scheduleAdherence: KpiValue;

  @Field(() => KpiValue, { description: 'Mean days past the due date of orders completed late in the window.' })
  averageLatenessDays: KpiValue;

  static of(k: ScheduleKpis, window: TimeWindow): ProductionScheduleKpis {
    return Object.assign(new ProductionScheduleKpis(), {
      window,
      completedOrders: k.completed,
      completedOnTime: k.completedOnTime,
      dueOrders: k.due,
      onTimeCompletionRate: KpiValue.of('onTimeCompletionRate', k.onTimeCompletionRate),
      scheduleAdherence: KpiValue.of('scheduleAdherence', k.scheduleAdherence),
      averageLatenessDays: KpiValue.of('averageLatenessDays', k.averageLatenessDays),
    });
  }
}
