import { createUnionType, Field, ObjectType, registerEnumType } from 'type-graphql';
import { ErrorResult, InvalidStateTransition, VersionConflict } from '../../common/types';
import { Person } from '../team/team.entity';
import { Allocation } from './allocation.entity';

export enum AllocationRefusal {
  PROJECT_CLOSED = 'PROJECT_CLOSED',
  OPERATION_RETIRED = 'OPERATION_RETIRED',
  OUTSIDE_PROJECT_DATES = 'OUTSIDE_PROJECT_DATES',
  PROJECT_NEEDS_END = 'PROJECT_NEEDS_END',
}
registerEnumType(AllocationRefusal, {
  name: 'AllocationRefusal',
  description: 'Why an allocation was refused.',
  valuesConfig: {
    PROJECT_CLOSED: { description: 'The project is COMPLETED or CANCELLED: it takes no new or changed allocations.' },
    OPERATION_RETIRED: { description: 'The operation is RETIRED: nobody works on it any more.' },
    OUTSIDE_PROJECT_DATES: { description: "The allocation starts before the project's start date or ends after its due date." },
    PROJECT_NEEDS_END: { description: 'Project work is temporary: an allocation to a project cannot be open-ended.' },
  },
});

@ObjectType({ implements: ErrorResult, description: 'The allocation was refused; `reason` says why. Nothing was changed.' })
export class AllocationRefused implements ErrorResult {
  @Field({ description: 'Stable machine-readable code: the same as `reason`.' }) code: string;
  @Field({ description: 'Human-readable explanation, with the dates or status that caused it.' }) message: string;
  @Field(() => AllocationRefusal, { description: 'Why it was refused.' }) reason: AllocationRefusal;

  constructor(reason: AllocationRefusal, message: string) {
    this.code = reason;
    this.reason = reason;
    this.message = message;
  }
}

export const AllocatePersonResult = createUnionType({
  name: 'AllocatePersonResult',
  description: 'The new allocation, or AllocationRefused saying why (nothing was created).',
  types: () => [Allocation, AllocationRefused] as const,
});

export const UpdateAllocationResult = createUnionType({
  name: 'UpdateAllocationResult',
  description: 'The changed allocation, VersionConflict, or AllocationRefused saying why (nothing was changed).',
  types: () => [Allocation, VersionConflict, AllocationRefused] as const,
});

export const EndAllocationResult = createUnionType({
  name: 'EndAllocationResult',
  description: 'The ended allocation, VersionConflict, or InvalidStateTransition when it already ends by then (nothing was changed).',
  types: () => [Allocation, VersionConflict, InvalidStateTransition] as const,
});

export const UpdatePersonResult = createUnionType({
  name: 'UpdatePersonResult',
  description: 'The changed person, or VersionConflict (nothing was changed).',
  types: () => [Person, VersionConflict] as const,
});
