/** Driver error codes of a connection that broke or could not be made: the database, not the request, is at fault. */
const CONNECTION_CODES = new Set([
  // mysql2 / Node sockets
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  // MariaDB/MySQL: the connection was KILLed, the server is shutting down, or it has no connection left
  'ER_CONNECTION_KILLED',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  // SQLite: the file stayed locked past busy_timeout
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_RECOVERY',
  'SQLITE_BUSY_TIMEOUT',
]);

/**
 * True for database errors that mean "not now" rather than "wrong": the pool's wait queue is full,
 * the data source is not connected yet, the server refuses connections, a connection was lost or
 * KILLed mid-query, or SQLite stayed busy. Mapped to SERVICE_UNAVAILABLE (retryable). A write cut
 * this way may or may not have committed: a retry is safe with an idempotency key or an
 * `expectedVersion`, which the mutations that need one take.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { message?: string; code?: string; driverError?: { code?: string } } | null;
  const code = e?.driverError?.code ?? e?.code;
  if (code && CONNECTION_CODES.has(code)) return true;
  return /Queue limit reached|DataSource is not initialized|Pool is closed|No connection to the database|Connection lost|Connection was killed|connection is in closed state/i.test(
    e?.message ?? '',
  );
}
