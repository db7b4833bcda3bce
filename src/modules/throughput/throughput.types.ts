import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Money } from '../../common/types';
import type { Operation } from '../operation/operation.entity';
import { Process } from '../process/process.entity';
import { definitionFor, type Metric } from '../../kpi';
import type { OeeResult, ThroughputResult } from '../../kpi';

@ObjectType({ description: 'How a KPI is computed: formula, unit, direction and the standard it follows.' })
export class KpiDefinition {
  @Field({ description: 'Stable key, e.g. "oee" or "spi".' })
  key: string;

  @Field({ description: 'Display name.' })
  name: string;

  @Field({ description: 'The formula in words.' })
  formula: string;

  @Field({
    description:
      'Unit of the value: ratio (0–1), money (a MoneyKpi: currency units in `money.amount`, exact cents in `money.cents`), money/unit, units/hour, days, …',
  })
  unit: string;

  @Field(() => Boolean, { nullable: true, description: 'True if higher is better, false if lower is, null if neither.' })
  higherIsBetter: boolean | null;

  @Field({ description: 'The standard or body of practice the formula follows.' })
  standard: string;
}

@ObjectType({ description: 'A computed KPI value: a number, or null with the reason it is undefined (never a division by zero).' })
export class KpiValue {
  @Field({ description: 'Key of the KPI; see `definition`.' })
  key: string;

  @Field(() => Float, { nullable: true, description: 'The value; ratios are fractions (0.85, not 85). Null when undefined.' })
  value: number | null;

  @Field(() => String, { nullable: true, description: 'Why the value is null, as "CODE: explanation"; null when there is a value.' })
  reason: string | null;

  @Field(() => KpiDefinition, { description: 'How this value was computed.' })
  get definition(): KpiDefinition {
    return definitionFor(this.key);
  }

  static of(key: string, metric: Metric): KpiValue {
    const value = new KpiValue();
    value.key = key;
    value.value = metric.value;
    value.reason = metric.reason;
    return value;
  }
}

@ObjectType({
  description:
    'A computed amount of money: the KPI counterpart of KpiValue for amounts. `money` is the amount (rounded to the nearest cent), or null with the reason it is undefined. Ratios stay KpiValue.',
})
export class MoneyKpi {
  @Field({ description: 'Key of the KPI; see `definition`.' })
  key: string;

  @Field(() => Money, { nullable: true, description: 'The amount, in the instance currency. Null when undefined (see `reason`).' })
  money: Money | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why `money` is null, as "CODE: explanation"; also set on a zero amount that needs explaining (e.g. actual cost 0 because the costs incurred by the status date were recorded after `asOf`). Null otherwise.',
  })
  reason: string | null;

  @Field(() => KpiDefinition, { description: 'How this amount was computed.' })
  get definition(): KpiDefinition {
    return definitionFor(this.key);
  }

  /** From a metric in cents; `note` explains a defined value (see `reason`). */
  static of(key: string, metric: Metric, currency: string, note: string | null = null): MoneyKpi {
    const kpi = new MoneyKpi();
    kpi.key = key;
    kpi.money = metric.value === null ? null : Money.of(metric.value, currency);
    kpi.reason = metric.reason ?? note;
    return kpi;
  }
}

@ObjectType({ description: 'Overall equipment effectiveness and its three factors (ISO 22400).' })
export class Oee {
  @Field(() => KpiValue, { description: 'Run time ÷ planned production time.' })
  availability: KpiValue;

  @Field(() => KpiValue, { description: 'Ideal cycle time × total units ÷ run time.' })
  performance: KpiValue;

  @Field(() => KpiValue, { description: 'Good units ÷ total units.' })
  quality: KpiValue;

  @Field(() => KpiValue, { description: 'Availability × performance × quality.' })
  oee: KpiValue;

  static of(result: OeeResult): Oee {
    const oee = new Oee();
    oee.availability = KpiValue.of('availability', result.availability);
    oee.performance = KpiValue.of('performance', result.performance);
    oee.quality = KpiValue.of('quality', result.quality);
    oee.oee = KpiValue.of('oee', result.oee);
    return oee;
  }
}

@ObjectType({ description: 'The time window a KPI was computed over, and the moment whose knowledge it reflects.' })
export class TimeWindow {
  @Field({ description: 'Start of the window (inclusive).' })
  from: Date;

  @Field({ description: 'End of the window (exclusive).' })
  to: Date;

  @Field({ description: 'Only samples, costs and changes recorded at or before this instant were used.' })
  asOf: Date;
}

@ObjectType({
  description: 'Throughput, quality and OEE of a process over a window. Samples that straddle the window boundary count pro rata.',
})
export class ThroughputStats {
  @Field(() => TimeWindow, { description: 'The window these numbers cover.' })
  window: TimeWindow;

  @Field(() => Float, { description: 'Good units (pro-rated at the window edges).' })
  goodUnits: number;

