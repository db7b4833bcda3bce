import { performance } from 'node:perf_hooks';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import type { Context } from '../context';
import type { Metrics } from '../observability/metrics';
import { ExecutionGateFullError, type ExecutionGate } from './execution-gate';
import type { CostReport, OperationGuard } from './operation-guard';

export interface HttpOperationPluginOptions {
  guard: OperationGuard;
  /** Whose rate-limit bucket an operation draws from. */
  principalOf: (ctx: Context) => string;
  metrics: Metrics;
  /** Admits queries to execution a few at a time (GRAPHQL_MAX_CONCURRENT_OPERATIONS); mutations take a place at once. */
  gate: ExecutionGate;
  /** Sees each request's errors with its context before Apollo formats them. */
  onErrors?: (errors: readonly GraphQLError[], ctx: Context) => void;
  /**
   * Compiled execution (transport/executor.ts, GRAPHQL_EXECUTOR=jit): `run` gives the plan's run of
   * an operation, or null to let Apollo execute it; `hold` keeps a run's result with errors (or its
   * throw) for Apollo's executor hook, which then hands it over for Apollo to format.
   */
  compiled?: {
    run(
      rc: Parameters<NonNullable<GraphQLRequestListener<Context>['responseForOperation']>>[0],
    ): (() => ExecutionResult | Promise<ExecutionResult>) | null;
    hold(context: object, outcome: { result: ExecutionResult } | { error: unknown }): void;
  };
}

/**
 * The HTTP path's one Apollo plugin. Once Apollo has parsed, validated and picked the operation,
 * the operation guard runs: QUERY_TOO_COMPLEX and RATE_LIMIT_EXCEEDS_BUDGET answer 400;
 * RATE_LIMITED answers 429 with a Retry-After header. Every response then carries the cost report
 * as `extensions.cost` and, with rate limiting on, the `RateLimit-Policy` and `RateLimit` headers
 * (IETF httpapi rate-limit headers draft). An admitted operation then waits for its place in the
 * execution gate (security/execution-gate.ts) before it executes, when the gate has a limit. It also
 * records operation latency by name and type and errors by code.
 * One plugin rather than one per concern: Apollo awaits every plugin's hook at every stage, and on
 * a trivial query that bookkeeping was a measurable share of the request.
 */
