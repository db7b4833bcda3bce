import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { IsOptional, IsPositive, Length, Max, Min } from 'class-validator';
import { MilestoneStatus } from './milestone.entity';
import { VersionedChange } from '../base.inputs';

@InputType({ description: 'A new milestone of an open project.' })
export class CreateMilestoneInput {
  @Field(() => ID, { description: 'The project; it must not be COMPLETED or CANCELLED.' })
  projectId: string;

  @Field({ description: 'Name, 1–200 characters.' })
  @Length(1, 200)
  name: string;

  @Field(() => ID, { nullable: true, description: 'The person responsible, if any.' })
  @IsOptional()
  ownerId?: string | null;

  @Field({ description: 'When the milestone is due.' })
  dueDate: Date;

  @Field(() => Float, { defaultValue: 1, description: 'Relative weight in project progress, > 0 and ≤ 1000 (default 1).' })
  @IsPositive()
  @Max(1000)
  weight: number = 1;

  @Field(() => Float, {
    defaultValue: 0,
    description: 'How far along, 0–100 (default 0). 100 alone does not mark it DONE: use completeMilestone.',
  })
  @Min(0)
  @Max(100)
  percentComplete: number = 0;
}

@InputType({ description: 'Changes to a milestone; omitted fields stay as they are.' })
export class UpdateMilestoneInput extends VersionedChange {
  @Field({ nullable: true, description: 'New name, 1–200 characters.' })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => ID, { nullable: true, description: 'New owner; an explicit null removes the owner.' })
  @IsOptional()
  ownerId?: string | null;

  @Field({ nullable: true, description: 'New due date.' })
  @IsOptional()
  dueDate?: Date;

  @Field(() => Float, { nullable: true, description: 'New weight, > 0 and ≤ 1000.' })
  @IsOptional()
  @IsPositive()
  @Max(1000)
  weight?: number;

  @Field(() => MilestoneStatus, {
    nullable: true,
    description:
      'New status. DONE sets percentComplete to 100 and completedAt to now; leaving DONE clears completedAt. ' +
      'A CANCELLED milestone cannot become DONE directly (InvalidStateTransition): reopen it first.',
  })
  @IsOptional()
  status?: MilestoneStatus;

  @Field(() => Float, {
    nullable: true,
    description: 'New progress, 0–100. Must be 100 when the milestone is (or becomes) DONE; 100 alone does not mark it DONE.',
  })
  @IsOptional()
  @Min(0)
  @Max(100)
  percentComplete?: number;

  @Field(() => Date, {
    nullable: true,
    description:
      'When this change took effect, for a progress update made late (e.g. "80 % as at 1 March", recorded today). ' +
      'Reports at a status date on or after it see the change; reports at an earlier status date do not, and reports ' +
      'with an `asOf` before now do not know of it. Not after now, not before the project start, not before the ' +
      "milestone's previous change took effect (BAD_USER_INPUT). A change to DONE is completed at this date. Default: now.",
  })
  @IsOptional()
  effectiveAt?: Date;
}

@InputType({ description: 'Marks a milestone DONE.' })
export class CompleteMilestoneInput {
  @Field(() => ID, { description: 'The milestone to complete.' })
  id: string;

  @Field(() => Int, { nullable: true, description: 'The version the client last read; when given and stale, returns VersionConflict.' })
  @IsOptional()
  @Min(1)
  expectedVersion?: number | null;
}
