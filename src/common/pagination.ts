import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { IsOptional, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors';

/** Default and maximum page size of every connection. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `How many items to return, 1–${MAX_PAGE_SIZE}.` })
  @Min(1, { message: `first must be between 1 and ${MAX_PAGE_SIZE}` })
  @Max(MAX_PAGE_SIZE, { message: `first must be between 1 and ${MAX_PAGE_SIZE}` })
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor (an `endCursor` from a previous page).' })
  @IsOptional()
  @MaxLength(64)
  after?: string | null;
}

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page.' })
  hasNextPage: boolean;

  @Field({ description: 'True when items precede this page.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge of this page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after` for the next page.' })
  endCursor: string | null;
}

/** What a connection resolver returns before GraphQL shapes it. */
export interface ConnectionResult<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

const CURSOR_PREFIX = 'cursor:';

/** Cursors are opaque; today they encode a position in the ordered result. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');
}

/** Decodes `after`; throws BAD_USER_INPUT on anything not produced by encodeCursor. */
export function decodeCursor(cursor: string): number {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!raw.startsWith(CURSOR_PREFIX)) throw badInput('after', 'is not a valid cursor');
  const offset = Number(raw.slice(CURSOR_PREFIX.length));
  if (!Number.isSafeInteger(offset) || offset < 0) throw badInput('after', 'is not a valid cursor');
  return offset;
}

function startOf(args: ConnectionArgs): number {
  return args.after ? decodeCursor(args.after) + 1 : 0;
}

/** Shapes one page of `nodes` starting at offset `start` into a connection. */
export function toConnection<T>(nodes: T[], start: number, totalCount: number): ConnectionResult<T> {
  const edges = nodes.map((node, i) => ({ cursor: encodeCursor(start + i), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: start + nodes.length < totalCount,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Pages an ordered query builder: one COUNT and one SELECT with LIMIT/OFFSET. */
export async function paginateQuery<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, args: ConnectionArgs): Promise<ConnectionResult<T>> {
  const start = startOf(args);
  const [nodes, totalCount] = await qb.skip(start).take(args.first).getManyAndCount();
  return toConnection(nodes, start, totalCount);
}

/** Pages an already-loaded, already-ordered list (children fetched by a loader). */
export function paginateArray<T>(items: readonly T[], args: ConnectionArgs): ConnectionResult<T> {
  const start = startOf(args);
  return toConnection(items.slice(start, start + args.first), start, items.length);
}

/**
 * Builds `<Name>Connection` and `<Name>Edge` object types for a node type.
 * Every list in the graph is one of these; none returns an unbounded array.
 */
export function Connection<T extends object>(nodeType: ClassType<T> | object, name: string, nodeDescription: string) {
  @ObjectType(`${name}Edge`, { description: `An edge in a ${name} connection.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this edge.' })
    cursor: string;

    @Field(() => nodeType, { description: nodeDescription })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionType {
    @Field(() => [Edge], { description: 'The items of this page, each with its cursor.' })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many items match the filter, across all pages.' })
    totalCount: number;
  }
  return ConnectionType;
}
