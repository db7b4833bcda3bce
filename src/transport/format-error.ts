import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ValidationError } from 'class-validator';
import type { Logger } from '../common/logger';
import { ErrorCode } from '../common/errors';
import { isDatabaseUnavailable } from '../db/faults';
import { isStatementTimeout } from '../db/data-source';

/** Codes whose message is safe to show as is. Everything else is masked. */
const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.Internal),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_HASH_MISMATCH',
  'OPERATION_RESOLUTION_FAILURE',
  'RESYNC_REQUIRED',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
]);

/**
 * Apollo's automatic persisted queries refuse these without a code (they would be masked as
 * INTERNAL_SERVER_ERROR); the HTTP status (400) is Apollo's.
 */
const PERSISTED_QUERY_ERRORS: Record<string, { code: string; message: string }> = {
  'provided sha does not match query': {
    code: 'PERSISTED_QUERY_HASH_MISMATCH',
    message: 'extensions.persistedQuery.sha256Hash is not the SHA-256 (lower-case hex) of the query text sent with it',
  },
  'Unsupported persisted query version': {
    code: 'BAD_REQUEST',
    message: 'Unsupported persisted query version: extensions.persistedQuery.version must be 1',
  },
};

function flatten(errors: ValidationError[], prefix: string, out: { field: string; problems: string[] }[]) {
  for (const error of errors) {
    const field = /^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out.push({ field, problems: Object.values(error.constraints) });
    if (error.children?.length) flatten(error.children, field, out);
  }
  return out;
}

/**
 * One error policy for HTTP and WebSocket: known codes pass through; class-validator failures
 * become BAD_USER_INPUT naming each field without echoing its value; anything else (driver errors,
 * bugs) is logged with the request id and reaches the client only as INTERNAL_SERVER_ERROR.
 */
export function createErrorFormatter(logger: Logger, options: { production: boolean; deadlineMs?: number }) {
  return function formatError(formatted: GraphQLFormattedError, error: unknown, requestId?: string): GraphQLFormattedError {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const graphQLError = original instanceof GraphQLError ? original : error instanceof GraphQLError && !error.originalError ? error : null;
    const code = (graphQLError?.extensions?.code ?? formatted.extensions?.code) as string | undefined;

    const validationErrors = graphQLError?.extensions?.validationErrors as ValidationError[] | undefined;
    if (code === ErrorCode.BadUserInput && Array.isArray(validationErrors)) {
      // `@Args` classes (pagination, filters) are validated whole: their fields are top-level arguments.
      // Every `@Arg` input object in this schema is named `input`.
      const isArgs = validationErrors.some((e) => e.target?.constructor?.name.endsWith('Args'));
      const named = flatten(validationErrors, isArgs ? '' : 'input', []);
      return {
        message: `Invalid input: ${named.map((f) => `${f.field}: ${f.problems.join('; ')}`).join(' | ')}`,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BadUserInput, fields: named.map((f) => f.field) },
      };
    }
    const persistedQueryError = graphQLError && !graphQLError.extensions?.code ? PERSISTED_QUERY_ERRORS[graphQLError.message] : undefined;
    if (persistedQueryError) return { message: persistedQueryError.message, extensions: { code: persistedQueryError.code } };
    if (code && PUBLIC_CODES.has(code)) {
      const extensions = { ...formatted.extensions };
      delete extensions.stacktrace;
      delete extensions.exception;
      // In production, "Did you mean …?" would leak schema details (Apollo strips it on HTTP only).
      const message = options.production ? formatted.message.replace(/ Did you mean .+\?$/, '') : formatted.message;
      return { ...formatted, message, extensions };
    }
    if (isStatementTimeout(original)) {
      // MariaDB's max_statement_time / MySQL's max_execution_time (OPERATION_TIMEOUT_MS) stopped a statement.
      logger.warn({ requestId, path: formatted.path }, 'statement stopped at its time bound');
      return {
        message: `A database statement exceeded the operation's deadline${options.deadlineMs ? ` of ${options.deadlineMs} ms` : ''}; retry shortly`,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.ServiceUnavailable, deadlineMs: options.deadlineMs ?? null, requestId: requestId ?? null },
      };
    }
    if (isDatabaseUnavailable(original)) {
      // Pool wait queue full, the database not (yet) connected, a connection lost or KILLed mid-query, SQLite busy: retryable, and says so.
      logger.warn({ err: (original as Error)?.message, requestId, path: formatted.path }, 'database unavailable');
      return {
        message: 'The service is temporarily unavailable; retry shortly',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.ServiceUnavailable, requestId: requestId ?? null },
      };
    }
    logger.error({ err: original, requestId, path: formatted.path }, 'unexpected error');
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.Internal, requestId: requestId ?? null },
    };
  };
}
