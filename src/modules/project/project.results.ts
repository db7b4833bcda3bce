import { createUnionType } from 'type-graphql';
import { InvalidStateTransition, VersionConflict } from '../../common/types';
import { Project } from './project.entity';

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
