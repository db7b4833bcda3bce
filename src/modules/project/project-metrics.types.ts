import { ArgsType, Field, ObjectType, registerEnumType } from 'type-graphql';
import { IsOptional } from 'class-validator';
import { KpiValue, MoneyKpi } from '../throughput/throughput.types';

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
    description: 'Answer as of this instant: only what was recorded by then counts. Default: now.',
  })
  @IsOptional()
  asOf?: Date;
}

const STATUS_DATE =
  'The status date (data date) the report describes: costs count by when they were incurred, milestone progress and due dates ' +
  'are as at this date (a late progress update counts from its effectiveAt), planned value runs up to it. Default: now.';
const KNOWLEDGE_TIME =
  'Knowledge time: only facts recorded by this instant count (milestone changes, costs and risks as recorded by then), ' +
  'to see what a report said back then. A cost incurred before the status date but recorded after `asOf` is left out. Default: now.';

@ArgsType()
export class ProjectReportArgs {
  @Field(() => Date, { nullable: true, description: STATUS_DATE })
  @IsOptional()
  statusDate?: Date;

  @Field(() => Date, { nullable: true, description: KNOWLEDGE_TIME })
  @IsOptional()
  asOf?: Date;
}

@ArgsType()
export class ProgressArgs extends ProjectReportArgs {
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

  @Field({ description: 'The status date the milestones are taken at.' })
  statusDate: Date;

  @Field({ description: 'The knowledge time: only milestone changes recorded by then were used.' })
  asOf: Date;
}

@ObjectType({
  description:
    'Earned value management (PMI) at a status date, as known at `asOf`: PV, EV, AC and the indices and forecasts derived from them. ' +
    'Every amount is a MoneyKpi (Money in currency units with exact cents, rounded to the cent); indices are KpiValue ratios.',
})
export class EarnedValue {
  @Field({ description: 'The status date (data date) the report describes.' })
  statusDate: Date;

  @Field({ description: 'The knowledge time: only facts recorded by then were used.' })
  asOf: Date;

  @Field(() => MoneyKpi, { description: 'Budget at completion (BAC): the approved budget.' })
  budgetAtCompletion: MoneyKpi;

  @Field(() => MoneyKpi, { description: 'Planned value: BAC × weight of the milestones due on or before the status date.' })
  plannedValue: MoneyKpi;

  @Field(() => MoneyKpi, { description: 'Earned value: BAC × weighted percent complete as at the status date.' })
  earnedValue: MoneyKpi;

  @Field(() => MoneyKpi, {
    description:
      'Actual cost: costs incurred on or before the status date and recorded by `asOf`. When 0, `reason` says why (NO_COST, or NOT_YET_RECORDED when costs incurred by the status date were recorded after `asOf`).',
  })
  actualCost: MoneyKpi;

  @Field(() => MoneyKpi, { description: 'CV = EV − AC.' })
  costVariance: MoneyKpi;

  @Field(() => MoneyKpi, { description: 'SV = EV − PV.' })
  scheduleVariance: MoneyKpi;

  @Field(() => KpiValue, { description: 'CPI = EV ÷ AC.' })
  cpi: KpiValue;

  @Field(() => KpiValue, { description: 'SPI = EV ÷ PV.' })
  spi: KpiValue;

  @Field(() => MoneyKpi, { description: 'EAC = BAC ÷ CPI.' })
  estimateAtCompletion: MoneyKpi;

  @Field(() => MoneyKpi, { description: 'ETC = EAC − AC.' })
  estimateToComplete: MoneyKpi;

  @Field(() => MoneyKpi, { description: 'VAC = BAC − EAC.' })
  varianceAtCompletion: MoneyKpi;

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

  @Field({ description: 'The status date: SPI and CPI at it, milestones overdue at it.' })
  statusDate: Date;

  @Field({ description: 'The knowledge time: only facts recorded by then were used.' })
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

  @Field({ description: 'The status date: SPI at it, and the earliest possible forecast.' })
  statusDate: Date;

  @Field({ description: 'The knowledge time: only facts recorded by then were used.' })
  asOf: Date;
}
