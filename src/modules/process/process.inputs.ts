import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../common/pagination';
import { defineOrderings } from '../../common/ordering';
import { type Process, ProcessStatus } from './process.entity';
import { MAX_BATCH_SAMPLES, SampleCountRange } from './sample.rules';
import { VersionedChange } from '../base.inputs';

@InputType({ description: "A new process in an operation's workflow." })
export class CreateProcessInput {
  @Field(() => ID, { description: 'The operation it belongs to.' })
  operationId: string;

  @Field({ description: 'Name, 1–200 characters.' })
  @Length(1, 200)
  name: string;

  @Field(() => Int, { nullable: true, description: 'Position in the workflow (1–1000, unique in the operation); default: after the last.' })
  @IsOptional()
  @Min(1)
  @Max(1000)
  sequence?: number;

  @Field(() => ProcessStatus, { defaultValue: ProcessStatus.IDLE, description: 'Initial status (default IDLE).' })
  status: ProcessStatus = ProcessStatus.IDLE;

  @Field({ description: 'What it counts, e.g. "garments" (1–50 characters).' })
  @Length(1, 50)
  unit: string;

  @Field(() => Float, { description: 'Target units per planned hour, > 0 and ≤ 1,000,000.' })
  @Min(0.0001)
  @Max(1_000_000)
  targetRatePerHour: number;

  @Field(() => Float, { nullable: true, description: 'Target yield 0–1 (e.g. 0.97); alerts fire below it.' })
  @IsOptional()
  @Min(0)
  @Max(1)
  targetYield?: number | null;
}

@InputType({ description: 'Changes to a process; omitted fields stay as they are.' })
export class UpdateProcessInput extends VersionedChange {
  @Field({ nullable: true, description: 'New name.' })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => Int, { nullable: true, description: 'New position in the workflow (unique in the operation).' })
  @IsOptional()
  @Min(1)
  @Max(1000)
  sequence?: number;

  @Field(() => ProcessStatus, { nullable: true, description: 'New status.' })
  @IsOptional()
  status?: ProcessStatus;

  @Field({ nullable: true, description: 'New unit.' })
  @IsOptional()
  @Length(1, 50)
  unit?: string;

  @Field(() => Float, { nullable: true, description: 'New target rate per hour.' })
  @IsOptional()
  @Min(0.0001)
  @Max(1_000_000)
  targetRatePerHour?: number;

  @Field(() => Float, { nullable: true, description: 'New target yield 0–1.' })
  @IsOptional()
  @Min(0)
  @Max(1)
  targetYield?: number;
}

@InputType({ description: 'One reporting period of one process.' })
export class ThroughputSampleInput {
  @Field(() => ID, { description: 'The process that produced.' })
  processId: string;

  @Field({ description: 'Start of the period (inclusive).' })
  periodStart: Date;

  @Field({ description: 'End of the period (exclusive); after periodStart, at most 24 h later, not in the future.' })
  periodEnd: Date;

  // The counts' ranges and the period's rules are sample.rules.ts's (the period is checked by the service).
  @Field(() => Int, { description: 'Good units, 0–10,000,000.' })
  @SampleCountRange()
  goodUnits: number;

  @Field(() => Int, { description: 'Rejected units, 0–10,000,000.' })
  @SampleCountRange()
  rejectedUnits: number;

  @Field(() => Float, { defaultValue: 0, description: 'Unplanned downtime in the period, minutes (0 – the period length).' })
  @SampleCountRange()
  downtimeMinutes: number = 0;

  @Field(() => ID, {
    nullable: true,
    description:
      "The production order the units were made for: it must belong to the process's operation and be RELEASED or IN_PROGRESS " +
      "(the first attributed sample moves it to IN_PROGRESS). Only good units of the operation's final process count toward its producedQuantity.",
  })
  @IsOptional()
  productionOrderId?: string | null;
}

