import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../common/pagination';
import { ProjectStatus } from './project.entity';
import { DEFAULT_SUPPORT_DAYS, HandoverTargetsInput, MAX_ACCEPTANCE_CRITERIA, MAX_SUPPORT_DAYS } from '../handover/handover.inputs';

/** Largest budget accepted, in currency units (keeps cents far inside 2^53). */
export const MAX_BUDGET = 1_000_000_000_000;

@InputType({ description: 'A new project.' })
export class CreateProjectInput {
  @Field({ description: 'Name, 1–200 characters.' })
  @Length(1, 200)
  name: string;

  @Field({ defaultValue: '', description: 'What the project must achieve, up to 2000 characters.' })
  @MaxLength(2000)
  goal: string = '';

  @Field(() => ProjectStatus, {
    defaultValue: ProjectStatus.PLANNED,
    description: 'Initial status: PLANNED (default) or ACTIVE; other values are BAD_USER_INPUT.',
  })
  status: ProjectStatus = ProjectStatus.PLANNED;

  @Field({ description: 'Planned start.' })
  startDate: Date;

  @Field({ description: 'Due date; must be after startDate.' })
  dueDate: Date;

  @Field(() => Float, { description: 'Budget in currency units, 0 – 1,000,000,000,000, at most 2 decimals (e.g. 1250.5).' })
  @Min(0)
  @Max(MAX_BUDGET)
  budget: number;

  @Field(() => ID, {
    nullable: true,
    description:
      'The existing operation this project improves, if any. A project that improves an operation may be completed with updateProject; any other must be handed over.',
  })
  @IsOptional()
  improvesOperationId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'An active TEMPORARY team that staffs no project yet. Cannot be combined with createTeam.',
  })
  @IsOptional()
  teamId?: string | null;

  @Field({
    defaultValue: false,
    description: 'Create a TEMPORARY team named after the project to staff it (default false). Cannot be combined with teamId.',
  })
  createTeam: boolean = false;
}

@InputType({ description: 'Changes to a project; omitted fields stay as they are.' })
export class UpdateProjectInput {
  @Field(() => ID, { description: 'The project to change.' })
  id: string;

  @Field(() => Int, { description: 'The version the client last read; a stale one returns VersionConflict.' })
  @Min(1)
  expectedVersion: number;

  @Field({ nullable: true, description: 'New name, 1–200 characters.' })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true, description: 'New goal, up to 2000 characters.' })
  @IsOptional()
  @MaxLength(2000)
  goal?: string;

  @Field(() => ProjectStatus, {
    nullable: true,
    description:
      'New status. PLANNED → ACTIVE/ON_HOLD/CANCELLED; ACTIVE ↔ ON_HOLD; ACTIVE/ON_HOLD → CANCELLED, or → COMPLETED only for a project that improves an existing ' +
      'operation (it delivers no new one; every other project is completed by handOverProject). COMPLETED and CANCELLED are final. ' +
      "A refused change returns InvalidStateTransition. CANCELLED and COMPLETED disband the project's temporary team.",
  })
  @IsOptional()
  status?: ProjectStatus;

  @Field({ nullable: true, description: 'New start; the (new or current) due date must stay after it.' })
  @IsOptional()
  startDate?: Date;

  @Field({ nullable: true, description: 'New due date; must stay after the (new or current) start.' })
  @IsOptional()
  dueDate?: Date;

  @Field(() => Float, { nullable: true, description: 'New budget in currency units, 0 – 1,000,000,000,000, at most 2 decimals.' })
  @IsOptional()
  @Min(0)
  @Max(MAX_BUDGET)
  budget?: number;
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

export enum ProjectOrderBy {
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
  DUE_DATE_ASC = 'DUE_DATE_ASC',
  DUE_DATE_DESC = 'DUE_DATE_DESC',
  CREATED_AT_DESC = 'CREATED_AT_DESC',
  UPDATED_AT_DESC = 'UPDATED_AT_DESC',
}
registerEnumType(ProjectOrderBy, {
  name: 'ProjectOrderBy',
  description: 'Sort order of a projects list.',
  valuesConfig: {
    NAME_ASC: { description: 'By name, A → Z.' },
    NAME_DESC: { description: 'By name, Z → A.' },
    DUE_DATE_ASC: { description: 'Earliest due date first.' },
    DUE_DATE_DESC: { description: 'Latest due date first.' },
    CREATED_AT_DESC: { description: 'Newest first.' },
    UPDATED_AT_DESC: { description: 'Most recently changed first.' },
  },
});

@InputType({ description: 'Filters for the projects list; all given filters must match.' })
export class ProjectFilter {
  @Field(() => [ProjectStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @ArrayMaxSize(10)
  status?: ProjectStatus[];

  @Field(() => ID, { nullable: true, description: 'Staffed by this team.' })
  @IsOptional()
  teamId?: string;

  @Field({ nullable: true, description: 'Case-insensitive text in the name or goal.' })
  @IsOptional()
  @MaxLength(200)
  search?: string;

  @Field({ nullable: true, description: 'Due strictly before this instant.' })
  @IsOptional()
  dueBefore?: Date;

  @Field({ nullable: true, description: 'Due at or after this instant.' })
  @IsOptional()
  dueAfter?: Date;

  @Field(() => ID, { nullable: true, description: 'Improving this operation.' })
  @IsOptional()
  improvesOperationId?: string;

  @Field({
    nullable: true,
    description: 'true: only open projects (PLANNED, ACTIVE, ON_HOLD) past their due date; false: only those that are not.',
  })
  @IsOptional()
  overdue?: boolean;
}

@ArgsType()
export class ProjectsArgs extends ConnectionArgs {
  @Field(() => ProjectFilter, { nullable: true, description: 'What to include.' })
  @IsOptional()
  @ValidateNested()
  filter?: ProjectFilter;

  @Field(() => ProjectOrderBy, { defaultValue: ProjectOrderBy.DUE_DATE_ASC, description: 'Sort order (default DUE_DATE_ASC).' })
  orderBy: ProjectOrderBy = ProjectOrderBy.DUE_DATE_ASC;
}
