import type { QueryRunner, Logger as TypeOrmLogger } from 'typeorm';
import { checkStatement } from '../common/abort';

/**
 * TypeORM logger that refuses statements of aborted operations, counts every SQL statement (tests and benchmarks read `count` to prove
 * statement counts do not grow with page size) and forwards to the console when logging is on.
 */
export class QueryCounter implements TypeOrmLogger {
  count = 0;
  private readonly watchers = new Set<(query: string) => void>();

  constructor(private readonly echo: boolean) {}

  /** Calls `watcher` with the text of every statement issued from now on (tests tell a request's statements apart); returns the stop function. */
  watch(watcher: (query: string) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /**
   * TypeORM calls this just before it sends a statement (after the connection was obtained): a
   * statement issued for an operation that has aborted since (deadline, client gone), on a runner
   * that carries the operation's signal (`Loaders.statements`), is refused here, so it never reaches
   * the database and is not counted.
   */
  logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    checkStatement(queryRunner?.data);
    this.count++;
    for (const watcher of this.watchers) watcher(query);
    if (this.echo) console.log(`[sql] ${query}${parameters?.length ? ` -- ${JSON.stringify(parameters)}` : ''}`);
  }

  logQueryError(error: string | Error, query: string): void {
    if (this.echo) console.error(`[sql error] ${query}: ${String(error)}`);
  }

  logQuerySlow(): void {}

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    if (this.echo) console.log(`[migration] ${message}`);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (this.echo || level === 'warn') console.log(`[typeorm ${level}] ${String(message)}`);
  }
}
