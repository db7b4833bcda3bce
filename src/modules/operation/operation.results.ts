import { createUnionType } from 'type-graphql';
import { VersionConflict } from '../../common/types';
import { Operation } from './operation.entity';

export const CreateOperationResult = createUnionType({
  name: 'CreateOperationResult',
  description: 'The created operation.',
  types: () => [Operation] as const,
});

export const UpdateOperationResult = createUnionType({
  name: 'UpdateOperationResult',
  description: 'The updated operation, or VersionConflict when it changed meanwhile (nothing was changed).',
  types: () => [Operation, VersionConflict] as const,
});
