import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Loaders } from './loaders';
import {
  type ConnectionArgs,
  type ConnectionResult,
  keysetCondition,
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
  const { ordering } = spec;
  const inner = ofParents(spec, parents);
  if (request.after) {
    const c = keysetCondition(ordering, request.after, 'after', false, 'pgAfter');
    inner.andWhere(c.sql, c.params);
  }
  if (request.before) {
    const c = keysetCondition(ordering, request.before, 'before', false, 'pgBefore');
    inner.andWhere(c.sql, c.params);
  }
  const order = orderByTerms(ordering, !request.forward)
    .map(([expression, direction]) => `${expression} ${direction}`)
    .join(', ');
  inner
    .select(idSql(ordering), 'pg_id')
    .addSelect(spec.parent, 'pg_parent')
    .addSelect(`ROW_NUMBER() OVER (PARTITION BY ${spec.parent} ORDER BY ${order})`, 'pg_rn')
    .orderBy();
  const alias = inner.alias;
  const target = inner.expressionMap.mainAlias!.target;
  const { entities, raw } = await loaders.statements((runner) =>
    inner.connection
      .createQueryBuilder(target, alias, runner)
      .innerJoin(`(${inner.getQuery()})`, 'pg_w', `pg_w.pg_id = ${idSql(ordering)}`)
      .addSelect('pg_w.pg_id', 'pg_id')
      .addSelect('pg_w.pg_parent', 'pg_parent')
      .addSelect('pg_w.pg_rn', 'pg_rn')
      .where('pg_w.pg_rn <= :pgLimit', { pgLimit: request.size + 1 })
      .setParameters(inner.getParameters())
      .getRawAndEntities(),
  );
  const placeOf = new Map<number, { parent: number; rn: number }>();
  for (const row of raw as Record<string, unknown>[])
    placeOf.set(Number(row.pg_id), { parent: Number(row.pg_parent), rn: Number(row.pg_rn) });
  const groups = new Map<number, { row: T; rn: number }[]>(parents.map((id) => [id, []]));
  for (const row of entities as T[]) {
    const place = placeOf.get(ordering.id.read(row));
    if (place) groups.get(place.parent)?.push({ row, rn: place.rn });
  }
  return parents.map((id) =>
    groups
      .get(id)!
      .sort((a, b) => a.rn - b.rn)
      .map((entry) => entry.row),
  );
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
