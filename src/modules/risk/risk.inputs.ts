import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { RiskStatus } from './risk.entity';
import { VersionedChange } from '../base.inputs';

@InputType({ description: 'A new risk of an open project.' })
export class CreateRiskInput {
  @Field(() => ID, { description: 'The project; it must not be COMPLETED or CANCELLED.' })
  projectId: string;

  @Field({ description: 'Short statement of the risk, 1–200 characters.' })
  @Length(1, 200)
  title: string;

  @Field(() => Int, { description: 'Likelihood, 1 (rare) – 5 (almost certain).' })
  @Min(1)
  @Max(5)
  probability: number;

  @Field(() => Int, { description: 'Consequence, 1 (negligible) – 5 (severe).' })
  @Min(1)
  @Max(5)
  impact: number;

  @Field(() => RiskStatus, { defaultValue: RiskStatus.OPEN, description: 'Initial status (default OPEN).' })
  status: RiskStatus = RiskStatus.OPEN;

  @Field(() => ID, { nullable: true, description: 'The person who owns the risk, if any.' })
  @IsOptional()
  ownerId?: string | null;

  @Field({ defaultValue: '', description: 'What is being done about it, up to 2000 characters.' })
  @MaxLength(2000)
  mitigation: string = '';

  @Field(() => ID, {
    nullable: true,
    description: "A milestone of the same project the risk threatens; when that milestone is overdue the risk's band escalates.",
  })
  @IsOptional()
  milestoneId?: string | null;
}

@InputType({ description: 'Changes to a risk; omitted fields stay as they are.' })
export class UpdateRiskInput extends VersionedChange {
  @Field({ nullable: true, description: 'New title, 1–200 characters.' })
  @IsOptional()
  @Length(1, 200)
  title?: string;

  @Field(() => Int, { nullable: true, description: 'New likelihood, 1–5.' })
  @IsOptional()
  @Min(1)
  @Max(5)
  probability?: number;

  @Field(() => Int, { nullable: true, description: 'New consequence, 1–5.' })
  @IsOptional()
  @Min(1)
  @Max(5)
  impact?: number;

  @Field(() => RiskStatus, { nullable: true, description: 'New status (any status may follow any other).' })
  @IsOptional()
  status?: RiskStatus;

  @Field(() => ID, { nullable: true, description: 'New owner; an explicit null removes the owner.' })
  @IsOptional()
  ownerId?: string | null;

  @Field({ nullable: true, description: 'New mitigation, up to 2000 characters.' })
  @IsOptional()
  @MaxLength(2000)
  mitigation?: string;

  @Field(() => ID, { nullable: true, description: 'New linked milestone of the same project; an explicit null unlinks it.' })
  @IsOptional()
  milestoneId?: string | null;
}
