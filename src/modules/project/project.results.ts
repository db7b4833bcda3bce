import { Field, ObjectType, createUnionType } from 'type-graphql';
import { InvalidStateTransition, VersionConflict } from '../../common/types';
import { Handover } from '../handover/handover.entity';
import { Operation } from '../operation/operation.entity';
import { Project } from './project.entity';

@ObjectType({
  description: 'A completed handover: the project (now COMPLETED), the operation that runs its result, and the PROPOSED Handover record.',
})
export class HandoverResult {
  @Field(() => Project, { description: 'The handed-over project, now COMPLETED.' })
  project: Project;

  @Field(() => Operation, { description: 'The operation that received the project (new or existing).' })
  operation: Operation;

  @Field(() => Handover, { description: 'The handover record, PROPOSED: criteria, targets, pilot baseline and support window.' })
  handover: Handover;

  constructor(project: Project, operation: Operation, handover: Handover) {
    this.project = project;
    this.operation = operation;
    this.handover = handover;
  }
}

export const CreateProjectResult = createUnionType({
  name: 'CreateProjectResult',
  description: 'The created project.',
  types: () => [Project] as const,
});

export const UpdateProjectResult = createUnionType({
  name: 'UpdateProjectResult',
  description:
    'The updated project, VersionConflict when it changed meanwhile, or InvalidStateTransition for a refused status change (nothing was changed).',
  types: () => [Project, VersionConflict, InvalidStateTransition] as const,
});

export const HandOverProjectResult = createUnionType({
  name: 'HandOverProjectResult',
  description: 'The completed handover, or why nothing was changed.',
  types: () => [HandoverResult, InvalidStateTransition, VersionConflict] as const,
});
