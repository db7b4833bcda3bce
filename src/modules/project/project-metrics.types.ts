import { ArgsType, Field, ObjectType, registerEnumType } from 'type-graphql';
import { IsOptional } from 'class-validator';
import { Money } from '../../common/types';
import { KpiValue } from '../throughput/throughput.types';

export enum ProgressRule {
  WEIGHT_BASED = 'WEIGHT_BASED',
  COUNT_BASED = 'COUNT_BASED',
}
registerEnumType(ProgressRule, {
  name: 'ProgressRule',
  description: 'How project progress is computed from milestones.',
  valuesConfig: {
    WEIGHT_BASED: { description: 'Σ weight × percent complete ÷ Σ weight (the default).' },
    COUNT_BASED: { description: 'Done milestones ÷ all milestones.' },
  },
});

export enum HealthStatus {
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  OFF_TRACK = 'OFF_TRACK',
  COMPLETED = 'COMPLETED',
}
registerEnumType(HealthStatus, {
  name: 'HealthStatus',
  description: 'Computed project health (never typed in by a person).',
  valuesConfig: {
    ON_TRACK: { description: 'No threshold crossed.' },
    AT_RISK: { description: 'At least one at-risk threshold crossed.' },
    OFF_TRACK: { description: 'At least one off-track threshold crossed.' },
    COMPLETED: { description: 'The project is completed.' },
  },
});

export enum HealthMetric {
  SPI = 'SPI',
  CPI = 'CPI',
  OVERDUE_MILESTONES = 'OVERDUE_MILESTONES',
  HIGH_RISKS = 'HIGH_RISKS',
}
registerEnumType(HealthMetric, {
  name: 'HealthMetric',
  description: 'A metric that can make a project unhealthy.',
  valuesConfig: {
    SPI: { description: 'Schedule performance index below its threshold.' },
    CPI: { description: 'Cost performance index below its threshold.' },
    OVERDUE_MILESTONES: { description: 'Milestones past due and not done, at or above the threshold.' },
    HIGH_RISKS: { description: 'Open risks scoring at or above the high-risk score, at or above the threshold count.' },
  },
});

@ArgsType()
export class AsOfArgs {
  @Field(() => Date, {
    nullable: true,
    description: 'Answer as of this instant (milestones, costs and risks as recorded by then). Default: now.',
  })
  @IsOptional()
  asOf?: Date;
}

@ArgsType()
export class ProgressArgs extends AsOfArgs {
  @Field(() => ProgressRule, { defaultValue: ProgressRule.WEIGHT_BASED, description: 'Which rule produces `value`.' })
  rule: ProgressRule = ProgressRule.WEIGHT_BASED;
}

@ObjectType({ description: 'Project progress from its milestones; cancelled milestones count neither as done nor in the total.' })
export class ProjectProgress {
  @Field(() => KpiValue, { description: 'Progress (0–1) by the chosen rule.' })
  value: KpiValue;

  @Field(() => ProgressRule, { description: 'The rule that produced `value`.' })
  rule: ProgressRule;

  @Field(() => KpiValue, { description: 'Done milestones ÷ non-cancelled milestones.' })
  countBased: KpiValue;

  @Field(() => KpiValue, { description: 'Σ weight × percent complete ÷ Σ weight.' })
  weightBased: KpiValue;

  @Field({ description: 'The instant this reflects.' })
  asOf: Date;
}

@ObjectType({
  description: 'Earned value management (PMI): PV, EV, AC and the indices and forecasts derived from them. Amounts are in cents.',
})
export class EarnedValue {
  @Field({ description: 'The status date.' })
  asOf: Date;

  @Field(() => Money, { description: 'Budget at completion (BAC).' })
  budgetAtCompletion: Money;

  @Field(() => KpiValue, { description: 'Planned value: BAC × weight of milestones due by the status date (cents).' })
  plannedValue: KpiValue;

  @Field(() => KpiValue, { description: 'Earned value: BAC × weighted percent complete (cents).' })
  earnedValue: KpiValue;

  @Field(() => Money, { description: 'Actual cost recorded up to the status date.' })
  actualCost: Money;

  @Field(() => KpiValue, { description: 'CV = EV − AC (cents).' })
  costVariance: KpiValue;

  @Field(() => KpiValue, { description: 'SV = EV − PV (cents).' })
  scheduleVariance: KpiValue;

  @Field(() => KpiValue, { description: 'CPI = EV ÷ AC.' })
  cpi: KpiValue;

  @Field(() => KpiValue, { description: 'SPI = EV ÷ PV.' })
  spi: KpiValue;

  @Field(() => KpiValue, { description: 'EAC = BAC ÷ CPI (cents).' })
  estimateAtCompletion: KpiValue;

  @Field(() => KpiValue, { description: 'ETC = EAC − AC (cents).' })
  estimateToComplete: KpiValue;

  @Field(() => KpiValue, { description: 'VAC = BAC − EAC (cents).' })
  varianceAtCompletion: KpiValue;

  @Field(() => KpiValue, { description: 'TCPI = (BAC − EV) ÷ (BAC − AC).' })
  tcpi: KpiValue;
}

@ObjectType({ description: 'Why a project is not on track: the metric, its value and the threshold it crossed.' })
export class HealthReason {
  @Field(() => HealthMetric, { description: 'The metric.' })
  metric: HealthMetric;

  @Field({ description: 'Its value.' })
  value: number;

  @Field({ description: 'The threshold it crossed (configuration, not code).' })
  threshold: number;

  @Field(() => HealthStatus, { description: 'AT_RISK or OFF_TRACK.' })
  severity: HealthStatus;

  @Field({ description: 'Human-readable explanation.' })
  message: string;
}

@ObjectType({ description: 'Computed project health with the reasons behind it.' })
export class ProjectHealth {
  @Field(() => HealthStatus, { description: 'The worst severity among the reasons (ON_TRACK when none).' })
  status: HealthStatus;

  @Field(() => [HealthReason], { description: 'Every threshold crossed (at most four).' })
  reasons: HealthReason[];

  @Field({ description: 'The instant this reflects.' })
  asOf: Date;
}

@ObjectType({ description: 'When the project will finish if it keeps its schedule performance.' })
export class CompletionForecast {
  @Field(() => Date, { nullable: true, description: 'Forecast finish; null when it cannot be forecast (see reason).' })
  date: Date | null;

  @Field({ description: 'The method: SPI_DURATION = start + planned duration ÷ SPI, never before the status date.' })
  method: string;

  @Field(() => String, { nullable: true, description: 'Why there is no date, as "CODE: explanation".' })
  reason: string | null;

  @Field({ description: 'The status date.' })
  asOf: Date;
}
