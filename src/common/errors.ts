import { GraphQLError } from 'graphql';

/** Stable `extensions.code` values clients can branch on. */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  Internal: 'INTERNAL_SERVER_ERROR',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  /** A query limit (depth, aliases, directives, tokens, complexity, nodes) was exceeded: extensions { limit, value, max }. */
  QueryTooComplex: 'QUERY_TOO_COMPLEX',
  /** The principal's rate-limit bucket is full: extensions { retryAfterSeconds }; HTTP 429 + Retry-After. */
  RateLimited: 'RATE_LIMITED',
  /** The operation alone costs more points than a bucket holds: never retryable; extensions { requested, limit, retryable: false }; HTTP 400. */
  RateLimitExceedsBudget: 'RATE_LIMIT_EXCEEDS_BUDGET',
  /** A WebSocket already runs WS_MAX_SUBSCRIPTIONS_PER_SOCKET operations. */
  TooManySubscriptions: 'TOO_MANY_SUBSCRIPTIONS',
  /** A stream already has SUBSCRIPTION_MAX_DOCUMENTS_PER_STREAM distinct subscription documents open: extensions { max, retryable: false }. */
  TooManySubscriptionDocuments: 'TOO_MANY_SUBSCRIPTION_DOCUMENTS',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Bad input the schema could not reject by itself; names the offending field (dotted path). */
export function badInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`Invalid input: ${field}: ${message}`, {
    extensions: { code: ErrorCode.BadUserInput, fields: [field] },
  });
}

/** The node an ID points at does not exist (or is not visible to the viewer). */
export function notFound(typeName: string, id: string): GraphQLError {
  return new GraphQLError(`${typeName} ${id} was not found`, {
    extensions: { code: ErrorCode.NotFound, typeName, id },
  });
}

export function unauthenticated(message = 'Authentication required: send "Authorization: Bearer <token>"'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Unauthenticated } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Forbidden } });
}
