import { createUnionType } from 'type-graphql';
import { IdempotencyKeyReused } from '../../common/types';
import { CostEntry } from './cost.entity';

export const RecordCostResult = createUnionType({
  name: 'RecordCostResult',
  description: 'The recorded cost entry, or IdempotencyKeyReused when the key was used for a different request (nothing was recorded).',
  types: () => [CostEntry, IdempotencyKeyReused] as const,
});
