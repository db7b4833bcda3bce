import { createHash } from 'node:crypto';
import {
  defaultFieldResolver,
  execute as executeGraphqlJs,
  isObjectType,
  getOperationAST,
  GraphQLError,
  GraphQLScalarType,
  GraphQLSchema,
  Kind,
  print,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import type { Context } from '../context';
import { createVariableCoercer } from './variable-coercion';

/** Which engine executes operations: graphql-jit's compiled plans (graphql-js as fallback), or graphql-js alone. GRAPHQL_EXECUTOR. */
export type ExecutorKind = 'jit' | 'graphql-js';

export interface ExecutorOptions {
  kind: ExecutorKind;
  /** Compiled plans kept (least recently used dropped first). Default 500. */
  maxPlans?: number;
  /** Documents remembered as seen once, waiting for a second use (least recently used dropped first). Default 2,000. */
  maxSeen?: number;
  /** Compiles one principal may cause per minute; past it, its documents run on graphql-js until the next minute. Default 30. */
  compilesPerPrincipalPerMinute?: number;
  /** Milliseconds clock for the per-minute compile budget (tests). Default Date.now. */
  now?: () => number;
  /**
   * Fields without a resolver whose value is known to be a plain value, never a promise or a
   * function (a database column of an entity): a compiled plan reads them inline. Every other
   * field without a resolver gets graphql-js's default resolver (see resolveEveryField). Default: none.
   */
  plainField?: (typeName: string, fieldName: string) => boolean;
}

/** What an execution needs beyond graphql-js's arguments. */
export interface ExecuteOptions {
  /** A stable key of the document's text (Apollo's queryHash); computed from the document when absent. */
  documentKey?: string;
  /** Whose compile budget a compile draws from; default: the context's viewer or client address. */
  principal?: string;
}

export interface ExecutorStats {
  /** Documents compiled into plans. */
  compiles: number;
  /** Documents graphql-jit could not compile (they run on graphql-js from then on). */
  compileFailures: number;
  /** Compiles put off because the principal had used its compile budget for the minute. */
  compilesDeferred: number;
  /** Executions of a compiled plan. */
  compiledExecutions: number;
  /** Executions on graphql-js (first use, a document jit cannot compile, variable errors, budget spent, or GRAPHQL_EXECUTOR=graphql-js). */
  graphqlJsExecutions: number;
}

/** A plan, or the memory that jit could not compile the document. */
type Plan = CompiledQuery | 'unsupported';

/**
 * The type every variable of a compiled document is given: its values arrive already coerced by
 * graphql-js and pass through as they are. graphql-jit's own variable coercion differs from
 * graphql-js's: it refuses a non-null input field that has a default value and is omitted
 * (`description: String! = ""`), and its errors carry no `nodes`.
 */
const COERCED_VARIABLE = new GraphQLScalarType({
  name: 'JitCoercedVariable',
  description: 'A variable value already coerced by graphql-js (internal to the compiled executor; never in the public schema).',
  parseValue: (value) => value,
  serialize: (value) => value,
});

/** The document with every variable typed COERCED_VARIABLE and without defaults (graphql-js applied them). */
function withCoercedVariables(document: DocumentNode): DocumentNode {
  return visit(document, {
    VariableDefinition: (node) => ({
      ...node,
      type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: COERCED_VARIABLE.name } },
      defaultValue: undefined,
    }),
  });
}

/** A Map used as a least-recently-used cache: a hit moves the key to the end; the oldest is dropped past `max`. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  get size(): number {
    return this.map.size;
  }
}

function principalOfContext(ctx: unknown): string {
  const c = ctx as Partial<Context> | undefined;
  if (c?.viewer) return `sub:${c.viewer.subject}`;
  return `ip:${c?.clientIp ?? 'unknown'}`;
}

/**
 * A jit error as graphql-js would have made it: a real GraphQLError whose originalError is what the
 * resolver threw (so its extensions, code and the database-fault mapping of formatError apply) and
 * with the same message, locations and path. jit's own error objects have no `extensions` when the
 * resolver threw a plain Error, and Apollo's error enrichment then throws before formatError runs.
 */
function rebuildError(error: GraphQLError): GraphQLError {
  const original = error.originalError ?? undefined;
  const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: original });
  if (error.locations?.length) Object.defineProperty(rebuilt, 'locations', { value: error.locations, enumerable: true, writable: true });
  return rebuilt;
}

/** graphql-js's result shape (errors before data, no `errors` key when there are none). */
function normalise(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return 'data' in result ? { data: result.data } : result;
  const errors = result.errors.map(rebuildError);
  return 'data' in result ? { errors, data: result.data } : { errors };
}

