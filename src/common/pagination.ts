import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { IsOptional, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors';
import { mappedRows, rowMapper, selectArrays } from './row-mapper';

/** Default and maximum page size of every connection. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Longest cursor accepted: a cursor holds its row's sort key, e.g. a 200-character name. */
export const MAX_CURSOR_LENGTH = 4096;

const pageSizeMessage = (arg: string) => `${arg} must be between 1 and ${MAX_PAGE_SIZE}`;

/**
 * Relay connection arguments (https://relay.dev/graphql/connections.htm): `first`/`after` page
 * forwards, `last`/`before` page backwards. `first` has no schema default so that `last` alone can
 * be told apart from `first` left at its default: with neither, the page is the first 20 items.
 */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page forwards: how many items to return (1–${MAX_PAGE_SIZE}) from the start, or after \`after\`. Defaults to ${DEFAULT_PAGE_SIZE} when neither \`first\` nor \`last\` is given; cannot be combined with \`last\`.`,
  })
  @IsOptional()
  @Min(1, { message: pageSizeMessage('first') })
  @Max(MAX_PAGE_SIZE, { message: pageSizeMessage('first') })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return items after this cursor (an `endCursor` or edge `cursor` of this list, fetched with the same `orderBy`).',
  })
  @IsOptional()
  @MaxLength(MAX_CURSOR_LENGTH)
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Page backwards: how many items to return (1–${MAX_PAGE_SIZE}) from the end, or before \`before\`; they still come in the list's order. Cannot be combined with \`first\`.`,
  })
  @IsOptional()
  @Min(1, { message: pageSizeMessage('last') })
  @Max(MAX_PAGE_SIZE, { message: pageSizeMessage('last') })
  last?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return items before this cursor (a `startCursor` or edge `cursor` of this list, fetched with the same `orderBy`).',
  })
  @IsOptional()
  @MaxLength(MAX_CURSOR_LENGTH)
  before?: string | null;
}

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field({
    description:
      'True when items follow this page. Paging forwards (`first`), found by reading one item past the page; paging backwards (`last`), true when an item exists at or after `before` (false without `before`).',
  })
  hasNextPage: boolean;

  @Field({
    description:
      'True when items precede this page. Paging backwards (`last`), found by reading one item past the page; paging forwards (`first`), true when an item exists at or before `after` (false without `after`).',
  })
  hasPreviousPage: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the first edge; pass it as `before` (with `last`) for the previous page.',
  })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after` (with `first`) for the next page.' })
  endCursor: string | null;
}

/**
 * What a connection resolver returns before GraphQL shapes it. `totalCount` may be a promise read
 * from a getter: lists paged in SQL count only when the field is selected (see `toConnection`).
 */
export interface ConnectionResult<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number | Promise<number>;
}

// ---------------------------------------------------------------------------------------------
// Orderings: what a connection sorts by, and therefore what its cursors hold.
// ---------------------------------------------------------------------------------------------

export type SortDirection = 'ASC' | 'DESC';
export type SortValue = string | number | Date | null;

/** One key of a connection's order (before the row id that breaks ties). */
export interface SortKey<T> {
  /** SQL expression over the query's alias (`p.dueDate`); needed by SQL-paged connections only. */
  sql?: string;
  /** How the value travels in a cursor: dates as ISO strings, numbers and strings as they are. */
  type: 'string' | 'number' | 'date';
  direction: SortDirection;
  /**
   * NULLs sort after every value, in either direction. The ORDER BY sorts an `IS NULL` flag
   * first, because SQLite and MySQL both put NULLs first in ASC order and neither has NULLS LAST.
   */
  nullable?: boolean;
  /** Reads the key from a loaded row: the value a cursor records and in-memory pages compare. */
  read: (row: T) => SortValue;
}

/**
 * A connection's order under one `orderBy` value: sort keys, then the unique row id. A cursor
 * records the connection, the ordering's name, and its row's keys and id, so the next page starts
 * strictly after that position: rows inserted or deleted meanwhile shift nothing.
 */
export interface Ordering<T> {
  /** Which list the cursors belong to, e.g. `projects` or `Project.milestones`. */
  connection: string;
  /** The `orderBy` value (or the fixed order of a list without one), e.g. `DUE_DATE_ASC`. */
  name: string;
  keys: readonly SortKey<T>[];
  /** The tiebreaker: unique and never NULL. */
  id: { sql?: string; direction: SortDirection; read: (row: T) => number };
  /**
   * The keys alone order the rows of one parent totally (no two share them, e.g. the start of a
   * process's samples, which never overlap): SQL orders by the keys only, so an index on (parent,
   * keys) serves `ORDER BY … LIMIT` as a seek. Cursors still carry the id.
   */
  keysUnique?: boolean;
}

/** Where a cursor points: its row's key values (in `keys` order) and id. */
export interface Position {
  values: SortValue[];
  id: number;
}

/** The position of a row under an ordering. */
export function positionOf<T>(ordering: Ordering<T>, row: T): Position {
  return { values: ordering.keys.map((key) => key.read(row)), id: ordering.id.read(row) };
}

/**
 * Strings compare by code point (= UTF-8 byte order, SQLite's BINARY collation); JavaScript's `<`
 * compares UTF-16 units, which puts U+10000 and above before U+E000–U+FFFF.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Ascending comparison of two values of one key; NULL after every value. */
function compareValues(a: SortValue, b: SortValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareStrings(String(a), String(b));
}

/** Compares two positions in the ordering's order: negative when `a` comes first. */
export function comparePositions<T>(ordering: Ordering<T>, a: Position, b: Position): number {
  for (let i = 0; i < ordering.keys.length; i++) {
    const key = ordering.keys[i];
    const x = a.values[i];
    const y = b.values[i];
    // NULLs come last whatever the direction: only the comparison of two values flips.
    const c = x === null || y === null ? compareValues(x, y) : compareValues(x, y) * (key.direction === 'DESC' ? -1 : 1);
    if (c !== 0) return c;
  }
  return (a.id - b.id) * (ordering.id.direction === 'DESC' ? -1 : 1);
}

// ---------------------------------------------------------------------------------------------
// Cursors: opaque base64url JSON { c: connection, o: ordering, k: key values, id }.
// ---------------------------------------------------------------------------------------------

/** A cursor's content, as `readCursor` finds it (not yet checked against an ordering). */
export interface CursorContent {
  c: string;
  o: string;
  k: (string | number | null)[];
  id: number;
}

/** The cursor of `row` under `ordering`. */
export function encodeCursor<T>(ordering: Ordering<T>, row: T): string {
  const position = positionOf(ordering, row);
  const content: CursorContent = {
    c: ordering.connection,
    o: ordering.name,
    k: position.values.map((value) => (value instanceof Date ? value.toISOString() : value)),
    id: position.id,
  };
  return Buffer.from(JSON.stringify(content), 'utf8').toString('base64url');
}

/** What a cursor holds, or null for anything that is not a cursor of ours (tests read it too). */
export function readCursor(cursor: string): CursorContent | null {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor))
    return null;
  let content: unknown;
  try {
    content = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (content === null || typeof content !== 'object' || Array.isArray(content)) return null;
  const { c, o, k, id } = content as Record<string, unknown>;
  if (typeof c !== 'string' || typeof o !== 'string' || !Array.isArray(k) || !Number.isSafeInteger(id) || (id as number) < 0) return null;
  if (!k.every((v) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) return null;
  return { c, o, k, id: id as number };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function decodeValue<T>(raw: string | number | null, key: SortKey<T>): SortValue | undefined {
  if (raw === null) return key.nullable ? null : undefined;
  if (key.type === 'number') return typeof raw === 'number' ? raw : undefined;
  if (key.type === 'string') return typeof raw === 'string' ? raw : undefined;
  if (typeof raw !== 'string' || !ISO_INSTANT.test(raw)) return undefined;
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Decodes the `after` or `before` argument under `ordering`. Throws BAD_USER_INPUT naming `arg`
 * for garbage, for a cursor of another connection and for one made under another `orderBy`.
 */
export function decodeCursor<T>(cursor: string, ordering: Ordering<T>, arg: 'after' | 'before'): Position {
  const content = readCursor(cursor);
  if (!content) throw badInput(arg, 'is not a valid cursor');
  if (content.c !== ordering.connection) throw badInput(arg, `is a cursor of another list, not of ${ordering.connection}`);
  if (content.o !== ordering.name)
    throw badInput(
      arg,
      `was made under another order, not ${ordering.name}: pass the orderBy it was made under, or start again without it`,
    );
  if (content.k.length !== ordering.keys.length) throw badInput(arg, 'is not a valid cursor');
  const values = content.k.map((raw, i) => decodeValue(raw, ordering.keys[i]));
  if (values.some((v) => v === undefined)) throw badInput(arg, 'is not a valid cursor');
  return { values: values as SortValue[], id: content.id };
}

// ---------------------------------------------------------------------------------------------
// Page requests: first/after forwards, last/before backwards.
// ---------------------------------------------------------------------------------------------

/** A checked page request. */
export interface PageRequest {
  /** true for `first` (or neither), false for `last`. */
  forward: boolean;
  size: number;
  after: Position | null;
  before: Position | null;
}

function checkSize(value: number, arg: string): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) throw badInput(arg, `must be between 1 and ${MAX_PAGE_SIZE}`);
  return value;
}

/**
 * Checks the arguments and decodes the cursors. `first` and `last` together are BAD_USER_INPUT
 * (naming `last`); neither means the first 20 items.
 */
export function pageRequest<T>(args: ConnectionArgs, ordering: Ordering<T>): PageRequest {
  const hasFirst = args.first !== undefined && args.first !== null;
  const hasLast = args.last !== undefined && args.last !== null;
  if (hasFirst && hasLast)
    throw badInput('last', 'cannot be combined with first: page forwards with first/after, or backwards with last/before');
  return {
    forward: !hasLast,
    size: hasLast ? checkSize(args.last!, 'last') : hasFirst ? checkSize(args.first!, 'first') : DEFAULT_PAGE_SIZE,
    after: args.after ? decodeCursor(args.after, ordering, 'after') : null,
    before: args.before ? decodeCursor(args.before, ordering, 'before') : null,
  };
}

/**
 * An edge whose cursor is encoded when first read: GraphQL reads it only when `cursor` (or
 * `pageInfo`'s start/end cursor) is selected, and a page of samples without cursors spent a tenth
 * of its time encoding them.
 */
class LazyEdge<R, N> {
  private encoded: string | undefined;

  constructor(
    private readonly ordering: Ordering<R>,
    private readonly row: R,
    readonly node: N,
  ) {}

  get cursor(): string {
    return (this.encoded ??= encodeCursor(this.ordering, this.row));
  }
}

/**
 * Shapes rows read in the direction of travel (at most `size + 1`: the extra one says more follow)
 * into a connection, edges in the list's order. `beyond` answers the opposite direction: whether
 * anything exists at or before `after` (forwards) or at or after `before` (backwards).
 * `totalCount` given as a function is a count not yet made: it runs the first time the property is
 * read (GraphQL reads it only when `totalCount` is selected), once.
 */
export function toConnection<R, N = R>(
  rows: readonly R[],
  request: PageRequest,
  ordering: Ordering<R>,
  totalCount: number | (() => Promise<number>),
  beyond: boolean,
  nodeOf: (row: R) => N = (row) => row as unknown as N,
): ConnectionResult<N> {
  const more = rows.length > request.size;
  const page = rows.slice(0, request.size);
  if (!request.forward) page.reverse();
  const edges = page.map((row) => new LazyEdge(ordering, row, nodeOf(row)));
  const pageInfo = {
    hasNextPage: request.forward ? more : beyond,
    hasPreviousPage: request.forward ? beyond : more,
    get startCursor() {
      return edges[0]?.cursor ?? null;
    },
    get endCursor() {
      return edges[edges.length - 1]?.cursor ?? null;
    },
  };
  if (typeof totalCount === 'number') return { edges, totalCount, pageInfo };
  let counted: Promise<number> | undefined;
  return {
    edges,
    pageInfo,
    get totalCount() {
      return (counted ??= totalCount());
    },
  };
}

// ---------------------------------------------------------------------------------------------
// In memory: children loaded by a DataLoader.
// ---------------------------------------------------------------------------------------------

/** The first index in [0, length) whose position satisfies `test` (monotone over a sorted list). */
function firstIndex(positions: readonly Position[], test: (p: Position) => boolean): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(positions[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Pages an already-loaded list (children fetched by a loader) by keyset: the list is sorted by
 * `ordering` (stable; the loader's SQL order may differ in collation details), and a cursor's
 * page starts at the first item strictly after (or ends before) the cursor's key and id, found by
 * comparison, so an item added or removed between requests shifts nothing.
 */
export function paginateArray<T>(items: readonly T[], args: ConnectionArgs, ordering: Ordering<T>): ConnectionResult<T> {
  const request = pageRequest(args, ordering);
  const sorted = items
    .map((item) => ({ item, position: positionOf(ordering, item) }))
    .sort((a, b) => comparePositions(ordering, a.position, b.position));
  const positions = sorted.map((s) => s.position);
  const after = request.after;
  const before = request.before;
  const start = after ? firstIndex(positions, (p) => comparePositions(ordering, p, after) > 0) : 0;
  const end = Math.max(start, before ? firstIndex(positions, (p) => comparePositions(ordering, p, before) >= 0) : sorted.length);
  const window = sorted.slice(start, end).map((s) => s.item);
  const rows = request.forward ? window.slice(0, request.size + 1) : window.slice(-(request.size + 1)).reverse();
  const beyond = request.forward ? after !== null && start > 0 : before !== null && end < sorted.length;
  return toConnection(rows, request, ordering, items.length, beyond);
}

// ---------------------------------------------------------------------------------------------
// In SQL: keyset conditions and ORDER BY.
// ---------------------------------------------------------------------------------------------

/** A WHERE fragment with its named parameters. */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

function sqlOf(expression: string | undefined, connection: string): string {
  if (!expression) throw new Error(`Ordering of ${connection} has a key without SQL`);
  return expression;
}

/**
 * The rows strictly after (`side: 'after'`) or before `position` in the ordering's order, or at
 * it too when `inclusive`, as `(k > :k) OR (k = :k AND (… id > :id))`: no tuple comparison, so
 * the same SQL is right on SQLite and MySQL, and mixed directions work. A nullable key follows the
 * ORDER BY of `orderBy`: NULLs after every value. Parameters are named `<prefix>0`, `<prefix>1`…
 */
export function keysetCondition<T>(
  ordering: Ordering<T>,
  position: Position,
  side: 'after' | 'before',
  inclusive: boolean,
  prefix: string,
): SqlCondition {
  const params: Record<string, unknown> = {};
  // Each key as "strictly beyond" and "equal" fragments, seen in the direction of travel.
  const terms = ordering.keys.map((key, i) => {
    const column = sqlOf(key.sql, ordering.connection);
    const value = position.values[i];
    const ascending = (key.direction === 'ASC') === (side === 'after');
    // Travelling after the cursor, NULLs (sorted last) lie ahead; travelling before it, behind.
    const nullsAhead = side === 'after';
    if (value === null) {
      return { beyond: nullsAhead ? null : `${column} IS NOT NULL`, equal: `${column} IS NULL` };
    }
    const name = `${prefix}${i}`;
    params[name] = value;
    const strictly = `${column} ${ascending ? '>' : '<'} :${name}`;
    return {
      beyond: key.nullable && nullsAhead ? `(${strictly} OR ${column} IS NULL)` : strictly,
      equal: `${column} = :${name}`,
    };
  });
  const idName = `${prefix}id`;
  params[idName] = position.id;
  const idAscending = (ordering.id.direction === 'ASC') === (side === 'after');
  let sql = `${sqlOf(ordering.id.sql, ordering.connection)} ${idAscending ? '>' : '<'}${inclusive ? '=' : ''} :${idName}`;
  for (let i = terms.length - 1; i >= 0; i--) {
    const { beyond, equal } = terms[i];
    const tied = `(${equal} AND ${sql})`;
    sql = beyond === null ? tied : `(${beyond} OR ${tied})`;
  }
  return { sql: terms.length > 0 ? sql : `(${sql})`, params };
}

/** ORDER BY terms of the ordering, or of its reverse (for `last`): `[expression, direction]`. */
export function orderByTerms<T>(ordering: Ordering<T>, reversed: boolean): [string, SortDirection][] {
  const flip = (d: SortDirection): SortDirection => (reversed ? (d === 'ASC' ? 'DESC' : 'ASC') : d);
  const terms: [string, SortDirection][] = [];
  for (const key of ordering.keys) {
    const column = sqlOf(key.sql, ordering.connection);
    if (key.nullable) terms.push([`CASE WHEN ${column} IS NULL THEN 1 ELSE 0 END`, flip('ASC')]);
    terms.push([column, flip(key.direction)]);
  }
  if (!ordering.keysUnique) terms.push([sqlOf(ordering.id.sql, ordering.connection), flip(ordering.id.direction)]);
  return terms;
}

/** Restricts `qb` to what lies strictly after `after` and before `before` under `ordering`. */
export function applyCursorBounds<Q extends ObjectLiteral, T>(
  qb: SelectQueryBuilder<Q>,
  request: PageRequest,
  ordering: Ordering<T>,
): SelectQueryBuilder<Q> {
  if (request.after) {
    const c = keysetCondition(ordering, request.after, 'after', false, 'pgAfter');
    qb.andWhere(c.sql, c.params);
  }
  if (request.before) {
    const c = keysetCondition(ordering, request.before, 'before', false, 'pgBefore');
    qb.andWhere(c.sql, c.params);
  }
  return qb;
}

/**
 * Restricts `qb` to the request's window (after `after`, before `before`), orders it in the
 * direction of travel and reads one row more than the page.
 */
export function applyPageWindow<Q extends ObjectLiteral>(
  qb: SelectQueryBuilder<Q>,
  request: PageRequest,
  ordering: Ordering<never>,
): SelectQueryBuilder<Q> {
  applyCursorBounds(qb, request, ordering);
  qb.orderBy();
  for (const [expression, direction] of orderByTerms(ordering, !request.forward)) qb.addOrderBy(expression, direction);
  return qb.limit(request.size + 1);
}

/**
 * Whether anything lies behind the page: at or before `after` (forwards) or at or after `before`
 * (backwards). One `LIMIT 1` read, only when that cursor was given.
 */
export async function existsBeyond<Q extends ObjectLiteral>(
  qb: SelectQueryBuilder<Q>,
  request: PageRequest,
  ordering: Ordering<never>,
): Promise<boolean> {
  const cursor = request.forward ? request.after : request.before;
  if (!cursor) return false;
  const c = keysetCondition(ordering, cursor, request.forward ? 'before' : 'after', true, 'pgBeyond');
  const row = await qb
    .clone()
    .andWhere(c.sql, c.params)
    .select(sqlOf(ordering.id.sql, ordering.connection), 'pg_id')
    .orderBy()
    .limit(1)
    .getRawOne();
  return row !== undefined && row !== null;
}

/**
 * True when `qb` selects its own entity's columns and nothing else (no joins, no relation ids, no
 * DISTINCT): its SQL can be run as it is, bypassing TypeORM's result transformer.
 */
function isPlain(qb: SelectQueryBuilder<ObjectLiteral>): boolean {
  const map = qb.expressionMap;
  const main = map.mainAlias;
  return Boolean(
    main?.hasMetadata &&
    map.joinAttributes.length === 0 &&
    map.relationIdAttributes.length === 0 &&
    map.selects.length === 1 &&
    map.selects[0].selection === main.name &&
    !map.selectDistinct,
  );
}

/** Runs `read` on the builder's own runner when it was given one (as getMany() does), else on one for this read. */
async function onRunnerOf<R>(qb: SelectQueryBuilder<ObjectLiteral>, read: (runner: QueryRunner) => Promise<R>): Promise<R> {
  const own = (qb as unknown as { queryRunner?: QueryRunner }).queryRunner;
  const runner = own ?? qb.connection.createQueryRunner();
  try {
    return await read(runner);
  } finally {
    if (!own) await runner.release();
  }
}

/**
 * The entities a page's builder selects: its SQL with the row mapper's column list, hydrated by
 * `rowMapper` (common/row-mapper.ts) instead of TypeORM's result transformer, which was most of the
 * CPU of a root page's read. A builder that is not plain (`isPlain`) goes through `getMany()` as before.
 */
async function pageEntities<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<T[]> {
  if (!isPlain(qb)) return qb.getMany();
  const main = qb.expressionMap.mainAlias!;
  const mapper = rowMapper<T>(qb.connection, main.metadata, main.name);
  const [sql, params] = qb.select(mapper.select).getQueryAndParameters();
  return onRunnerOf(qb, (runner) => mappedRows(runner, mapper, sql, params));
}

/**
 * The rows the filter of a page's builder matches (`totalCount`). For a plain builder, the statement
 * TypeORM's `getCount()` sends for it (`COUNT(1)` with no ORDER BY, GROUP BY or limits: without
 * joins no entity's row can repeat), run as it is without TypeORM's runner and result path;
 * `getCount()` itself otherwise.
 */
async function countRows<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<number> {
  if (!isPlain(qb)) return qb.clone().orderBy().getCount();
  const [sql, params] = qb
    .clone()
    .orderBy()
    .groupBy()
    .offset(undefined)
    .limit(undefined)
    .skip(undefined)
    .take(undefined)
    .select('COUNT(1)', 'cnt')
    .setOption('disable-global-order')
    .getQueryAndParameters();
  const rows = await onRunnerOf(qb, (runner) => selectArrays(runner, sql, params));
  return Number(rows[0]?.[0] ?? 0);
}

/**
 * Pages a filtered query builder by keyset under `ordering` (which also sets its ORDER BY): one
 * SELECT of at most `first + 1` (or `last + 1`) rows from the cursor, with a cursor one `LIMIT 1`
 * read for the opposite direction's flag, and one COUNT of the filter only when `totalCount` is read.
 * For a list under each of many parents, use `childPage` (common/child-pages.ts): it batches them.
 */
export async function paginateQuery<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  ordering: Ordering<T>,
): Promise<ConnectionResult<T>> {
  const request = pageRequest(args, ordering);
  const rows = await pageEntities(applyPageWindow(qb.clone(), request, ordering));
  const beyond = await existsBeyond(qb, request, ordering);
  return toConnection(rows, request, ordering, () => countRows(qb), beyond);
}

/**
 * Builds `<Name>Connection` and `<Name>Edge` object types for a node type.
 * Every list in the graph is one of these; none returns an unbounded array.
 */
export function Connection<T extends object>(nodeType: ClassType<T> | object, name: string, nodeDescription: string) {
  @ObjectType(`${name}Edge`, { description: `An edge in a ${name} connection.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this edge: pass it as `after` or `before` to the same list with the same `orderBy`.' })
    cursor: string;

    @Field(() => nodeType, { description: nodeDescription })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionType {
    @Field(() => [Edge], {
      description: "The items of this page, each with its cursor, in the list's order (also when paging backwards with `last`).",
    })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many items match the filter, across all pages.' })
    totalCount: number;
  }
  return ConnectionType;
}
