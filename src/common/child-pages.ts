import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Loaders } from './loaders';
import { rowMapper } from './row-mapper';
import { sqliteRows } from './sqlite-rows';
import {
  applyCursorBounds,
  comparePositions,
  type ConnectionArgs,
  type ConnectionResult,
  keysetCondition,
  positionOf,
  type Ordering,
  orderByTerms,
  type PageRequest,
  pageRequest,
  toConnection,
} from './pagination';

/**
 * A connection paged in SQL under each of many parents (`Process.samples`, `Supplier.purchaseOrders`):
 * what the rows of every parent are, and how a row names its parent.
 */
export interface ChildPageSpec<T extends ObjectLiteral> {
  /**
   * Every argument that narrows the list besides the page itself (filters, time ranges, the
   * request's `now` where a filter reads it), as a string: parents whose lists have equal keys and
   * equal page arguments share their statements.
   */
  key: string;
  /**
   * A fresh query builder of the filtered rows of all parents, under the ordering's alias: no
   * parent condition, no order, no limit. May throw BAD_USER_INPUT (a bad id in a filter): every
   * parent of the batch then gets that error.
   */
  query: () => SelectQueryBuilder<T>;
  /** SQL of the row's parent id over the query's alias, e.g. `s.processRowId`. */
  parent: string;
  ordering: Ordering<T>;
}

/**
 * One page of `parentRowId`'s rows, batched with every other parent of the same request that asks
 * for the same list with the same arguments: one statement for the pages of all of them (a
 * `ROW_NUMBER() OVER (PARTITION BY parent ORDER BY <ordering>, id)` window, cut at `size + 1`
 * rows per parent; SQLite ≥ 3.25 and MariaDB ≥ 10.2), one more only when a cursor is given (the
 * opposite direction's flag, `GROUP BY` parent), and `totalCount` as a `COUNT(*) … GROUP BY`
 * parent issued only when GraphQL reads it. Cursors, `hasNextPage`/`hasPreviousPage` and order are
 * those of `paginateQuery` over the same rows. Reads go through `loaders.statements`, so none
 * starts after the operation's deadline. Bad page arguments throw BAD_USER_INPUT before any SQL.
 */
export async function childPage<T extends ObjectLiteral>(
  loaders: Loaders,
  spec: ChildPageSpec<T>,
  args: ConnectionArgs,
  parentRowId: number,
): Promise<ConnectionResult<T>> {
  const { ordering } = spec;
  const request = pageRequest(args, ordering);
  const list = `childPage:${ordering.connection}:${ordering.name}:${spec.key}`;
  const page = `${list}:${JSON.stringify([request.forward, request.size, args.after ?? null, args.before ?? null])}`;
  const cursor = request.forward ? request.after : request.before;
  const [rows, beyond] = await Promise.all([
    loaders.custom<number, T[]>(`${page}:rows`, (parents) => loadWindows(loaders, spec, request, parents)).load(parentRowId),
    cursor
      ? loaders.custom<number, boolean>(`${page}:beyond`, (parents) => loadBeyond(loaders, spec, request, parents)).load(parentRowId)
      : false,
  ]);
  const counts = loaders.custom<number, number>(`${list}:count`, (parents) => loadCounts(loaders, spec, parents));
  return toConnection(rows, request, ordering, () => counts.load(parentRowId), beyond);
}

/** `spec.query()` restricted to the parents, with its parameter named so it never meets a filter's. */
function ofParents<T extends ObjectLiteral>(spec: ChildPageSpec<T>, parents: readonly number[]): SelectQueryBuilder<T> {
  return spec.query().andWhere(`${spec.parent} IN (:...pgParents)`, { pgParents: [...parents] });
}

function idSql<T>(ordering: Ordering<T>): string {
  if (!ordering.id.sql) throw new Error(`Ordering of ${ordering.connection} has an id without SQL`);
  return ordering.id.sql;
}

/** The rows of each parent's page, at most `size + 1`, in the direction of travel. */
async function loadWindows<T extends ObjectLiteral>(
  loaders: Loaders,
  spec: ChildPageSpec<T>,
  request: PageRequest,
  parents: readonly number[],
): Promise<T[][]> {
  if (loaders.sqlite) return loadSeeks(loaders, spec, request, parents);
  return loadBranches(loaders, spec, request, parents);
}

/** A placeholder value for the parent id, found again in the builder's positional parameters. */
const PARENT_SENTINEL = -7_777_777_777;

