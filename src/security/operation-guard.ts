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
import { checkCost, staticLimitsRule, tokenLimitError } from './limits';
import { rateLimited, type RateLimiter } from './rate-limit';

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

/** Why an operation was refused before execution, for metrics. */
export type Refusal = 'QUERY_TOO_COMPLEX' | 'RATE_LIMITED';

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
 * then the principal's rate-limit bucket. Everything is refused with a GraphQLError, never thrown.
 */
export function createOperationGuard(options: OperationGuardOptions) {
  const { schema, limits } = options;
  /** The extra validation rules; Apollo adds graphql-js's specified rules (and its own introspection rule) itself. */
  const validationRules: ValidationRule[] = [staticLimitsRule(limits)];
  const wsRules: ValidationRule[] = [...specifiedRules, ...validationRules, ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  const cache = new Lru<string, Prepared>(1000);

  return {
    validationRules,
    parseOptions: { maxTokens: limits.maxTokens },

    /**
     * Parses and validates query text for the WebSocket path, caching the outcome by text (bounded
     * LRU; texts over 16 kB are not cached). Returns the document or the errors to send.
     */
    prepare(query: unknown): Prepared {
      if (typeof query !== 'string') return { document: null, errors: [new GraphQLError('The query must be a string', { extensions: { code: 'BAD_REQUEST' } })] };
      const hit = cache.get(query);
      if (hit) return hit;
      let prepared: Prepared;
      try {
        const document = parse(query, { maxTokens: limits.maxTokens });
        const errors = validate(schema, document, wsRules);
        prepared = errors.length ? { document: null, errors: errors.map(withValidationCode) } : { document, errors: null };
        for (const error of errors) if (error.extensions?.code === 'QUERY_TOO_COMPLEX') options.onRefused?.('QUERY_TOO_COMPLEX', String(error.extensions.limit));
      } catch (error) {
        const tooMany = tokenLimitError(error, limits.maxTokens);
        if (tooMany) options.onRefused?.('QUERY_TOO_COMPLEX', 'tokens');
        prepared = { document: null, errors: [tooMany ?? withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')] };
      }
      if (query.length <= 16_384) cache.set(query, prepared);
      return prepared;
    },

    /** Cost, nodes and rate limit of the operation about to run; null when it may run. */
    async admit(args: { document: DocumentNode; operation: OperationDefinitionNode; variables: Record<string, unknown> | null | undefined; principal: string }): Promise<GraphQLError | null> {
      const { measures, error } = checkCost(args.document, args.operation, schema, args.variables, limits);
      if (error) {
        options.onRefused?.('QUERY_TOO_COMPLEX', String(error.extensions.limit));
        return error;
      }
      if (!options.rateLimit.enabled) return null;
      const mutationFields = args.operation.operation === 'mutation' ? args.operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD).length || 1 : 0;
      const points = Math.max(1, measures.cost) + mutationFields * options.rateLimit.mutationPoints;
      const decision = await options.rateLimiter.consume(args.principal, points);
      if (decision.allowed) return null;
      options.onRefused?.('RATE_LIMITED', args.operation.operation);
      return rateLimited(decision.retryAfterSeconds);
    },

    /**
     * Coerces variables the way Apollo does before execution, so a wrong-typed or object-valued
     * variable is BAD_USER_INPUT on the WebSocket path too (graphql-js gives it no code). Returns the
     * errors, or null when the variables fit.
     */
    checkVariables(operation: OperationDefinitionNode, variables: Record<string, unknown> | null | undefined): GraphQLError[] | null {
      const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 10 });
      if (!result.errors) return null;
      return result.errors.map((e) => withCode(e, 'BAD_USER_INPUT'));
    },

    /** The operation a document and name select (null when ambiguous or missing). */
    operationOf(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | null {
      return getOperationAST(document, operationName ?? undefined) ?? null;
    },

    /** Documents held by the WebSocket path's cache (metrics, tests). */
    cacheSize: () => cache.size,
  };
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  if (!(error instanceof GraphQLError)) return new GraphQLError(String((error as Error)?.message ?? error), { extensions: { code } });
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: { code, ...error.extensions } });
}

function withValidationCode(error: GraphQLError): GraphQLError {
  return error.extensions?.code ? error : withCode(error, 'GRAPHQL_VALIDATION_FAILED');
}

export type OperationGuard = ReturnType<typeof createOperationGuard>;
