import { In, type SelectQueryBuilder } from 'typeorm';
import type { ServiceDeps } from '../module';
import { applyPageWindow, type ConnectionResult, existsBeyond, pageRequest, toConnection } from '../../common/pagination';
import { sqlDialect } from '../../db/transaction';
import { Operation } from '../operation/operation.entity';
import { applyFilter, textIn } from '../../common/filters';
import { Project } from '../project/project.entity';
import {
  PORTFOLIO_ORDERINGS,
  type PortfolioArgs,
  type PortfolioFilter,
  PortfolioKind,
  PortfolioOrderBy,
  type PortfolioRow,
} from './portfolio.inputs';

type Item = Operation | Project;

/** Kind rank for ties: operations before projects. */
const RANK: Record<PortfolioKind, number> = { [PortfolioKind.OPERATION]: 0, [PortfolioKind.PROJECT]: 1 };

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

  /** One kind's rows that pass the filter (`kind` itself picks the sources, in `list`). */
  private query(source: Source, filter: PortfolioFilter | undefined): SelectQueryBuilder<Item> {
    const qb = this.deps.dataSource.getRepository(source.entity).createQueryBuilder(source.alias);
    return applyFilter<PortfolioFilter, Item>(qb, filter, { search: textIn(`${source.alias}.name`, `${source.alias}.${source.text}`) });
  }

  /**
   * Operations and projects as one ordered, paged list, by keyset like every connection. Both
   * tables are read as one `UNION ALL` that the database orders and limits, so a cursor compares
   * with both tables under one collation; then the page's rows are loaded by id. Costs a COUNT
   * per kind, one SELECT of at most first+1 (or last+1) rows, one SELECT per kind on the page,
   * and with a cursor one `LIMIT 1` read for the opposite direction's flag.
   */
  async list(args: PortfolioArgs): Promise<ConnectionResult<Item>> {
    const ordering = PORTFOLIO_ORDERINGS[args.orderBy];
    const request = pageRequest(args, ordering);
    const kinds = new Set(args.filter?.kind?.length ? args.filter.kind : [PortfolioKind.OPERATION, PortfolioKind.PROJECT]);
    const sources = SOURCES.filter((s) => kinds.has(s.kind));

    let totalCount = 0;
    for (const s of sources) totalCount += await this.query(s, args.filter).getCount();

    const parts = sources.map((s) =>
      this.query(s, args.filter)
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
