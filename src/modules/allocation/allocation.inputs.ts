import { ArgsType, Field, Float, ID, InputType } from 'type-graphql';
import { IsOptional, Length, Max, Min } from 'class-validator';
import { VersionedChange } from '../base.inputs';

/** Most hours a week has. */
export const HOURS_PER_WEEK_MAX = 168;
/** Longest window a load or staffing figure may span, in days (53 weeks of detail at most). */
export const MAX_LOAD_WINDOW_DAYS = 371;
/** Weeks a load returns at most. */
export const MAX_LOAD_WEEKS = Math.ceil(MAX_LOAD_WINDOW_DAYS / 7);
/** Most allocations one person may hold (ended ones included): bounds every per-person list and formula. */
export const MAX_ALLOCATIONS_PER_PERSON = 200;
/** Hours a week a member of a TEMPORARY team is allocated to its project when added, unless addTeamMember says otherwise. */
export const DEFAULT_PROJECT_ALLOCATION_HOURS = 20;
/** The window of the people filter `overAllocated` and of the over-allocation alert: this many weeks from today (UTC). */
export const OVER_ALLOCATION_HORIZON_WEEKS = 12;

@InputType({ description: 'Allocates hours a week of a person to exactly one operation or one project.' })
export class AllocatePersonInput {
  @Field(() => ID, { description: 'The person.' })
  personId: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The project (temporary work). It must not be COMPLETED or CANCELLED. Give this or operationId.',
  })
  @IsOptional()
  projectId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The operation (permanent work). It must not be RETIRED. Give this or projectId.' })
  @IsOptional()
  operationId?: string | null;

  @Field(() => Float, { description: 'Hours a week, more than 0 and at most 168.' })
  @Min(0.01)
  @Max(HOURS_PER_WEEK_MAX)
  hoursPerWeek: number;

  @Field(() => Date, { nullable: true, description: "Start (inclusive); default: the project's start date, or now for an operation." })
  @IsOptional()
  from?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: "End (exclusive), after `from`. Default: the project's due date, or open-ended for an operation.",
  })
  @IsOptional()
  to?: Date | null;

  @Field({ description: 'The role in this work, 1–100 characters, e.g. "Cutter".' })
  @Length(1, 100)
  role: string;
}

@InputType({
  description: 'Changes to an allocation; omitted fields stay as they are. The same rules as allocatePerson apply to the result.',
})
export class UpdateAllocationInput extends VersionedChange {
  @Field(() => Float, { nullable: true, description: 'New hours a week, more than 0 and at most 168.' })
  @IsOptional()
  @Min(0.01)
  @Max(HOURS_PER_WEEK_MAX)
  hoursPerWeek?: number;

  @Field(() => Date, { nullable: true, description: 'New start.' })
  @IsOptional()
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'New end; an explicit null makes operations work open-ended (refused for a project).' })
  @IsOptional()
  to?: Date | null;

  @Field({ nullable: true, description: 'New role, 1–100 characters.' })
  @IsOptional()
  @Length(1, 100)
  role?: string;
}

@InputType({ description: 'Ends an allocation.' })
export class EndAllocationInput extends VersionedChange {
  @Field(() => Date, {
    nullable: true,
    description: 'When it ends (exclusive); default now. Must be after its start and before its current end.',
  })
  @IsOptional()
  at?: Date;
}

@InputType({ description: "A person's capacity; omitted fields stay as they are." })
export class UpdatePersonInput extends VersionedChange {
  @Field({ nullable: true, description: 'New full name, 1–200 characters.' })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => Float, { nullable: true, description: 'Hours a week the person can work, 0–168.' })
  @IsOptional()
  @Min(0)
  @Max(HOURS_PER_WEEK_MAX)
  capacityHoursPerWeek?: number;
}

@ArgsType()
export class LoadArgs {
  @Field(() => Date, { description: 'Start of the window (inclusive); weeks are counted from it.' })
  from: Date;

  @Field(() => Date, { description: `End of the window (exclusive), after from and at most ${MAX_LOAD_WINDOW_DAYS} days later.` })
  to: Date;

  @Field({
    nullable: true,
    description: 'Knowledge time: only allocations and changes recorded by then count (default now). Capacity and calendar are as now.',
  })
  @IsOptional()
  asOf?: Date;
}

@ArgsType()
export class StaffingArgs {
  @Field(() => Date, {
    nullable: true,
    description: "Start of the window (inclusive); default the project's start date, or now for an operation.",
  })
  @IsOptional()
  from?: Date;

  @Field(() => Date, {
    nullable: true,
    description: "End of the window (exclusive); default the project's due date, or 4 weeks after from for an operation.",
  })
  @IsOptional()
  to?: Date;

  @Field(() => Date, { nullable: true, description: 'Knowledge time: only allocations and changes recorded by then count (default now).' })
  @IsOptional()
  asOf?: Date;
}

@InputType({ description: 'A window of time [from, to).' })
export class LoadWindowInput {
  @Field(() => Date, { description: 'Start (inclusive).' })
  from: Date;

  @Field(() => Date, { description: `End (exclusive), after from and at most ${MAX_LOAD_WINDOW_DAYS} days later.` })
  to: Date;
}
