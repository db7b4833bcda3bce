import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ServiceDeps } from '../../services';
import { type ConnectionArgs, type ConnectionResult, decodeCursor, toConnection } from '../../common/pagination';
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

/** Kind rank for ties: operations before projects. */
const rank = (item: Item) => (item instanceof Operation ? 0 : 1);

/** The same order the SQL below produces, for merging the two lists. */
const COMPARE: Record<PortfolioOrderBy, (a: Item, b: Item) => number> = {
  [PortfolioOrderBy.NAME_ASC]: (a, b) => {
    const x = a.name.toLowerCase();
    const y = b.name.toLowerCase();
    return x < y ? -1 : x > y ? 1 : rank(a) - rank(b) || a.rowId - b.rowId;
  },
  [PortfolioOrderBy.UPDATED_AT_DESC]: (a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || rank(a) - rank(b) || b.rowId - a.rowId,
};

export class PortfolioService {
  constructor(private readonly deps: ServiceDeps) {}

  private query<T extends ObjectLiteral>(entity: new () => T, alias: string, textColumn: string, search: string | undefined): SelectQueryBuilder<T> {
    const qb = this.deps.dataSource.getRepository(entity).createQueryBuilder(alias);
    if (search) qb.andWhere(containsAny([`${alias}.name`, `${alias}.${textColumn}`], 'pattern'), { pattern: likePattern(search) });
    return qb;
  }

  private ordered<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, orderBy: PortfolioOrderBy): SelectQueryBuilder<T> {
    if (orderBy === PortfolioOrderBy.NAME_ASC) return qb.orderBy(`LOWER(${alias}.name)`, 'ASC').addOrderBy(`${alias}.id`, 'ASC');
    return qb.orderBy(`${alias}.updatedAt`, 'DESC').addOrderBy(`${alias}.id`, 'DESC');
  }

  /**
   * Operations and projects as one ordered, paged list. Costs two COUNTs and two SELECTs of at
   * most offset+first rows each (both tables ordered the same way), merged and sliced: never a
   * whole table. The merge only ever compares list heads, so a page is a prefix-stable slice even
   * where the database collation and the JS comparison disagree on exotic characters.
   */
  async list(args: PortfolioQuery): Promise<ConnectionResult<Item>> {
    const start = args.after ? decodeCursor(args.after) + 1 : 0;
    const limit = start + args.first;
    const kinds = new Set(args.filter?.kind?.length ? args.filter.kind : [PortfolioKind.OPERATION, PortfolioKind.PROJECT]);
    const search = args.filter?.search || undefined;

    const sources: { alias: string; entity: new () => Item; text: string }[] = [];
    if (kinds.has(PortfolioKind.OPERATION)) sources.push({ alias: 'o', entity: Operation, text: 'description' });
    if (kinds.has(PortfolioKind.PROJECT)) sources.push({ alias: 'p', entity: Project, text: 'goal' });

    const results = await Promise.all(sources.map(async (s) => {
      const [count, rows] = await Promise.all([
        this.query(s.entity, s.alias, s.text, search).getCount(),
        this.ordered(this.query(s.entity, s.alias, s.text, search), s.alias, args.orderBy).limit(limit).getMany(),
      ]);
      return { count, rows };
    }));

    const compare = COMPARE[args.orderBy];
    const lists = results.map((r) => r.rows);
    const merged: Item[] = [];
    const heads = lists.map(() => 0);
    while (merged.length < limit) {
      let best = -1;
      for (let i = 0; i < lists.length; i++) {
        if (heads[i] < lists[i].length && (best < 0 || compare(lists[i][heads[i]], lists[best][heads[best]]) < 0)) best = i;
      }
      if (best < 0) break;
      merged.push(lists[best][heads[best]++]);
    }

    const totalCount = results.reduce((sum, r) => sum + r.count, 0);
    return toConnection(merged.slice(start, limit), start, totalCount);
  }
}