/**
 * Executes GraphQL operations with graphql-jit's compiled plans, graphql-js otherwise.
 *
 * - A document is compiled on its second use, never on its first: its first use runs on graphql-js
 *   and is remembered (by the hash of its text and its operation name) among the last `maxSeen`
 *   seen once. A client sending many distinct documents therefore buys no compiles with them.
 * - Compiles are also budgeted per principal (viewer subject or client address): at most
 *   `compilesPerPrincipalPerMinute`; past it the principal's new documents run on graphql-js (the
 *   cost of today's path) until the next minute. The cost report and rate-limit points of an
 *   operation are the same on both engines, so responses stay identical.
 * - Plans are kept in an LRU of `maxPlans`. A document jit cannot compile is remembered as such and
 *   always runs on graphql-js.
 * - Variables are coerced first, as graphql-js does (variable-coercion.ts: one function per input
 *   type, graphql-js's own coercion for anything irregular): when they are invalid, the operation
 *   runs on graphql-js, whose errors name the variable's location (jit's have none: Apollo would
 *   mask them as INTERNAL_SERVER_ERROR instead of BAD_USER_INPUT).
 * - Errors from a compiled plan are rebuilt as graphql-js GraphQLErrors (see rebuildError), so they
 *   go through the same formatError.
 */
