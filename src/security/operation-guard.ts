import {
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  getOperationAST,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import type { QueryLimitsConfig, RateLimitConfig } from '../config';
import { checkComplexity, pointsFor, queryTooComplex, staticLimitsRule, tokenLimitError } from './limits';
import { exceedsBudget, rateLimited, type BucketState, type RateLimiter } from './rate-limit';

/** A bounded least-recently-used map (Map keeps insertion order; a hit moves the key to the end). */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }
  get size() {
    return this.map.size;
  }
}

export type Prepared = { document: DocumentNode; errors: null } | { document: null; errors: readonly GraphQLError[] };

/** Why a GraphQL operation was refused before execution, for metrics (the detail is the limit, or the operation type). */
export type Refusal = 'QUERY_TOO_COMPLEX' | 'RATE_LIMITED' | 'RATE_LIMIT_EXCEEDS_BUDGET';

/**
 * Where a client stands after one operation: sent as `extensions.cost` on every response (HTTP and
 * WebSocket) and, over HTTP, as the `RateLimit` / `RateLimit-Policy` headers.
 */
export interface CostReport {
  /** Rate-limit points this operation drew from the bucket (0 when it was refused before drawing). */
  requested: number;
  /** Its complexity in work units (null when the document never got that far). */
  complexity: number | null;
  /** QUERY_MAX_COMPLEXITY: an operation above it is refused whatever the bucket holds. */
  maxComplexity: number;
  /** Bucket size in points (RATE_LIMIT_POINTS); null when rate limiting is off. */
  limit: number | null;
  /** Points left in the bucket after this operation; null when rate limiting is off. */
  remaining: number | null;
  /** Seconds until the bucket is full again (every point available); null when rate limiting is off. */
  reset: number | null;
  /** Points the bucket regains per second (RATE_LIMIT_POINTS_PER_SECOND); null when rate limiting is off. */
  restoreRate: number | null;
}

/** What the guard decided: an error to send instead of running (null: run it) and the cost report. */
export interface Admission {
  error: GraphQLError | null;
  cost: CostReport;
}

export interface OperationGuardOptions {
  schema: GraphQLSchema;
  limits: QueryLimitsConfig;
  rateLimit: RateLimitConfig;
  rateLimiter: RateLimiter;
  /** False: introspection fields are refused on the WebSocket path too (Apollo does it on HTTP). */
  introspection: boolean;
  onRefused?: (reason: Refusal, detail: string) => void;
}

/**
 * The checks every operation passes before it runs, on HTTP (Apollo plugin + validation rule) and on
 * WebSocket (graphql-ws `onSubscribe`): token limit at parse time; depth, aliases and directives at
 * validation time (cached with the document); cost and connection nodes with the actual variables;
 * then the principal's rate-limit bucket. Everything is refused with a GraphQLError, never thrown,
 * and every admission carries the cost report the transports send back.
 */
