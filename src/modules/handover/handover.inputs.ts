import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { ConnectionArgs } from '../../common/pagination';
import { defineOrderings } from '../../common/ordering';
import { type Handover, HandoverStatus } from './handover.entity';
import { ArrayMaxSize, IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';

/** Most acceptance criteria one handover may carry (the `criteria` list is returned whole). */
export const MAX_ACCEPTANCE_CRITERIA = 50;
/** Longest early-life support, in days. */
export const MAX_SUPPORT_DAYS = 365;
/** Early-life support when handOverProject does not say, in days. */
export const DEFAULT_SUPPORT_DAYS = 30;
/** Largest throughput target accepted, units per hour. */
export const MAX_TARGET_THROUGHPUT = 1_000_000_000;

@InputType({ description: 'What the operation should achieve once handed over. Omitted targets are not compared.' })
export class HandoverTargetsInput {
  @Field(() => Float, { nullable: true, description: 'Units per hour of run time of the final process, 0 – 1,000,000,000.' })
  @IsOptional()
  @Min(0)
  @Max(MAX_TARGET_THROUGHPUT)
  throughputPerHour?: number | null;

  @Field(() => Float, { nullable: true, description: 'Rolled throughput yield of the whole workflow, 0–1 (0.95, not 95).' })
  @IsOptional()
  @Min(0)
  @Max(1)
  yield?: number | null;

  @Field(() => Float, { nullable: true, description: 'OEE of the final process, 0–1 (0.85, not 85).' })
  @IsOptional()
  @Min(0)
  @Max(1)
  oee?: number | null;
}

@InputType({
  description:
    'Hands a finished project over to operations: to a new operation (`newOperationName`) or an existing one (`operationId`), exactly one of the two, ' +
    'with optional acceptance criteria, target KPIs and an early-life-support length for the Handover it creates.',
})
export class HandOverProjectInput {
  @Field(() => ID, { description: 'The project to hand over; it must be ACTIVE or ON_HOLD.' })
  projectId: string;

  @Field(() => ID, {
    nullable: true,
    description: "An existing, not retired operation that receives the project's result. Give this or newOperationName.",
  })
  @IsOptional()
  operationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Name (1–200 characters) of a new operation to create. Give this or operationId.' })
  @IsOptional()
  @Length(1, 200)
  newOperationName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Description of the new operation, up to 2000 characters (only with newOperationName).',
  })
  @IsOptional()
  @MaxLength(2000)
  newOperationDescription?: string | null;

  @Field(() => ID, { description: 'The PERMANENT team that will run the operation (set on an existing operation only if it has no team).' })
  teamId: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The project version the client last read; when given and stale, returns VersionConflict.',
  })
  @IsOptional()
  @Min(1)
  expectedVersion?: number | null;

  @Field(() => [String], {
    nullable: true,
    description: `Acceptance criteria the receiving team needs met before it accepts the handover: at most ${MAX_ACCEPTANCE_CRITERIA}, each 1–500 characters (trimmed). Default none.`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_ACCEPTANCE_CRITERIA)
  @Length(1, 500, { each: true })
  acceptanceCriteria?: string[] | null;

  @Field(() => HandoverTargetsInput, {
    nullable: true,
    description: 'Target KPIs for the operation; `Handover.comparison` measures against them. Default none.',
  })
  @IsOptional()
  @ValidateNested()
  targets?: HandoverTargetsInput | null;

  @Field(() => Int, {
    defaultValue: DEFAULT_SUPPORT_DAYS,
    description: `Days of early-life support after acceptance, 0–${MAX_SUPPORT_DAYS} (default ${DEFAULT_SUPPORT_DAYS}).`,
  })
  @Min(0)
  @Max(MAX_SUPPORT_DAYS)
  supportDays: number = DEFAULT_SUPPORT_DAYS;
}

@InputType({ description: 'Records an acceptance criterion as met or unmet.' })
export class SetAcceptanceCriterionInput {
  @Field(() => ID, { description: 'The criterion.' })
  id: string;

  @Field({ description: 'True: met (records who and when); false: unmet again (clears who and when).' })
  met: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'The criterion version the client last read; when given and stale, returns VersionConflict.',
  })
  @IsOptional()
  @Min(1)
  expectedVersion?: number | null;
}

@InputType({ description: 'Accepts a PROPOSED handover on behalf of the receiving team.' })
export class AcceptHandoverInput {
  @Field(() => ID, { description: 'The handover.' })
  id: string;

  @Field(() => Int, { description: 'The handover version the client last read; a stale one returns VersionConflict.' })
  @Min(1)
  expectedVersion: number;
}

@InputType({ description: 'Closes an accepted handover, ending early-life support if it is still running.' })
export class CloseHandoverInput {
  @Field(() => ID, { description: 'The handover.' })
  id: string;

  @Field(() => Int, { description: 'The handover version the client last read; a stale one returns VersionConflict.' })
  @Min(1)
  expectedVersion: number;
}

/** The columns a handovers list sorts by (alias `h`). */
const HANDOVER_COLUMNS = {
  id: { sql: 'h.id', read: (h: Handover) => h.rowId },
  proposedAt: { sql: 'h.proposedAt', type: 'date', read: (h: Handover) => h.proposedAt },
} as const;

/** The `orderBy` values of the handovers list. */
export const { OrderBy: HandoverOrderBy, orderings: HANDOVER_ORDERINGS } = defineOrderings<Handover>()(
  'handovers',
  'HandoverOrderBy',
  'Sort order of a handovers list.',
  {
    PROPOSED_AT_DESC: { description: 'Newest handover first.', keys: [[HANDOVER_COLUMNS.proposedAt, 'DESC']] },
    PROPOSED_AT_ASC: { description: 'Oldest handover first.', keys: [[HANDOVER_COLUMNS.proposedAt, 'ASC']] },
  },
  HANDOVER_COLUMNS.id,
);
export type HandoverOrderBy = keyof typeof HANDOVER_ORDERINGS;

@InputType({ description: 'Filters for the handovers list; all given filters must match.' })
export class HandoverFilter {
  @Field(() => [HandoverStatus], {
    nullable: true,
    description:
      'Only handovers in any of these statuses as clients see them (IN_SUPPORT and ACCEPTED are told apart by supportUntil and now).',
  })
  @IsOptional()
  @ArrayMaxSize(4)
  statuses?: HandoverStatus[];

  @Field(() => ID, { nullable: true, description: 'Only handovers to this operation.' })
  @IsOptional()
  operationId?: string;

  @Field(() => ID, { nullable: true, description: 'Only handovers received by this team.' })
  @IsOptional()
  teamId?: string;
}

@ArgsType()
export class HandoversArgs extends ConnectionArgs {
  @Field(() => HandoverFilter, { nullable: true, description: 'What to include.' })
  @IsOptional()
  @ValidateNested()
  filter?: HandoverFilter;

  @Field(() => HandoverOrderBy, { defaultValue: HandoverOrderBy.PROPOSED_AT_DESC, description: 'Sort order (default PROPOSED_AT_DESC).' })
  orderBy: HandoverOrderBy = HandoverOrderBy.PROPOSED_AT_DESC;
}
