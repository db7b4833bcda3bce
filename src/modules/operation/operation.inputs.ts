import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, MaxLength } from 'class-validator';
import { ConnectionArgs } from '../../common/pagination';
import { defineOrderings } from '../../common/ordering';
import { type Operation, OperationStatus } from './operation.entity';
import { VersionedChange } from '../base.inputs';

@InputType({ description: 'A new operation.' })
export class CreateOperationInput {
  @Field({ description: 'Name, 1–200 characters.' })
  @Length(1, 200)
  name: string;

  @Field({ defaultValue: '', description: 'Description, up to 2000 characters.' })
  @MaxLength(2000)
  description: string = '';

  @Field(() => OperationStatus, { defaultValue: OperationStatus.ACTIVE, description: 'Initial status (default ACTIVE).' })
  status: OperationStatus = OperationStatus.ACTIVE;

  @Field(() => ID, { nullable: true, description: 'The permanent team that runs it.' })
  @IsOptional()
  teamId?: string | null;
}

@InputType({ description: 'Changes to an operation; omitted fields stay as they are.' })
export class UpdateOperationInput extends VersionedChange {
  @Field({ nullable: true, description: 'New name, 1–200 characters.' })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true, description: 'New description, up to 2000 characters.' })
  @IsOptional()
  @MaxLength(2000)
  description?: string;

  @Field(() => OperationStatus, { nullable: true, description: 'New status.' })
  @IsOptional()
  status?: OperationStatus;

  @Field(() => ID, { nullable: true, description: 'New permanent team.' })
  @IsOptional()
  teamId?: string;
}

/** The columns an operations list sorts by (alias `o`). */
const COLUMNS = {
  id: { sql: 'o.id', read: (o: Operation) => o.rowId },
  name: { sql: 'o.name', type: 'string', read: (o: Operation) => o.name },
  createdAt: { sql: 'o.createdAt', type: 'date', read: (o: Operation) => o.createdAt },
  updatedAt: { sql: 'o.updatedAt', type: 'date', read: (o: Operation) => o.updatedAt },
} as const;

/** The `orderBy` values of the operations list and what each sorts by (and so what its cursors hold). */
export const { OrderBy: OperationOrderBy, orderings: OPERATION_ORDERINGS } = defineOrderings<Operation>()(
  'operations',
  'OperationOrderBy',
  'Sort order of an operations list.',
  {
    NAME_ASC: { description: 'By name, A–Z.', keys: [[COLUMNS.name, 'ASC']] },
    NAME_DESC: { description: 'By name, Z–A.', keys: [[COLUMNS.name, 'DESC']] },
    CREATED_AT_ASC: { description: 'Oldest first.', keys: [[COLUMNS.createdAt, 'ASC']] },
    CREATED_AT_DESC: { description: 'Newest first.', keys: [[COLUMNS.createdAt, 'DESC']] },
    UPDATED_AT_DESC: { description: 'Most recently changed first.', keys: [[COLUMNS.updatedAt, 'DESC']] },
  },
  COLUMNS.id,
);
export type OperationOrderBy = keyof typeof OPERATION_ORDERINGS;

@InputType({ description: 'Filters for the operations list; all given filters must match.' })
export class OperationFilter {
  @Field(() => [OperationStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @ArrayMaxSize(10)
  status?: OperationStatus[];

  @Field(() => ID, { nullable: true, description: 'Run by this team.' })
  @IsOptional()
  teamId?: string;

  @Field({ nullable: true, description: 'Case-insensitive text in the name or description.' })
  @IsOptional()
  @MaxLength(200)
  search?: string;

  @Field({ nullable: true, description: 'Only operations a project is improving (true) or none is (false).' })
  @IsOptional()
  hasImprovingProjects?: boolean;

  @Field({
    nullable: true,
    description: 'Only operations with at least one process below target over the last 60 minutes (true), or with none (false).',
  })
  @IsOptional()
  belowTarget?: boolean;
}

@ArgsType()
export class OperationsArgs extends ConnectionArgs {
  @Field(() => OperationFilter, { nullable: true, description: 'What to include.' })
  @IsOptional()
  filter?: OperationFilter;

  @Field(() => OperationOrderBy, { defaultValue: OperationOrderBy.NAME_ASC, description: 'Sort order.' })
  orderBy: OperationOrderBy = OperationOrderBy.NAME_ASC;
}
