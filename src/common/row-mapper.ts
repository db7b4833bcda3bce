import type { DataSource, EntityMetadata, ObjectLiteral, QueryRunner } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { sqliteRows } from './sqlite-rows';

/**
 * Turns raw rows of one entity's columns into entities without TypeORM's result transformer (its
 * alias bookkeeping, per-value regexes and load-event broadcast were a quarter of a page-heavy
 * read's CPU). Built once per entity, dialect and alias; the same values as TypeORM's hydration:
 * SQLite's datetime text is parsed by position, plain numbers and strings pass as they are, and
 * every other column type (booleans, JSON, transformers) goes through the driver's own
 * `prepareHydratedValue`. Entities are made as TypeORM makes them (`metadata.create()`).
 */
export interface RowMapper<T> {
  /** The SELECT list of every column over `alias`, each as a positional alias (`pg_c0`, …). */
  select: string;
  map(raw: Record<string, unknown>): T;
  /** The same from a row read as an array (`sqliteRows`) whose columns start at `offset`, in `select`'s order. */
  mapArray(raw: readonly unknown[], offset: number): T;
}

type Convert = (value: unknown) => unknown;

const mappers = new WeakMap<EntityMetadata, Map<string, RowMapper<ObjectLiteral>>>();

/** The number written in `text` from `from` to `to` (ASCII digits). */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

/**
 * "2026-05-11 19:45:37.977" (what TypeORM writes for a datetime on SQLite, UTC) as a Date. The
 * common form is read by position and turned into epoch milliseconds by arithmetic (days from the
 * civil date, H. Hinnant's `days_from_civil`), with no closure and no `Date.UTC` per value: a page
 * of entities parses thousands of these. Anything else goes through `Date`'s own parser.
 */
export function parseSqliteDatetime(text: string): Date {
  if (text.length === 23 && text.charCodeAt(10) === 32) {
    const month = digits(text, 5, 7);
    const day = digits(text, 8, 10);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
      // Years counted from March, so the leap day is the last day of the year.
      const year = digits(text, 0, 4) - (month <= 2 ? 1 : 0);
      const era = Math.floor(year / 400);
      const yearOfEra = year - era * 400;
      const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
      const days = era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
      return new Date(
        days * 86_400_000 +
          digits(text, 11, 13) * 3_600_000 +
          digits(text, 14, 16) * 60_000 +
          digits(text, 17, 19) * 1000 +
          digits(text, 20, 23),
      );
    }
  }
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`);
}

const PASS_THROUGH = new Set(['int', 'integer', 'double', 'float', 'real', 'varchar', 'text', 'simple-enum', 'enum', 'nvarchar']);

function converter(dataSource: DataSource, column: ColumnMetadata): Convert | null {
  const sqlite = dataSource.options.type === 'better-sqlite3';
  const type = typeof column.type === 'string' ? column.type : '';
  if (!column.transformer) {
    if (PASS_THROUGH.has(type)) return null;
    if (type === 'datetime' && sqlite)
      return (value) => (typeof value === 'string' ? parseSqliteDatetime(value) : dataSource.driver.prepareHydratedValue(value, column));
    if (type === 'datetime') return (value) => (value instanceof Date ? value : dataSource.driver.prepareHydratedValue(value, column));
  }
  return (value) => dataSource.driver.prepareHydratedValue(value, column);
}

/** The mapper of `metadata`'s entity over `alias` on `dataSource`. */
export function rowMapper<T extends ObjectLiteral>(dataSource: DataSource, metadata: EntityMetadata, alias: string): RowMapper<T> {
  let byAlias = mappers.get(metadata);
  if (!byAlias) mappers.set(metadata, (byAlias = new Map()));
  const key = `${dataSource.options.type}:${alias}`;
  let mapper = byAlias.get(key);
  if (!mapper) {
    const columns = metadata.columns.filter((c) => !c.isVirtual && c.embeddedMetadata === undefined);
    const converters = columns.map((c) => converter(dataSource, c));
    const names = columns.map((_c, i) => `pg_c${i}`);
    const escape = (name: string) => dataSource.driver.escape(name);
    const select = columns.map((c, i) => `${escape(alias)}.${escape(c.databaseName)} AS ${escape(names[i])}`).join(', ');
    mapper = {
      select,
      map(raw) {
        const entity = metadata.create() as ObjectLiteral;
        for (let i = 0; i < columns.length; i++) {
          const value = raw[names[i]];
          if (value === undefined) continue;
          const convert = converters[i];
          entity[columns[i].propertyName] = convert === null ? value : convert(value);
        }
        return entity;
      },
      mapArray(raw, offset) {
        const entity = metadata.create() as ObjectLiteral;
        for (let i = 0; i < columns.length; i++) {
          const value = raw[offset + i];
          if (value === undefined) continue;
          const convert = converters[i];
          entity[columns[i].propertyName] = convert === null ? value : convert(value);
        }
        return entity;
      },
    };
    byAlias.set(key, mapper);
  }
  return mapper as RowMapper<T>;
}

/**
 * `IN` over row ids, for hand-written SQL run with `selectRows`: on SQLite one JSON parameter
 * (`(SELECT value FROM json_each(?))`), so the statement text and its prepared statement are the
 * same for any number of ids; elsewhere one placeholder per id. An empty list matches nothing.
 */
export function inIds(runner: QueryRunner, ids: readonly number[]): { sql: string; params: unknown[] } {
  if (runner.connection.options.type === 'better-sqlite3')
    return { sql: '(SELECT value FROM json_each(?))', params: [JSON.stringify(ids)] };
  return ids.length ? { sql: `(${ids.map(() => '?').join(', ')})`, params: [...ids] } : { sql: '(NULL)', params: [] };
}

/**
 * `SELECT <every column> FROM <metadata's table> pg_o <tail>` as entities: `tail` holds the WHERE and
 * ORDER BY over alias `pg_o` and database column names, with positional parameters. Through
 * `sqliteRows` on SQLite (prepared once per text, rows as arrays) and `runner.query` elsewhere,
 * hydrated by `rowMapper`: the hot reads that TypeORM's query builder and result transformer made
 * several times dearer than the statement itself.
 */