  @Field(() => Float, { description: 'Rejected units (pro-rated at the window edges).' })
  rejectedUnits: number;

  @Field(() => Float, { description: 'Good + rejected units.' })
  totalUnits: number;

  @Field(() => Float, { description: 'Planned production time in the window: calendar time minus breaks (24/7 without a calendar).' })
  plannedMinutes: number;

  @Field(() => Float, { description: 'Recorded downtime in the window.' })
  downtimeMinutes: number;

  @Field(() => Float, { description: 'Planned minutes − downtime (never below zero).' })
  runMinutes: number;

  @Field(() => Int, { description: 'How many samples contributed.' })
  sampleCount: number;

  @Field(() => KpiValue, { description: 'Total units per hour of run time.' })
  unitsPerHour: KpiValue;

  @Field(() => Float, { description: "The process's target rate per planned hour." })
  targetRatePerHour: number;

  @Field(() => KpiValue, { description: 'Good units ÷ (target rate × planned hours): actual vs planned output.' })
  attainment: KpiValue;

  @Field(() => KpiValue, { description: 'Good ÷ total units.' })
  yield: KpiValue;

  @Field(() => KpiValue, { description: 'Rejected ÷ total units.' })
  defectRate: KpiValue;

  @Field(() => Oee, { description: 'OEE with availability, performance and quality.' })
  oee: Oee;

  @Field({ description: 'True when attainment is defined and below 1 (the process makes less than planned).' })
  belowTarget: boolean;

  /** The numbers as the KPI engine computed them (not a GraphQL field): operation KPIs build on them. */
  data: ThroughputResult;

  static of(data: ThroughputResult, window: TimeWindow, sampleCount: number): ThroughputStats {
    const stats = new ThroughputStats();
    stats.data = data;
    stats.window = window;
    stats.goodUnits = data.goodUnits;
    stats.rejectedUnits = data.rejectedUnits;
    stats.totalUnits = data.totalUnits;
    stats.plannedMinutes = data.plannedMinutes;
    stats.downtimeMinutes = data.downtimeMinutes;
    stats.runMinutes = data.runMinutes;
    stats.sampleCount = sampleCount;
    stats.unitsPerHour = KpiValue.of('unitsPerHour', data.unitsPerHour);
    stats.targetRatePerHour = data.targetRatePerHour;
    stats.attainment = KpiValue.of('attainment', data.attainment);
    stats.yield = KpiValue.of('yield', data.yield);
    stats.defectRate = KpiValue.of('defectRate', data.defectRate);
    stats.oee = Oee.of(data.oee);
    stats.belowTarget = data.attainment.value !== null && data.attainment.value < 1;
    return stats;
  }
}

@ObjectType({ description: 'One bucket of a trend series.' })
export class TrendPoint {
  @Field({ description: 'Label, e.g. "2026-03-30 Night" or an ISO hour.' })
  label: string;

  @Field(() => ThroughputStats, {
    description: 'The stats of the bucket (samples are attributed to the bucket holding their period start).',
  })
  stats: ThroughputStats;
}

@ObjectType({ description: "KPIs of one process inside an operation's KPI summary." })
export class ProcessKpis {
  @Field(() => Process, { description: 'The process.' })
  process: Process;

  @Field(() => ThroughputStats, { description: 'Its throughput, quality and OEE over the window.' })
  stats: ThroughputStats;
}

@ObjectType({
  description: 'How an operation performs over a window: output, bottleneck, rolled yield, attainment, OEE per process and unit cost.',
})
export class OperationKpis {
  /** The operation (not a GraphQL field): fields other modules add to OperationKpis (delivery, production orders) read it. */
  operation: Operation;

  @Field(() => TimeWindow, { description: 'The window these numbers cover.' })
  window: TimeWindow;

  @Field(() => Process, {
    nullable: true,
    description: "The final process (highest sequence), whose good output is the operation's output.",
  })
  finalProcess: Process | null;

  @Field(() => Float, { description: 'Good units of the final process in the window.' })
  finalOutput: number;

  @Field(() => Process, {
    nullable: true,
    description: 'The process with the lowest attainment (ties: earlier in the workflow); null without data.',
  })
  bottleneck: Process | null;

  @Field(() => KpiValue, { description: "Product of every process's yield." })
  rolledThroughputYield: KpiValue;

  @Field(() => KpiValue, { description: 'Attainment of the final process.' })
  scheduleAttainment: KpiValue;

  @Field(() => Money, { description: 'Operating costs booked in the window.' })
  operatingCost: Money;

  @Field(() => MoneyKpi, {
    description: 'Operating cost in the window ÷ good output of the final process: money per good unit, rounded to the cent.',
  })
  costPerGoodUnit: MoneyKpi;

  @Field(() => [ProcessKpis], { description: 'Every process of the operation, in workflow order, with its stats and OEE.' })
  processes: ProcessKpis[];
}