export function httpOperationPlugin(options: HttpOperationPluginOptions): ApolloServerPlugin<Context> {
  const { guard, principalOf, metrics, onErrors, gate, compiled } = options;
  return {
    async requestDidStart() {
      const start = performance.now();
      /** The GraphQL operation's name as a metric label, and its type (query, mutation, subscription). */
      let operationNameLabel = 'unknown';
      let operationType = 'unknown';
      let cost: CostReport | null = null;
      /** The operation's place in the execution gate, once it has one. */
      let leave: (() => void) | null = null;
      return {
        async didResolveOperation(rc) {
          operationNameLabel = metrics.graphqlOperationLabel(rc.operationName);
          operationType = rc.operation?.operation ?? 'unknown';
          if (!rc.operation) return;
          // Apollo would run a subscription's event resolver once with no event (an internal error).
          if (rc.operation.operation === 'subscription') throw subscriptionOverHttp();
          const admission = await guard.admit({
            document: rc.document,
            operationDefinition: rc.operation,
            variables: rc.request.variables,
            principal: principalOf(rc.contextValue),
          });
          cost = admission.cost;
          const error = admission.error;
          if (!error) {
            // Waits its turn (a mutation takes its place at once) here rather than when execution
            // starts: Apollo answers a throw from this hook as an error response, so an abort while
            // waiting (the deadline, for which http.ts has already answered 503, or a client gone) is
            // not an unexpected error logged as such. Nothing runs between this hook and execution.
            if (gate.max > 0) leave = await enterGate(gate, rc.contextValue.signal, rc.operation.operation !== 'mutation');
            return;
          }
          const retryAfter = error.extensions.retryAfterSeconds as number | undefined;
          const http =
            retryAfter !== undefined
              ? { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) }
              : { status: 400, headers: new HeaderMap() };
          throw new GraphQLError(error.message, { extensions: { ...error.extensions, http } });
        },
        // Compiled execution answers here, before Apollo's own execution; see the option's doc.
        ...(compiled && {
          async responseForOperation(rc) {
            let run: ReturnType<typeof compiled.run>;
            try {
              run = compiled.run(rc);
            } catch (error) {
              // Apollo takes a throw from this hook for an unexpected error and skips willSendResponse.
              leave?.();
              throw error;
            }
            if (!run) return null;
            let result: ExecutionResult;
            try {
              result = await run();
            } catch (error) {
              compiled.hold(rc.contextValue, { error });
              return null;
            } finally {
              leave?.();
            }
            if (result.errors?.length) {
              compiled.hold(rc.contextValue, { result });
              return null;
            }
            return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: result } };
          },
        }),
        // Only with a limit (GRAPHQL_MAX_CONCURRENT_OPERATIONS > 0): Apollo awaits every hook a plugin has.
        ...(gate.max > 0 && {
          async executionDidStart() {
            return {
              async executionDidEnd() {
                leave?.();
              },
            };
          },
        }),
        async didEncounterErrors(rc) {
          onErrors?.(rc.errors, rc.contextValue);
          for (const error of rc.errors)
            metrics.errors.inc({ code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), transport: 'http' });
        },
        async willSendResponse(rc) {
          // Also here, should the execution have ended without executionDidEnd (a release is idempotent).
          leave?.();
          // Refused before the guard ran (parse, validation): nothing was drawn, but say where the client stands.
          cost ??= rc.contextValue ? await guard.standing(principalOf(rc.contextValue)) : null;
          if (cost) {
            for (const [name, value] of rateLimitHeaders(cost)) rc.response.http.headers.set(name, value);
            if (rc.response.body.kind === 'single') {
              const result = rc.response.body.singleResult;
              result.extensions = { ...result.extensions, cost };
            }
          }
          metrics.graphqlOperationDuration.observe(
            { operation: operationNameLabel, type: operationType, transport: 'http' },
            (performance.now() - start) / 1000,
          );
        },
      };
    },
  };
}

/** The gate's place; a full queue answers 503 with Retry-After (Apollo reads `extensions.http`). */
async function enterGate(gate: ExecutionGate, signal: AbortSignal, wait: boolean): Promise<() => void> {
  try {
    return await gate.enter(signal, { wait });
  } catch (error) {
    if (!(error instanceof ExecutionGateFullError)) throw error;
    const retryAfter = String(error.extensions.retryAfterSeconds);
    throw new GraphQLError(error.message, {
      extensions: { ...error.extensions, http: { status: 503, headers: new HeaderMap([['retry-after', retryAfter]]) } },
    });
  }
}

/** A subscription sent over HTTP: 400 BAD_REQUEST pointing at the WebSocket endpoint. */
export function subscriptionOverHttp(): GraphQLError {
  return new GraphQLError(
    'Subscriptions are not served over HTTP: open a WebSocket to this same path (/graphql) with the graphql-ws protocol (subprotocol graphql-transport-ws)',
    { extensions: { code: 'BAD_REQUEST', http: { status: 400, headers: new HeaderMap() } } },
  );
}

/** The policy's name in both headers: one bucket of points per principal. */
const POLICY = '"points"';

/**
 * `RateLimit-Policy` and `RateLimit` (draft-ietf-httpapi-ratelimit-headers, structured fields):
 * the quota `q` is the bucket size in points and `w` the seconds a full bucket takes to drain; `r`
 * is the points left and `t` the seconds until the bucket is full again. Nothing when rate limiting is off.
 */
export function rateLimitHeaders(cost: CostReport): [string, string][] {
  if (cost.limit === null || cost.remaining === null || cost.reset === null || !cost.restoreRate) return [];
  const window = Math.max(1, Math.ceil(cost.limit / cost.restoreRate));
  return [
    ['ratelimit-policy', `${POLICY};q=${cost.limit};w=${window}`],
    ['ratelimit', `${POLICY};r=${cost.remaining};t=${cost.reset}`],
  ];
}
