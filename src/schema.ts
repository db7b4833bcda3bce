import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './common/auth';
import { validateArgument } from './common/validation';
import { RESOLVERS } from './modules';

/** Where the committed SDL lives (`npm run schema` writes it; a test fails on drift). */
export const SCHEMA_FILE = path.join(__dirname, '..', 'schema', 'schema.graphql');

let cached: Promise<GraphQLSchema> | null = null;

/**
 * Builds the executable schema once per process: resolvers, the auth checker (UNAUTHENTICATED /
 * FORBIDDEN) and class-validator on every input (BAD_USER_INPUT naming the field).
 */
export function buildAppSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    // Subscriptions read their events from StreamHub (see realtime/); type-graphql only needs a placeholder.
    pubSub: {
      publish: () => undefined,
      subscribe: () => {
        throw new Error('opsgraph subscriptions use StreamHub');
      },
    },
    validateFn: validateArgument,
  });
  return cached;
}

/** The SDL of the app schema, sorted so the committed file diffs cleanly. */
export async function printAppSchema(): Promise<string> {
  const { lexicographicSortSchema, printSchema } = await import('graphql');
  return `${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
}
