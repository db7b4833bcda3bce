/**
 * True for database errors that mean "not now" rather than "wrong": the pool's wait queue is full,
 * the data source is not connected yet, or the server refuses connections. Mapped to
 * SERVICE_UNAVAILABLE. A connection killed mid-query is not among them: its outcome is unknown,
 * so it stays a masked INTERNAL_SERVER_ERROR.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { message?: string; code?: string; driverError?: { code?: string } } | null;
  const code = e?.driverError?.code ?? e?.code;
  if (code === 'ECONNREFUSED' || code === 'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR') return true;
  return /Queue limit reached|DataSource is not initialized|Pool is closed|No connection to the database/i.test(e?.message ?? '');
}
