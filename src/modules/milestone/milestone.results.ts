import { Field, ID, ObjectType, createUnionType } from 'type-graphql';
import { ErrorResult, InvalidStateTransition, VersionConflict } from '../../common/types';
import { Milestone } from './milestone.entity';

@ObjectType({ implements: ErrorResult, description: 'The milestone is already DONE; nothing was changed.' })
export class MilestoneAlreadyCompleted implements ErrorResult {
  @Field({ description: 'Always MILESTONE_ALREADY_COMPLETED.' }) code: string = 'MILESTONE_ALREADY_COMPLETED';
  @Field({ description: 'Human-readable explanation.' }) message: string;

  @Field(() => ID, { description: 'The milestone.' })
  milestoneId: string;

  // Nullable in the schema only so it shares Milestone.completedAt's type: clients select both in one document.
  @Field(() => Date, { nullable: true, description: 'When it was completed (always set; nullable to match Milestone.completedAt).' })
  completedAt: Date;

  constructor(milestoneId: string, completedAt: Date) {
    this.milestoneId = milestoneId;
    this.completedAt = completedAt;
    this.message = `Milestone ${milestoneId} was already completed at ${completedAt.toISOString()}`;
  }
}

export const CreateMilestoneResult = createUnionType({
  name: 'CreateMilestoneResult',
  description: 'The created milestone, or InvalidStateTransition when the project is COMPLETED or CANCELLED.',
  types: () => [Milestone, InvalidStateTransition] as const,
});

export const UpdateMilestoneResult = createUnionType({
  name: 'UpdateMilestoneResult',
  description: 'The updated milestone, or why nothing was changed.',
  types: () => [Milestone, VersionConflict, InvalidStateTransition] as const,
});

export const CompleteMilestoneResult = createUnionType({
  name: 'CompleteMilestoneResult',
  description: 'The completed milestone, or why nothing was changed.',
  types: () => [Milestone, MilestoneAlreadyCompleted, InvalidStateTransition, VersionConflict] as const,
});
