import type { DataSource } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';

/**
 * SQL built once per dialect and shape by TypeORM's query builder, then run with positional
 * parameters (`selectArrays`, `selectRows` in common/row-mapper.ts): building a query (aliases,
 * parameter expansion, escaping) cost more CPU than SQLite took to run it. `shape` is the length of
 * the statement's IN list; `build(dataSource, shape)` returns the SQL, built with placeholder
 * values (`placeholderIds`, `EPOCH`): only its text is kept. The caller passes the parameters in
 * the order their `?` appear in that text, dates bound with `dateParameter`.
 */
export class PreparedSql {
  /** Per dialect (one process may run apps on SQLite and MySQL, as the tests do), then per shape. */
  private readonly byDialect = new Map<string, Map<number, string>>();
  /** Beyond this many shapes (IN lists of that many lengths) a statement is built per call. */
  private static readonly MAX_SHAPES = 256;

  constructor(private readonly build: (dataSource: DataSource, shape: number) => string) {}

  sql(dataSource: DataSource, shape: number): string {
    let byShape = this.byDialect.get(dataSource.options.type);
    if (!byShape) this.byDialect.set(dataSource.options.type, (byShape = new Map()));
    let sql = byShape.get(shape);
    if (sql === undefined) {
      sql = this.build(dataSource, shape);
      if (byShape.size < PreparedSql.MAX_SHAPES) byShape.set(shape, sql);
    }
    return sql;
  }
}

/** Binds a Date parameter of a raw statement the way the query builder does on this dialect. */
export function dateParameter(dataSource: DataSource): (date: Date) => Date | string {
  return dataSource.options.type === 'better-sqlite3' ? (date) => DateUtils.mixedDateToUtcDatetimeString(date) as string : (date) => date;
}

/** Placeholder values for an IN list of `n` ids while building a PreparedSql: only the SQL text is kept. */
export const placeholderIds = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** A placeholder date while building a PreparedSql. */
export const EPOCH = new Date(0);
