import path from 'node:path';
import { GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage, GraphQLISODateTime } from 'type-graphql';
import { authChecker } from './common/auth';
import { rememberArgumentsPerRequest } from './common/remembered-arguments';
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
  if (!cached) {
    markPlainFieldsSimple();
    rememberArgumentsPerRequest();
  }
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
    scalarsMap: [{ type: Date, scalar: rememberingDateTimeScalar() }],
  });
  return cached;
}

/**
 * type-graphql's `DateTimeISO` (graphql-scalars) for every `Date`, with the last string it parsed
 * and the last instant it serialized remembered. Checking an RFC 3339 string (two regexes,
 * `Date.parse`, calendar rules) cost more CPU than storing the sample in batch ingest (bench #7),
 * and consecutive samples share a boundary: one's `periodEnd` is the next one's `periodStart`. A
 * page of processes shares its window's instants, so serializing repeats too. Same name,
 * description, serialization and errors as the original; a repeated string gets a Date of its own.
 */
export function rememberingDateTimeScalar(): GraphQLScalarType {
  const config = GraphQLISODateTime.toConfig();
  const parseValue = config.parseValue!;
  const serialize = config.serialize!;
  let lastString: string | null = null;
  let lastTime = 0;
  let lastSerializedTime = NaN;
  let lastSerialized = '';
  return new GraphQLScalarType({
    ...config,
    serialize(value) {
      // A page of processes shares its window's instants: the same text again, not another toISOString.
      if (value instanceof Date) {
        const time = value.getTime();
        if (time === lastSerializedTime) return lastSerialized;
        const text = serialize(value) as string;
        lastSerializedTime = time;
        lastSerialized = text;
        return text;
      }
      return serialize(value);
    },
    parseValue(value) {
      if (typeof value === 'string' && value === lastString) return new Date(lastTime);
      const parsed = parseValue(value) as Date;
      if (typeof value === 'string') {
        lastString = value;
        lastTime = parsed.getTime();
      }
      return parsed;
    },
  });
}

/**
 * Marks every plain object field `simple` (type-graphql's `@Field({ simple: true })`), so graphql-js
 * reads the property itself instead of calling type-graphql's wrapper (a middleware chain and a
 * promise per field: ≈ 4,000 calls for the dashboard query). A field keeps the wrapper when it has
 * `@Authorized` (on the field or its class), `@UseMiddleware` (on the field or its class), a
 * schema name other than its property, or when its class or the field already says `simple`
 * either way. Getters and resolver methods are unaffected: type-graphql always resolves them
 * through their own resolver. Set on the field metadata before the schema is built, so a field
 * that gains `@Authorized` later keeps its auth check without anyone remembering this (see
 * test/e2e/field-auth.e2e.test.ts and schema.spec.ts). Returns how many fields it marked.
 */
export function markPlainFieldsSimple(): number {
  const storage = getMetadataStorage();
  // By class, then field name: two classes may share a name.
  const guarded = new Map<Function, Set<string>>();
  const guard = (target: Function, name: string) => guarded.set(target, (guarded.get(target) ?? new Set()).add(name));
  const classWide = new Set<Function>();
  for (const a of storage.authorizedFields) guard(a.target, a.fieldName);
  for (const m of storage.middlewares) guard(m.target, m.fieldName);
  for (const r of storage.authorizedResolver) classWide.add(r.target);
  for (const r of storage.resolverMiddlewares) classWide.add(r.target);
  const objectTypes = new Map(storage.objectTypes.map((o) => [o.target, o]));
  let marked = 0;
  for (const field of storage.fields) {
    const objectType = objectTypes.get(field.target);
    if (!objectType || objectType.simpleResolvers !== undefined || field.simple !== undefined) continue;
    if (field.schemaName !== field.name || classWide.has(field.target) || guarded.get(field.target)?.has(field.name)) continue;
    // This module passes no globalMiddlewares to buildSchema; if it ever does, they must keep the wrapper too.
    field.simple = true;
    marked += 1;
  }
  return marked;
}

/** The SDL of the app schema, sorted so the committed file diffs cleanly. */
export async function printAppSchema(): Promise<string> {
  const { lexicographicSortSchema, printSchema } = await import('graphql');
  return `${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
}
