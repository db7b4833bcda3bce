import { ArgsType, Field, Float, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../common/pagination';
import { defineOrderings } from '../../common/ordering';
import { type Project, ProjectStatus } from './project.entity';
import { VersionedChange } from '../base.inputs';

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
export class UpdateProjectInput extends VersionedChange {
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

/** The columns a projects list sorts by (alias `p`). */
const COLUMNS = {
  id: { sql: 'p.id', read: (p: Project) => p.rowId },
  name: { sql: 'p.name', type: 'string', read: (p: Project) => p.name },
  dueDate: { sql: 'p.dueDate', type: 'date', read: (p: Project) => p.dueDate },
  createdAt: { sql: 'p.createdAt', type: 'date', read: (p: Project) => p.createdAt },
  updatedAt: { sql: 'p.updatedAt', type: 'date', read: (p: Project) => p.updatedAt },
} as const;

/** The `orderBy` values of the projects list and what each sorts by (and so what its cursors hold). */
export const { OrderBy: ProjectOrderBy, orderings: PROJECT_ORDERINGS } = defineOrderings<Project>()(
  'projects',
  'ProjectOrderBy',
  'Sort order of a projects list.',
  {
    NAME_ASC: { description: 'By name, A → Z.', keys: [[COLUMNS.name, 'ASC']] },
    NAME_DESC: { description: 'By name, Z → A.', keys: [[COLUMNS.name, 'DESC']] },
    DUE_DATE_ASC: { description: 'Earliest due date first.', keys: [[COLUMNS.dueDate, 'ASC']] },
    DUE_DATE_DESC: { description: 'Latest due date first.', keys: [[COLUMNS.dueDate, 'DESC']] },
    CREATED_AT_DESC: { description: 'Newest first.', keys: [[COLUMNS.createdAt, 'DESC']] },
    UPDATED_AT_DESC: { description: 'Most recently changed first.', keys: [[COLUMNS.updatedAt, 'DESC']] },
  },
  COLUMNS.id,
);
export type ProjectOrderBy = keyof typeof PROJECT_ORDERINGS;

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
