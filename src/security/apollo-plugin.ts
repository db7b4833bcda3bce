import { performance } from 'node:perf_hooks';
import { GraphQLError } from 'graphql';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import type { Metrics } from '../observability/metrics';
import type { OperationGuard } from './operation-guard';

export interface HttpOperationPluginOptions {
  guard: OperationGuard;
  /** Whose rate-limit bucket an operation draws from. */
  principalOf: (ctx: Context) => string;
  metrics: Metrics;
  /** Sees each request's errors with its context before Apollo formats them. */
  onErrors?: (errors: readonly GraphQLError[], ctx: Context) => void;
}

/**
 * The HTTP path's one Apollo plugin. Once Apollo has parsed, validated and picked the operation,
 * the operation guard runs: QUERY_TOO_COMPLEX answers 400; RATE_LIMITED answers 429 with a
 * Retry-After header. It also records operation latency by name and type and errors by code.
 * One plugin rather than one per concern: Apollo awaits every plugin's hook at every stage, and on
 * a trivial query that bookkeeping was a measurable share of the request.
 */
export function httpOperationPlugin(options: HttpOperationPluginOptions): ApolloServerPlugin<Context> {
  const { guard, principalOf, metrics, onErrors } = options;
  return {
    async requestDidStart() {
      const start = performance.now();
      let operation = 'unknown';
      let type = 'unknown';
      return {
        async didResolveOperation(rc) {
          operation = metrics.operationLabel(rc.operationName);
          type = rc.operation?.operation ?? 'unknown';
          if (!rc.operation) return;
          const error = await guard.admit({ document: rc.document, operation: rc.operation, variables: rc.request.variables, principal: principalOf(rc.contextValue) });
          if (!error) return;
          const retryAfter = error.extensions.retryAfterSeconds as number | undefined;
          const http = retryAfter !== undefined
            ? { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) }
            : { status: 400, headers: new HeaderMap() };
          throw new GraphQLError(error.message, { extensions: { ...error.extensions, http } });
        },
        async didEncounterErrors(rc) {
          onErrors?.(rc.errors, rc.contextValue);
          for (const error of rc.errors) metrics.errors.inc({ code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), transport: 'http' });
        },
        async willSendResponse() {
          metrics.operationDuration.observe({ operation, type, transport: 'http' }, (performance.now() - start) / 1000);
        },
      };
    },
  };
}