/**
 * MySQL/MariaDB: neither has a lateral join nor LIMIT in an IN subquery (MariaDB 10.11), so each
 * parent's page is one parenthesised branch of a UNION ALL, all in one statement: `(SELECT … WHERE
 * parent = ? ORDER BY <ordering> LIMIT size + 1)`. The LIMIT seeks the parent's first rows through
 * the index, so the work grows with the page size and the number of parents, not with how many rows
 * each parent has (a window over every row of the parents read them all). A UNION's output order is
 * not defined: orderings on dates and numbers are put back in order in memory (`inParentOrder`);
 * an ordering on text keeps the database's collation through a row number over each branch's few
 * rows (`ROW_NUMBER() OVER (<ordering>)` around the branch), and its rows are joined back for
 * every column. Rows are hydrated by `rowMapper`.
 */
async function loadBranches<T extends ObjectLiteral>(
  loaders: Loaders,
  spec: ChildPageSpec<T>,
  request: PageRequest,
  parents: readonly number[],
): Promise<T[][]> {
  const { ordering } = spec;
  const inner = applyCursorBounds(spec.query(), request, ordering);
  const terms = orderByTerms(ordering, !request.forward);
  const metadata = inner.expressionMap.mainAlias!.metadata;
  inner.andWhere(`${spec.parent} = :pgParent`, { pgParent: PARENT_SENTINEL });
  // Keys that compare the same in JavaScript as in SQL (dates, numbers): each branch reads its rows
  // whole and they are put in order here. Text keys keep the database's collation: row numbers.
  const inMemoryOrder = ordering.keys.every((key) => key.type !== 'string');
  const own = inMemoryOrder ? rowMapper<T>(inner.connection, metadata, inner.alias) : null;
  if (own) inner.select(own.select).addSelect(spec.parent, 'pg_parent');
  else {
    inner.select(idSql(ordering), 'pg_id');
    terms.forEach(([expression], i) => inner.addSelect(expression, `pg_t${i}`));
  }
  inner.orderBy();
  const [innerSql, innerParams] = inner.getQueryAndParameters();
  const at = innerParams.indexOf(PARENT_SENTINEL);
  if (at < 0 || innerParams.indexOf(PARENT_SENTINEL, at + 1) >= 0)
    throw new Error(`child page of ${ordering.connection}: parent parameter not found once`);
  const order = terms.map(([expression, direction]) => `${expression} ${direction}`).join(', ');
  if (own) {
    const params: unknown[] = [];
    for (const parent of parents) for (let i = 0; i < innerParams.length; i++) params.push(i === at ? parent : innerParams[i]);
    const sql = parents.map(() => `(${innerSql} ORDER BY ${order} LIMIT ${request.size + 1})`).join(' UNION ALL ');
    const raw: Record<string, unknown>[] = await loaders.statements((runner) => runner.query(sql, params));
    return inParentOrder(ordering, request, parents, raw, (row) => own.map(row));
  }
  const outerOrder = terms.map(([, direction], i) => `pg_b.pg_t${i} ${direction}`).join(', ');
  const branch =
    `(SELECT pg_b.pg_id, ? AS pg_parent, ROW_NUMBER() OVER (ORDER BY ${outerOrder}) AS pg_rn ` +
    `FROM (${innerSql} ORDER BY ${order} LIMIT ${request.size + 1}) pg_b)`;
  const params: unknown[] = [];
  for (const parent of parents) {
    params.push(parent);
    for (let i = 0; i < innerParams.length; i++) params.push(i === at ? parent : innerParams[i]);
  }
  const mapper = rowMapper<T>(inner.connection, metadata, 'pg_o');
  const escape = (name: string) => inner.connection.driver.escape(name);
  const sql =
    `SELECT pg_w.pg_parent AS pg_parent, pg_w.pg_rn AS pg_rn, ${mapper.select} FROM (${parents.map(() => branch).join(' UNION ALL ')}) pg_w ` +
    `JOIN ${escape(metadata.tableName)} pg_o ON pg_o.${escape(metadata.primaryColumns[0].databaseName)} = pg_w.pg_id`;
  const raw: Record<string, unknown>[] = await loaders.statements((runner) => runner.query(sql, params));
  const groups = new Map<number, { row: T; rn: number }[]>(parents.map((id) => [id, []]));
  for (const row of raw) groups.get(Number(row.pg_parent))?.push({ row: mapper.map(row), rn: Number(row.pg_rn) });
  return parents.map((id) =>
    groups
      .get(id)!
      .sort((a, b) => a.rn - b.rn)
      .map((entry) => entry.row),
  );
}

/**
 * SQLite: each parent's page read through the index, one statement for all parents. The parents
 * come as a JSON array (`json_each`); for each, a correlated `IN (SELECT id … WHERE parent = it
 * ORDER BY <ordering> LIMIT size + 1)` seeks its first rows, so the work grows with the page size,
 * not with how many rows a parent has (a window over every row of the parents read them all: 15,360
 * samples for 160 pages of 21). Rows are read as arrays (`sqliteRows`), made entities by `rowMapper`
 * and put in order per parent in memory (`comparePositions`: SQLite's BINARY collation is the comparison it uses).
 */
