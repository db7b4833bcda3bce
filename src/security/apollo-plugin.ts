import { GraphQLError } from 'graphql';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import type { OperationGuard } from './operation-guard';

/**
 * Applies the operation guard on the HTTP path once Apollo has parsed, validated and picked the
 * operation: QUERY_TOO_COMPLEX answers 400; RATE_LIMITED answers 429 with a Retry-After header.
 */
export function operationGuardPlugin(guard: OperationGuard, principalOf: (ctx: Context) => string): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          if (!rc.operation) return;
          const error = await guard.admit({ document: rc.document, operation: rc.operation, variables: rc.request.variables, principal: principalOf(rc.contextValue) });
          if (!error) return;
          const retryAfter = error.extensions.retryAfterSeconds as number | undefined;
          const http = retryAfter !== undefined
            ? { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) }
            : { status: 400, headers: new HeaderMap() };
          throw new GraphQLError(error.message, { extensions: { ...error.extensions, http } });
        },
      };
    },
  };
}