@InputType({ description: 'Records one sample. A retry with the same idempotencyKey returns the first result.' })
export class RecordThroughputInput extends ThroughputSampleInput {
  @Field(() => String, { nullable: true, description: 'Client-chosen key (1–100 characters) that makes retries safe.' })
  @IsOptional()
  @Length(1, 100)
  @Matches(/^[\x21-\x7e]+$/, { message: 'idempotencyKey must be printable ASCII without spaces' })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Up to 500 samples recorded in one transaction: all or nothing.' })
export class RecordThroughputBatchInput {
  @Field(() => [ThroughputSampleInput], { description: `1–${MAX_BATCH_SAMPLES} samples.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_SAMPLES)
  // Each sample is checked by the service with countProblems (sample.rules.ts: same rules and messages).
  samples: ThroughputSampleInput[];

  @Field(() => String, { nullable: true, description: 'Client-chosen key that makes retries of the whole batch safe.' })
  @IsOptional()
  @Length(1, 100)
  @Matches(/^[\x21-\x7e]+$/, { message: 'idempotencyKey must be printable ASCII without spaces' })
  idempotencyKey?: string | null;
}

@ArgsType()
export class SamplesArgs extends ConnectionArgs {
  @Field(() => Date, { nullable: true, description: 'Only samples whose period ends after this instant.' })
  @IsOptional()
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Only samples whose period starts before this instant.' })
  @IsOptional()
  to?: Date;
}

/** The columns a processes list sorts by (alias `p`). */
const COLUMNS = {
  id: { sql: 'p.id', read: (p: Process) => p.rowId },
  operation: { sql: 'p.operationRowId', type: 'number', read: (p: Process) => p.operationRowId },
  sequence: { sql: 'p.sequence', type: 'number', read: (p: Process) => p.sequence },
  name: { sql: 'p.name', type: 'string', read: (p: Process) => p.name },
  updatedAt: { sql: 'p.updatedAt', type: 'date', read: (p: Process) => p.updatedAt },
} as const;

const defined = defineOrderings<Process>()(
  'processes',
  'ProcessOrderBy',
  'Sort order of a processes list.',
  {
    WORKFLOW: {
      description: 'By operation, then by sequence within it.',
      keys: [
        [COLUMNS.operation, 'ASC'],
        [COLUMNS.sequence, 'ASC'],
      ],
    },
    NAME_ASC: { description: 'By name.', keys: [[COLUMNS.name, 'ASC']] },
    // Equal timestamps keep their id order, as they always have.
    UPDATED_AT_DESC: { description: 'Most recently changed first.', keys: [[COLUMNS.updatedAt, 'DESC']], idDirection: 'ASC' },
  },
  COLUMNS.id,
);

/** The `orderBy` values of the processes list. */
export const ProcessOrderBy = defined.OrderBy;
export type ProcessOrderBy = keyof typeof defined.orderings;

/** What each `orderBy` sorts by, and so what its cursors hold. */
export const PROCESS_ORDERINGS = defined.orderings;

@InputType({ description: 'Filters for the processes list; all given filters must match.' })
export class ProcessFilter {
  @Field(() => ID, { nullable: true, description: 'Only processes of this operation.' })
  @IsOptional()
  operationId?: string;

  @Field(() => [ProcessStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @ArrayMaxSize(10)
  status?: ProcessStatus[];

  @Field({ nullable: true, description: 'Case-insensitive text in the name.' })
  @IsOptional()
  @Length(1, 200)
  search?: string;

  @Field({ nullable: true, description: 'Only processes whose attainment over the last 60 minutes is below target (true) or not (false).' })
  @IsOptional()
  belowTarget?: boolean;
}

@ArgsType()
export class ProcessesArgs extends ConnectionArgs {
  @Field(() => ProcessFilter, { nullable: true, description: 'What to include.' })
  @IsOptional()
  @ValidateNested()
  filter?: ProcessFilter;

  @Field(() => ProcessOrderBy, { defaultValue: ProcessOrderBy.WORKFLOW, description: 'Sort order.' })
  orderBy: ProcessOrderBy = ProcessOrderBy.WORKFLOW;
}
