import { QueryFailedError, type QueryRunner } from 'typeorm';

interface Statement {
  raw(toggle: boolean): Statement;
  all(...params: unknown[]): unknown[][];
}
interface Handle {
  prepare(sql: string): Statement;
}

/** Prepared statements kept per connection, at most this many (least recently used dropped). */
const MAX_STATEMENTS = 200;
const statements = new WeakMap<object, Map<string, Statement>>();

/**
 * Runs a SELECT on SQLite through better-sqlite3 itself, as a prepared statement kept per SQL text,
 * returning each row as an array in the SELECT list's order (`raw` mode: no object with named keys
 * per row, which was half the cost of reading a page of samples). The statement is logged, counted
 * and refused after the operation's deadline exactly as TypeORM's own queries are (the data
 * source's logger, with `runner` carrying the operation's signal), and errors come as TypeORM's
 * `QueryFailedError`, so callers and the error formatter see what they see for any other query.
 * For the hot reads written in plain SQL; parameters must be what SQLite binds (TypeORM's
 * `getQueryAndParameters()` gives them so).
 */
export function sqliteRows(runner: QueryRunner, sql: string, params: readonly unknown[]): unknown[][] {
  const connection = runner.connection;
  const bound = params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
  connection.logger.logQuery(sql, bound as unknown[], runner);
  const handle = (connection.driver as unknown as { databaseConnection: Handle }).databaseConnection;
  let cache = statements.get(handle);
  if (!cache) statements.set(handle, (cache = new Map()));
  try {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql);
    } else {
      statement = handle.prepare(sql).raw(true);
      if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, statement);
    return statement.all(...bound);
  } catch (error) {
    connection.logger.logQueryError(error as Error, sql, bound as unknown[], runner);
    throw new QueryFailedError(sql, bound as unknown[], error as Error);
  }
}
