import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, MaxLength, Min } from 'class-validator';
import { ConnectionArgs } from '../../common/pagination';
import { OperationStatus } from './operation.entity';

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
export class UpdateOperationInput {
  @Field(() => ID, { description: 'The operation to change.' })
  id: string;

  @Field(() => Int, { description: 'The version the client last read; a stale one returns VersionConflict.' })
  @Min(1)
  expectedVersion: number;

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

export enum OperationOrderBy {
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
  CREATED_AT_ASC = 'CREATED_AT_ASC',
  CREATED_AT_DESC = 'CREATED_AT_DESC',
  UPDATED_AT_DESC = 'UPDATED_AT_DESC',
}
registerEnumType(OperationOrderBy, {
  name: 'OperationOrderBy',
  description: 'Sort order of an operations list.',
  valuesConfig: {
    NAME_ASC: { description: 'By name, A–Z.' },
    NAME_DESC: { description: 'By name, Z–A.' },
    CREATED_AT_ASC: { description: 'Oldest first.' },
    CREATED_AT_DESC: { description: 'Newest first.' },
    UPDATED_AT_DESC: { description: 'Most recently changed first.' },
  },
});

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
