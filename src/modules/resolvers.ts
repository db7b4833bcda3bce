import type { NonEmptyArray } from 'type-graphql';
import { NodeResolver } from './node/node.resolver';
import { OperationResolver } from './operation/operation.resolver';
import { ProcessResolver, ThroughputSampleResolver } from './process/process.resolver';

/** Every resolver class of the graph. */
export const RESOLVERS: NonEmptyArray<Function> = [
  NodeResolver,
  OperationResolver,
  ProcessResolver,
  ThroughputSampleResolver,
];