export function createOperationGuard(options: OperationGuardOptions) {
  const { schema, limits } = options;
  /** The extra validation rules; Apollo adds graphql-js's specified rules (and its own introspection rule) itself. */
  const validationRules: ValidationRule[] = [staticLimitsRule(limits)];
  const wsRules: ValidationRule[] = [
    ...specifiedRules,
    ...validationRules,
    ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
  const cache = new Lru<string, Prepared>(1000);
  const rate = options.rateLimit;

  async function bucketOf(principal: string): Promise<BucketState | null> {
    return rate.enabled ? options.rateLimiter.peek(principal) : null;
  }

  function report(requested: number, complexity: number | null, bucket: BucketState | null): CostReport {
    const on = rate.enabled && bucket !== null;
    return {
      requested,
      complexity,
      maxComplexity: limits.maxComplexity,
      limit: on ? rate.capacity : null,
      remaining: on ? bucket.remaining : null,
      reset: on ? bucket.resetSeconds : null,
      restoreRate: on ? rate.leakPerSecond : null,
    };
  }

  return {
    validationRules,
    parseOptions: { maxTokens: limits.maxTokens },

    /**
     * Parses and validates query text for the WebSocket path, caching the outcome by text (bounded
     * LRU; texts over 16 kB are not cached). Returns the document or the errors to send.
     */
    prepare(query: unknown): Prepared {
      if (typeof query !== 'string')
        return { document: null, errors: [new GraphQLError('The query must be a string', { extensions: { code: 'BAD_REQUEST' } })] };
      const hit = cache.get(query);
      if (hit) return hit;
      let prepared: Prepared;
      try {
        const document = parse(query, { maxTokens: limits.maxTokens });
        const errors = validate(schema, document, wsRules);
        prepared = errors.length ? { document: null, errors: errors.map(withValidationCode) } : { document, errors: null };
        for (const error of errors)
          if (error.extensions?.code === 'QUERY_TOO_COMPLEX') options.onRefused?.('QUERY_TOO_COMPLEX', String(error.extensions.limit));
      } catch (error) {
        const tooMany = tokenLimitError(error, limits.maxTokens);
        if (tooMany) options.onRefused?.('QUERY_TOO_COMPLEX', 'tokens');
        prepared = { document: null, errors: [tooMany ?? withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')] };
      }
      if (query.length <= 16_384) cache.set(query, prepared);
      return prepared;
    },

    /**
     * Complexity, nodes and rate limit of the operation about to run, in that order: an operation
     * too complex is refused (QUERY_TOO_COMPLEX) without drawing points, and so is a subscription
     * whose selection (run once per event) is above SUBSCRIPTION_MAX_EVENT_COMPLEXITY (`eventComplexity`); one whose points exceed the
     * whole bucket gets the non-retryable RATE_LIMIT_EXCEEDS_BUDGET; one that would overflow the
     * bucket now gets RATE_LIMITED with the seconds to wait. Always returns the cost report.
     */
    async admit(args: {
      document: DocumentNode;
      /** The GraphQL operation of `document` about to run (see `operationDefinitionOf`). */
      operationDefinition: OperationDefinitionNode;
      variables: Record<string, unknown> | null | undefined;
      principal: string;
    }): Promise<Admission> {
      const definition = args.operationDefinition;
      /** 'query', 'mutation' or 'subscription': the refusal detail of the rate-limit refusals. */
      const operationType = definition.operation;
      const checked = checkComplexity(args.document, definition, schema, args.variables, limits);
      const { measures } = checked;
      // A subscription's selection runs again on every event: it has its own, lower maximum.
      const error =
        checked.error ??
        (operationType === 'subscription' && measures.complexity > limits.maxEventComplexity
          ? queryTooComplex('eventComplexity', measures.complexity, limits.maxEventComplexity)
          : null);
      const mutationFields =
        operationType === 'mutation' ? definition.selectionSet.selections.filter((s) => s.kind === Kind.FIELD).length || 1 : 0;
      const points = pointsFor(measures.complexity, mutationFields, options.rateLimit.mutationPoints);
      if (error) {
        options.onRefused?.('QUERY_TOO_COMPLEX', String(error.extensions.limit));
        return { error, cost: report(0, measures.complexity, await bucketOf(args.principal)) };
      }
      if (!options.rateLimit.enabled) return { error: null, cost: report(points, measures.complexity, null) };
      if (points > options.rateLimit.capacity) {
        options.onRefused?.('RATE_LIMIT_EXCEEDS_BUDGET', operationType);
        return {
          error: exceedsBudget(points, options.rateLimit.capacity),
          cost: report(0, measures.complexity, await bucketOf(args.principal)),
        };
      }
      const decision = await options.rateLimiter.consume(args.principal, points);
      if (decision.allowed) return { error: null, cost: report(points, measures.complexity, decision) };
      options.onRefused?.('RATE_LIMITED', operationType);
      return { error: rateLimited(decision.retryAfterSeconds), cost: report(0, measures.complexity, decision) };
    },

    /** The cost report of a request refused before the guard ran (parse or validation errors): nothing drawn. */
    async standing(principal: string): Promise<CostReport> {
      return report(0, null, await bucketOf(principal));
    },

    /**
     * Coerces variables the way Apollo does before execution, so a wrong-typed or object-valued
     * variable is BAD_USER_INPUT on the WebSocket path too (graphql-js gives it no code). Returns the
     * errors, or null when the variables fit.
     */
    checkVariables(
      operationDefinition: OperationDefinitionNode,
      variables: Record<string, unknown> | null | undefined,
    ): GraphQLError[] | null {
      const result = getVariableValues(schema, operationDefinition.variableDefinitions ?? [], variables ?? {}, { maxErrors: 10 });
      if (!result.errors) return null;
      return result.errors.map((e) => withCode(e, 'BAD_USER_INPUT'));
    },

    /** The GraphQL operation a document and name select (null when ambiguous or missing). */
    operationDefinitionOf(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | null {
      return getOperationAST(document, operationName ?? undefined) ?? null;
    },

    /** Documents held by the WebSocket path's cache (metrics, tests). */
    cacheSize: () => cache.size,
  };
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  if (!(error instanceof GraphQLError)) return new GraphQLError(String((error as Error)?.message ?? error), { extensions: { code } });
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { code, ...error.extensions },
  });
}

function withValidationCode(error: GraphQLError): GraphQLError {
  return error.extensions?.code ? error : withCode(error, 'GRAPHQL_VALIDATION_FAILED');
}

export type OperationGuard = ReturnType<typeof createOperationGuard>;
