import { Field, ObjectType, createUnionType } from 'type-graphql';
import { InvalidStateTransition, VersionConflict } from '../../common/types';
import { Operation } from '../operation/operation.entity';
import { Project } from './project.entity';

@ObjectType({ description: 'A completed handover: the project (now COMPLETED) and the operation that runs its result.' })
export class HandoverResult {
  @Field(() => Project, { description: 'The handed-over project, now COMPLETED.' })
  project: Project;

  @Field(() => Operation, { description: 'The operation that received the project (new or existing).' })
  operation: Operation;

  constructor(project: Project, operation: Operation) {
    this.project = project;
    this.operation = operation;
  }
}

export const CreateProjectResult = createUnionType({
  name: 'CreateProjectResult',
  description: 'The created project.',
  types: () => [Project] as const,
});

export const UpdateProjectResult = createUnionType({
  name: 'UpdateProjectResult',
  description: 'The updated project, VersionConflict when it changed meanwhile, or InvalidStateTransition for a refused status change (nothing was changed).',
  types: () => [Project, VersionConflict, InvalidStateTransition] as const,
});

export const HandOverProjectResult = createUnionType({
  name: 'HandOverProjectResult',
  description: 'The completed handover, or why nothing was changed.',
  types: () => [HandoverResult, InvalidStateTransition, VersionConflict] as const,
});
