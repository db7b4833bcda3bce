import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../common/pagination';
import { AlertKind, AlertSeverity } from './alert.entity';

@InputType({ description: 'Filters for the alerts list; all given filters must match.' })
export class AlertFilter {
  @Field(() => ID, { nullable: true, description: 'Alerts about this operation (its processes and stock, and projects improving it).' })
  @IsOptional()
  operationId?: string;

  @Field(() => ID, { nullable: true, description: 'Alerts about this project.' })
  @IsOptional()
  projectId?: string;

  @Field(() => [AlertKind], { nullable: true, description: 'Any of these kinds.' })
  @IsOptional()
  @ArrayMaxSize(10)
  kinds?: AlertKind[];

  @Field(() => AlertSeverity, { nullable: true, description: 'At least this severity.' })
  @IsOptional()
  minSeverity?: AlertSeverity;

  @Field({ nullable: true, description: 'Only acknowledged (true) or unacknowledged (false) alerts.' })
  @IsOptional()
  acknowledged?: boolean;

  @Field({ nullable: true, description: 'Only alerts whose condition still holds (true) or has cleared (false).' })
  @IsOptional()
  active?: boolean;
}

@ArgsType()
export class AlertsArgs extends ConnectionArgs {
  @Field(() => AlertFilter, { nullable: true, description: 'What to include.' })
  @IsOptional()
  @ValidateNested()
  filter?: AlertFilter;
}

@InputType({ description: 'Acknowledges an alert.' })
export class AcknowledgeAlertInput {
  @Field(() => ID, { description: 'The alert.' })
  id: string;
}