export async function selectRows<T extends ObjectLiteral>(
  runner: QueryRunner,
  metadata: EntityMetadata,
  tail: string,
  params: readonly unknown[],
): Promise<T[]> {
  const dataSource = runner.connection;
  const mapper = rowMapper<T>(dataSource, metadata, 'pg_o');
  return mappedRows(runner, mapper, `SELECT ${mapper.select} FROM ${dataSource.driver.escape(metadata.tableName)} pg_o ${tail}`, params);
}

/**
 * The rows of `sql`, whose SELECT list is `mapper.select`, as entities: through `sqliteRows` on
 * SQLite (prepared once per text, rows as arrays), through the runner elsewhere.
 */
export async function mappedRows<T extends ObjectLiteral>(
  runner: QueryRunner,
  mapper: RowMapper<T>,
  sql: string,
  params: readonly unknown[],
): Promise<T[]> {
  if (runner.connection.options.type === 'better-sqlite3') return sqliteRows(runner, sql, params).map((row) => mapper.mapArray(row, 0));
  const rows: Record<string, unknown>[] = await runner.query(sql, [...params]);
  return rows.map((row) => mapper.map(row));
}

/**
 * Rows of a hand-written SELECT as arrays in its SELECT list's order: through `sqliteRows` on
 * SQLite (prepared once per text, no object per row), through the runner elsewhere (mysql2 keeps
 * the SELECT list's order in each row's keys). Values come as the driver gives them: sums and
 * counts may be strings on MySQL, datetimes are text on SQLite.
 */
export async function selectArrays(runner: QueryRunner, sql: string, params: readonly unknown[]): Promise<unknown[][]> {
  if (runner.connection.options.type === 'better-sqlite3') return sqliteRows(runner, sql, params);
  const rows: Record<string, unknown>[] = await runner.query(sql, [...params]);
  return rows.map((row) => Object.values(row));
}

/**
 * Every row of `metadata`'s table whose `column` (a property name) is one of `ids`, as entities,
 * ordered by `order` (property names): what the id and children loaders read, in one statement.
 */
export async function rowsWhereIn<T extends ObjectLiteral>(
  runner: QueryRunner,
  metadata: EntityMetadata,
  column: string,
  ids: readonly number[],
  order: readonly (readonly [string, 'ASC' | 'DESC'])[] = [],
): Promise<T[]> {
  const escape = (name: string) => runner.connection.driver.escape(name);
  const columnSql = (property: string) => {
    const found = metadata.findColumnWithPropertyPath(property);
    if (!found) throw new Error(`${metadata.name} has no column ${property}`);
    return `pg_o.${escape(found.databaseName)}`;
  };
  const orderSql = order.length
    ? ` ORDER BY ${order.map(([property, direction]) => `${columnSql(property)} ${direction}`).join(', ')}`
    : '';
  const list = inIds(runner, ids);
  return selectRows<T>(runner, metadata, `WHERE ${columnSql(column)} IN ${list.sql}${orderSql}`, list.params);
}
