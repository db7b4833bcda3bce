import { In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { ServiceDeps } from '../module';
import {
  applyPageWindow,
  type ConnectionArgs,
  type ConnectionResult,
  existsBeyond,
  type Ordering,
  pageRequest,
  toConnection,
} from '../../common/pagination';
import { sqlDialect } from '../../db/transaction';
import { Operation } from '../operation/operation.entity';
import { containsAny, likePattern } from '../../common/sql';
import { Project } from '../project/project.entity';

export enum PortfolioKind {
  OPERATION = 'OPERATION',
  PROJECT = 'PROJECT',
}

export enum PortfolioOrderBy {
  NAME_ASC = 'NAME_ASC',
  UPDATED_AT_DESC = 'UPDATED_AT_DESC',
}

export interface PortfolioQuery extends ConnectionArgs {
  filter?: { kind?: PortfolioKind[]; search?: string };
  orderBy: PortfolioOrderBy;
}

type Item = Operation | Project;

/** One row of the merged list as SQL orders it: the kind's rank, the row id and the sort key. */
interface PortfolioRow {
  kind: number;
  id: number;
  k: string | Date;
}

/** Kind rank for ties: operations before projects. */
const RANK: Record<PortfolioKind, number> = { [PortfolioKind.OPERATION]: 0, [PortfolioKind.PROJECT]: 1 };

const kind = { sql: 'u.kind', type: 'number', direction: 'ASC', read: (r: PortfolioRow) => r.kind } as const;

/**
 * The order of each `orderBy`, and so what its cursors hold: the sort key, the kind and the id.
 * The key is the value SQL sorted by (`LOWER(name)` as the database lower-cases it), so the
 * cursor's position is exactly where the database put the row, whatever its collation.
 */
export const PORTFOLIO_ORDERINGS: Record<PortfolioOrderBy, Ordering<PortfolioRow>> = {
  [PortfolioOrderBy.NAME_ASC]: {
    connection: 'portfolio',
    name: 'NAME_ASC',
    keys: [{ sql: 'u.k', type: 'string', direction: 'ASC', read: (r) => r.k }, kind],
    id: { sql: 'u.id', direction: 'ASC', read: (r) => r.id },
  },
  [PortfolioOrderBy.UPDATED_AT_DESC]: {
    connection: 'portfolio',
    name: 'UPDATED_AT_DESC',
    keys: [{ sql: 'u.k', type: 'date', direction: 'DESC', read: (r) => r.k }, kind],
    id: { sql: 'u.id', direction: 'DESC', read: (r) => r.id },
  },
};

interface Source {
  kind: PortfolioKind;
  alias: string;
  entity: new () => Item;
  text: string;
}

const SOURCES: Source[] = [
  { kind: PortfolioKind.OPERATION, alias: 'o', entity: Operation, text: 'description' },
  { kind: PortfolioKind.PROJECT, alias: 'p', entity: Project, text: 'goal' },
];

export class PortfolioService {
  constructor(private readonly deps: ServiceDeps) {}

  private query<T extends ObjectLiteral>(
    entity: new () => T,
    alias: string,
    textColumn: string,
    search: string | undefined,
  ): SelectQueryBuilder<T> {
    const qb = this.deps.dataSource.getRepository(entity).createQueryBuilder(alias);
    if (search) qb.andWhere(containsAny([`${alias}.name`, `${alias}.${textColumn}`], 'pattern'), { pattern: likePattern(search) });
    return qb;
  }

  /**
   * Operations and projects as one ordered, paged list, by keyset like every connection. Both
   * tables are read as one `UNION ALL` that the database orders and limits, so a cursor compares
   * with both tables under one collation; then the page's rows are loaded by id. Costs a COUNT
   * per kind, one SELECT of at most first+1 (or last+1) rows, one SELECT per kind on the page,
   * and with a cursor one `LIMIT 1` read for the opposite direction's flag.
   */
  async list(args: PortfolioQuery): Promise<ConnectionResult<Item>> {
    const ordering = PORTFOLIO_ORDERINGS[args.orderBy];
    const request = pageRequest(args, ordering);
    const kinds = new Set(args.filter?.kind?.length ? args.filter.kind : [PortfolioKind.OPERATION, PortfolioKind.PROJECT]);
    const search = args.filter?.search || undefined;
    const sources = SOURCES.filter((s) => kinds.has(s.kind));

    let totalCount = 0;
    for (const s of sources) totalCount += await this.query(s.entity, s.alias, s.text, search).getCount();

    const parts = sources.map((s) =>
      this.query(s.entity, s.alias, s.text, search)
        .select(String(RANK[s.kind]), 'kind')
        .addSelect(`${s.alias}.id`, 'id')
        .addSelect(args.orderBy === PortfolioOrderBy.NAME_ASC ? `LOWER(${s.alias}.name)` : `${s.alias}.updatedAt`, 'k'),
    );
    const merged = this.deps.dataSource
      .createQueryBuilder()
      .select('u.kind', 'kind')
      .addSelect('u.id', 'id')
      .addSelect('u.k', 'k')
      .from(`(${parts.map((p) => p.getQuery()).join(' UNION ALL ')})`, 'u')
      .setParameters(Object.assign({}, ...parts.map((p) => p.getParameters())));

    const dialect = sqlDialect(this.deps.dataSource.manager);
    const raw: { kind: number | string; id: number | string; k: string | Date }[] = await applyPageWindow(
      merged.clone(),
      request,
      ordering,
    ).getRawMany();
    const rows: PortfolioRow[] = raw.map((r) => ({
      kind: Number(r.kind),
      id: Number(r.id),
      k: args.orderBy === PortfolioOrderBy.NAME_ASC ? String(r.k) : dialect.readDate(r.k),
    }));
    const beyond = await existsBeyond(merged, request, ordering);

    const items = new Map<string, Item>();
    for (const s of sources) {
      const ids = rows.filter((r) => r.kind === RANK[s.kind]).map((r) => r.id);
      if (ids.length === 0) continue;
      const found = await this.deps.dataSource.getRepository(s.entity).findBy({ rowId: In(ids) });
      for (const item of found) items.set(`${RANK[s.kind]}:${item.rowId}`, item);
    }
    // A row deleted between the two reads is left out rather than returned as a null node.
    const present = rows.filter((r) => items.has(`${r.kind}:${r.id}`));
    return toConnection(present, request, ordering, totalCount, beyond, (r) => items.get(`${r.kind}:${r.id}`)!);
  }
}
