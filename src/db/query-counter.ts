import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM logger that counts every SQL statement (tests and benchmarks read `count` to prove
 * statement counts do not grow with page size) and forwards to the console when logging is on.
 */
export class QueryCounter implements TypeOrmLogger {
  count = 0;

  constructor(private readonly echo: boolean) {}

  logQuery(query: string, parameters?: unknown[]): void {
    this.count++;
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
