import { Field, ID, Int, ObjectType, createUnionType } from 'type-graphql';
import { ErrorResult, IdempotencyKeyReused, InvalidStateTransition, VersionConflict } from '../../common/types';
import { Process, ThroughputSample } from './process.entity';

@ObjectType({
  implements: ErrorResult,
  description: "A sample's period overlaps one already recorded for the process; counting both would double-count. Nothing was recorded.",
})
export class SampleOverlap implements ErrorResult {
  @Field({ description: 'Stable machine-readable code.' }) code: string = 'SAMPLE_OVERLAP';
  @Field({ description: 'Human-readable explanation.' }) message: string;

  @Field(() => ID, { description: 'The process.' })
  processId: string;

  @Field(() => Int, { description: 'Index of the offending sample in the input (0 for a single sample).' })
  index: number;

  @Field(() => ID, {
    nullable: true,
    description: 'The already-recorded sample it overlaps, if stored (null when two samples of the same batch overlap).',
  })
  existingSampleId: string | null;

  constructor(processId: string, index: number, existingSampleId: string | null) {
    this.processId = processId;
    this.index = index;
    this.existingSampleId = existingSampleId;
    this.message = existingSampleId
      ? `Sample ${index} overlaps the recorded sample ${existingSampleId} of process ${processId}`
      : `Sample ${index} overlaps another sample of process ${processId} in the same batch`;
  }
}

@ObjectType({
  implements: ErrorResult,
  description: "A sample names a production order of another operation than its process's. Nothing was recorded.",
})
export class ProductionOrderMismatch implements ErrorResult {
  @Field({ description: 'Stable machine-readable code.' }) code: string = 'PRODUCTION_ORDER_WRONG_OPERATION';
  @Field({ description: 'Human-readable explanation.' }) message: string;

  @Field(() => ID, { description: 'The production order named.' })
  productionOrderId: string;

  @Field(() => ID, { description: 'The process of the sample.' })
  processId: string;

  @Field(() => Int, { description: 'Index of the offending sample in the input (0 for a single sample).' })
  index: number;

  constructor(productionOrderId: string, processId: string, index: number) {
    this.productionOrderId = productionOrderId;
    this.processId = processId;
    this.index = index;
    this.message = `Sample ${index}: production order ${productionOrderId} belongs to another operation than process ${processId}`;
  }
}

@ObjectType({ description: 'The samples a batch recorded, in input order.' })
export class ThroughputBatch {
  @Field(() => Int, { description: 'How many samples were recorded.' })
  count: number;

  @Field(() => [ThroughputSample], { description: 'The recorded samples, in input order (at most 500).' })
  samples: ThroughputSample[];

  constructor(samples: ThroughputSample[]) {
    this.samples = samples;
    this.count = samples.length;
  }
}

export const CreateProcessResult = createUnionType({
  name: 'CreateProcessResult',
  description: 'The created process, or InvalidStateTransition when its operation is retired.',
  types: () => [Process, InvalidStateTransition] as const,
});

export const UpdateProcessResult = createUnionType({
  name: 'UpdateProcessResult',
  description: 'The updated process, or VersionConflict (nothing was changed).',
  types: () => [Process, VersionConflict] as const,
});

export const RecordThroughputResult = createUnionType({
  name: 'RecordThroughputResult',
  description:
    'The recorded sample, or why nothing was recorded (InvalidStateTransition also when its production order is not RELEASED or IN_PROGRESS).',
  types: () => [ThroughputSample, SampleOverlap, InvalidStateTransition, ProductionOrderMismatch, IdempotencyKeyReused] as const,
});

export const RecordThroughputBatchResult = createUnionType({
  name: 'RecordThroughputBatchResult',
  description: 'All samples recorded, or why none was (the batch is all-or-nothing).',
  types: () => [ThroughputBatch, SampleOverlap, InvalidStateTransition, ProductionOrderMismatch, IdempotencyKeyReused] as const,
});