export function createExecutor(schema: GraphQLSchema, options: ExecutorOptions) {
  const jit = options.kind === 'jit';
  if (jit) resolveEveryField(schema, options.plainField ?? (() => false));
  // The schema jit compiles against: the same types, plus the pass-through variable type.
  const jitSchema = jit ? new GraphQLSchema({ ...schema.toConfig(), types: [...schema.toConfig().types, COERCED_VARIABLE] }) : schema;
  const plans = new Lru<Plan>(options.maxPlans ?? 500);
  const variablesOf = createVariableCoercer(schema);
  const seen = new Lru<true>(options.maxSeen ?? 2_000);
  const perMinute = options.compilesPerPrincipalPerMinute ?? 30;
  const now = options.now ?? Date.now;
  const stats: ExecutorStats = { compiles: 0, compileFailures: 0, compilesDeferred: 0, compiledExecutions: 0, graphqlJsExecutions: 0 };
  /** Compiles per principal in the current minute. */
  let budgetMinute = -1;
  const budget = new Map<string, number>();
  const printed = new WeakMap<DocumentNode, string>();

  function keyOf(document: DocumentNode, operationName: string | null | undefined, documentKey: string | undefined): string {
    let key = documentKey;
    if (!key) {
      key = printed.get(document);
      if (!key) {
        key = createHash('sha256').update(print(document)).digest('hex');
        printed.set(document, key);
      }
    }
    return `${key}\u0000${operationName ?? ''}`;
  }

  function mayCompile(principal: string): boolean {
    const minute = Math.floor(now() / 60_000);
    if (minute !== budgetMinute) {
      budgetMinute = minute;
      budget.clear();
    }
    const used = budget.get(principal) ?? 0;
    if (used >= perMinute) return false;
    budget.set(principal, used + 1);
    return true;
  }

  /** The compiled plan for this use of the document, or null to run it on graphql-js this time. */
  function planFor(args: ExecutionArgs, execOptions: ExecuteOptions): CompiledQuery | null {
    const key = keyOf(args.document, args.operationName, execOptions.documentKey);
    const plan = plans.get(key);
    if (plan) return plan === 'unsupported' ? null : plan;
    if (!seen.get(key)) {
      seen.set(key, true);
      return null;
    }
    if (!mayCompile(execOptions.principal ?? principalOfContext(args.contextValue))) {
      stats.compilesDeferred++;
      return null;
    }
    seen.delete(key);
    let compiled: CompiledQuery | ExecutionResult | null = null;
    try {
      compiled = compileQuery(jitSchema, withCoercedVariables(args.document), args.operationName ?? undefined) as
        CompiledQuery | ExecutionResult;
    } catch {
      compiled = null;
    }
    if (compiled && isCompiledQuery(compiled)) {
      stats.compiles++;
      plans.set(key, compiled);
      return compiled;
    }
    stats.compileFailures++;
    plans.set(key, 'unsupported');
    return null;
  }

  function viaGraphqlJs(args: ExecutionArgs): ExecutionResult | Promise<ExecutionResult> {
    stats.graphqlJsExecutions++;
    return executeGraphqlJs(args) as ExecutionResult | Promise<ExecutionResult>;
  }

  /**
   * The compiled plan's run of this operation, or null when it runs on graphql-js this time (first
   * use, a document jit cannot compile, budget spent, invalid variables, GRAPHQL_EXECUTOR=graphql-js).
   */
  function compiledRun(args: ExecutionArgs, execOptions: ExecuteOptions): (() => ExecutionResult | Promise<ExecutionResult>) | null {
    if (!jit || args.schema !== schema) return null;
    const plan = planFor(args, execOptions);
    if (!plan) return null;
    const operation = getOperationAST(args.document, args.operationName);
    if (!operation) return null;
    let variables: Record<string, unknown> = {};
    if (operation.variableDefinitions?.length) {
      const coerced = variablesOf.coerceVariables(operation.variableDefinitions, (args.variableValues ?? {}) as Record<string, unknown>);
      if (coerced.errors) return null;
      variables = coerced.coerced;
    }
    return () => {
      stats.compiledExecutions++;
      const result = plan.query(args.rootValue, args.contextValue, variables);
      return isPromise(result) ? result.then(normalise) : normalise(result);
    };
  }

  /** Executes one operation (a query, a mutation, or one event of a subscription with the event as rootValue). */
  function execute(args: ExecutionArgs, execOptions: ExecuteOptions = {}): ExecutionResult | Promise<ExecutionResult> {
    const run = compiledRun(args, execOptions);
    return run ? run() : viaGraphqlJs(args);
  }

  /**
   * What a compiled plan answered over HTTP with errors, or threw, waiting for Apollo's executor
   * hook (apolloGateway) to hand it over, so that Apollo reports and formats the errors as for any
   * other execution; or that `apolloRun` declined the operation, so that the hook runs it on
   * graphql-js without deciding again (that would count its use twice). Keyed by the operation's
   * context; taken once.
   */
  const held = new WeakMap<object, { result: ExecutionResult } | { error: unknown } | { declined: true }>();

  /**
   * The HTTP side's compiled execution, for the plugin hook that answers before Apollo executes
   * (`responseForOperation`, security/apollo-plugin.ts): the plan's run of the request's operation,
   * or null to let Apollo execute it (graphql-js, through apolloGateway). A run that answers
   * without errors is the response; one with errors, or that throws, is `hold`-en and the hook
   * returns null, so Apollo's executor hook gets that very result (the operation never runs twice)
   * and Apollo formats its errors. Apollo's executor hook is reached only then: building its
   * request context for every operation kept each request's objects alive past a young-generation
   * GC (its accessors close over Apollo's request context), which cost ≈ 15 % of a `{ __typename }`.
   */
  function apolloRun(rc: {
    schema: GraphQLSchema;
    document?: DocumentNode;
    request: { operationName?: string | null; variables?: Record<string, unknown> | null };
    contextValue: Context;
    queryHash?: string;
  }): (() => ExecutionResult | Promise<ExecutionResult>) | null {
    const run = rc.document
      ? compiledRun(
          {
            schema: rc.schema,
            document: rc.document,
            operationName: rc.request.operationName,
            variableValues: rc.request.variables,
            contextValue: rc.contextValue,
          },
          { documentKey: rc.queryHash, principal: principalOfContext(rc.contextValue) },
        )
      : null;
    if (!run) held.set(rc.contextValue, { declined: true });
    return run;
  }

  /** Keeps what a run from `apolloRun` answered with errors, or threw, for Apollo's executor hook to hand over. */
  function hold(context: object, outcome: { result: ExecutionResult } | { error: unknown }): void {
    held.set(context, outcome);
  }

  /**
   * Apollo Server's `gateway`: the schema as it is; its executor hands over what `apolloRun` held for
   * the operation, or runs it (Apollo still parses, validates, runs the plugins and formatError).
   */
  function apolloGateway(): ApolloServerOptionsWithGateway<Context>['gateway'] {
    return {
      async load() {
        return {
          schema,
          executor: async (rc) => {
            const args: ExecutionArgs = {
              schema: rc.schema,
              document: rc.document,
              operationName: rc.request.operationName,
              variableValues: rc.request.variables,
              contextValue: rc.context,
            };
            const outcome = held.get(rc.context);
            if (!outcome) return execute(args, { documentKey: rc.queryHash, principal: principalOfContext(rc.context) });
            held.delete(rc.context);
            if ('declined' in outcome) return viaGraphqlJs(args);
            if ('error' in outcome) throw outcome.error;
            return outcome.result;
          },
        };
      },
      onSchemaLoadOrUpdate(callback) {
        // The SDL is only read by Apollo's usage reporting, which is not used.
        callback({ apiSchema: schema, coreSupergraphSdl: '' });
        return () => undefined;
      },
      async stop() {},
    };
  }

  return {
    kind: options.kind,
    execute,
    apolloGateway,
    apolloRun,
    hold,
    stats,
    /** Plans and documents-seen-once held (tests). */
    sizes: () => ({ plans: plans.size, seen: seen.size }),
  };
}

export type Executor = ReturnType<typeof createExecutor>;

/**
 * Gives every object field without a resolver graphql-js's default one. graphql-jit reads such a
 * field as a plain synchronous property, where graphql-js awaits a promise and calls a function
 * found there: a connection's lazy `totalCount` (a getter returning a promise) came out as `{}`.
 * graphql-js behaves the same with the default resolver set explicitly as without it. Fields known
 * to hold plain values (`plainField`: entity columns) keep jit's inline read, its fastest path.
 */
function resolveEveryField(schema: GraphQLSchema, plainField: (typeName: string, fieldName: string) => boolean): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve && !plainField(type.name, field.name)) field.resolve = defaultFieldResolver;
    }
  }
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | undefined)?.then === 'function';
}