async function loadSeeks<T extends ObjectLiteral>(
  loaders: Loaders,
  spec: ChildPageSpec<T>,
  request: PageRequest,
  parents: readonly number[],
): Promise<T[][]> {
  const { ordering } = spec;
  const inner = applyCursorBounds(spec.query(), request, ordering);
  inner.andWhere(`${spec.parent} = pg_p.value`).select(idSql(ordering), 'pg_id').orderBy();
  const order = orderByTerms(ordering, !request.forward)
    .map(([expression, direction]) => `${expression} ${direction}`)
    .join(', ');
  const [innerSql, innerParams] = inner.getQueryAndParameters();
  const metadata = inner.expressionMap.mainAlias!.metadata;
  const mapper = rowMapper<T>(inner.connection, metadata, 'pg_o');
  const idColumn = metadata.primaryColumns[0].databaseName;
  const sql =
    `SELECT pg_p.value AS pg_parent, ${mapper.select} FROM json_each(?) AS pg_p ` +
    `JOIN ${inner.connection.driver.escape(metadata.tableName)} pg_o ON pg_o.${inner.connection.driver.escape(idColumn)} IN ` +
    `(${innerSql} ORDER BY ${order} LIMIT ${request.size + 1})`;
  const raw = await loaders.statements(async (runner) => sqliteRows(runner, sql, [JSON.stringify(parents), ...innerParams]));
  return inParentOrder(
    ordering,
    request,
    parents,
    raw,
    (row) => mapper.mapArray(row, 1),
    (row) => row[0],
  );
}

/**
 * Rows of many parents, read in no particular order, as one list per parent in the direction of
 * travel (`comparePositions`: exact for dates and numbers, and for text under SQLite's BINARY
 * collation). `parentOf` reads the row's parent id (the `pg_parent` column by default).
 */
function inParentOrder<T, R>(
  ordering: Ordering<T>,
  request: PageRequest,
  parents: readonly number[],
  raw: readonly R[],
  entity: (row: R) => T,
  parentOf: (row: R) => unknown = (row) => (row as Record<string, unknown>).pg_parent,
): T[][] {
  const groups = new Map<number, T[]>(parents.map((id) => [id, []]));
  for (const row of raw) groups.get(Number(parentOf(row)))?.push(entity(row));
  const sign = request.forward ? 1 : -1;
  return parents.map((id) => {
    const rows = groups.get(id)!;
    if (rows.length < 2) return rows;
    const keyed = rows.map((row) => ({ row, at: positionOf(ordering, row) }));
    keyed.sort((a, b) => sign * comparePositions(ordering, a.at, b.at));
    return keyed.map((k) => k.row);
  });
}

/**
 * For each parent, whether anything lies behind its page: at or before `after` (forwards) or at
 * or after `before` (backwards). Asked only when that cursor was given.
 */
async function loadBeyond<T extends ObjectLiteral>(
  loaders: Loaders,
  spec: ChildPageSpec<T>,
  request: PageRequest,
  parents: readonly number[],
): Promise<boolean[]> {
  const cursor = (request.forward ? request.after : request.before)!;
  const c = keysetCondition(spec.ordering, cursor, request.forward ? 'before' : 'after', true, 'pgBeyond');
  const qb = ofParents(spec, parents).andWhere(c.sql, c.params).select(spec.parent, 'pg_parent').groupBy(spec.parent).orderBy();
  const rows = await loaders.statements((runner) => qb.setQueryRunner(runner).getRawMany<{ pg_parent: unknown }>());
  const found = new Set(rows.map((row) => Number(row.pg_parent)));
  return parents.map((id) => found.has(id));
}

/** For each parent, how many rows match the filter: one `COUNT(*) … GROUP BY` parent. */
async function loadCounts<T extends ObjectLiteral>(
  loaders: Loaders,
  spec: ChildPageSpec<T>,
  parents: readonly number[],
): Promise<number[]> {
  const qb = ofParents(spec, parents).select(spec.parent, 'pg_parent').addSelect('COUNT(*)', 'pg_count').groupBy(spec.parent).orderBy();
  const rows = await loaders.statements((runner) => qb.setQueryRunner(runner).getRawMany<{ pg_parent: unknown; pg_count: unknown }>());
  const counts = new Map(rows.map((row) => [Number(row.pg_parent), Number(row.pg_count)]));
  return parents.map((id) => counts.get(id) ?? 0);
}
