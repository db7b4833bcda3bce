import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral, QueryRunner } from 'typeorm';
import { NEVER_ABORTED, throwIfAborted, type StatementScope } from './abort';
import { fromGlobalId } from './ids';
import { rowsWhereIn } from './row-mapper';

type Order = Record<string, 'ASC' | 'DESC'>;

/**
 * Batches are dispatched from the event loop (setImmediate), not from the microtask queue. With
 * better-sqlite3 every query is synchronous, so without this a response's whole execution is one
 * chain of microtasks: twenty concurrent dashboards ran back to back without letting the event loop
 * read a request, answer /healthz or send a WebSocket ping (1 s+ event-loop stalls under load).
 * It also lets more keys join each batch.
 */
function yieldThen(dispatch: () => void): void {
  setImmediate(dispatch);
}

/**
 * Per-request DataLoaders, created lazily by name. Built fresh for every HTTP request and every
 * WebSocket operation, so a page of 100 processes with their operation and team costs one query per
 * relation, not one per row, and no cache outlives a request.
 */
export class Loaders {
  private readonly cache = new Map<string, DataLoader<unknown, unknown>>();

  /**
   * `nodeTypes`: global-ID type name → entity, for `node()` (every module's, see MODULES).
   * `signal`: the operation's cancellation (see common/abort): no batch starts once it has aborted,
   * and services pass it to their long loops (`Pacer`, `mapPaced`) and check it before their own SQL.
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly nodeTypes: Readonly<Record<string, EntityTarget<ObjectLiteral & { rowId: number }>>> = {},
    readonly signal: AbortSignal = NEVER_ABORTED,
  ) {}

  /** True when reads go to SQLite (hand-written SQL picks its dialect by it). */
  get sqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  /** Throws SERVICE_UNAVAILABLE when the operation was aborted (deadline passed, client gone). */
  checkpoint(): void {
    throwIfAborted(this.signal);
  }

  /**
   * Runs `issue`, SQL of this operation, on a query runner that carries the operation's signal: the
   * statement logger (db/query-counter) refuses each of its statements once the operation has
   * aborted, even one that waited for a pooled connection past the deadline. Give the runner to the
   * query (`qb.setQueryRunner(runner)`, `runner.manager`); its statements run one after another on
   * one connection. Only for reads: a write runs to its commit or rollback.
   */
  async statements<T>(issue: (runner: QueryRunner) => Promise<T>): Promise<T> {
    throwIfAborted(this.signal);
    const runner = this.dataSource.createQueryRunner();
    // SQLite has one shared runner, and runs each statement synchronously as it is issued: no timer
    // or socket event can come between the check above and the statement, so it is not tagged.
    if (this.dataSource.options.type === 'better-sqlite3') return issue(runner);
    runner.data = { signal: this.signal } satisfies StatementScope;
    try {
      return await issue(runner);
    } finally {
      await runner.release();
    }
  }

  /** Any object by its global ID (batched per type); null for an unknown type or a missing row. */
  async node(globalId: string): Promise<ObjectLiteral | null> {
    const decoded = fromGlobalId(globalId);
    const entity = decoded ? this.nodeTypes[decoded.typeName] : undefined;
    return decoded && entity ? this.byId(entity).load(decoded.rowId) : null;
  }

  /** Counts how many batch functions ran (tests and the N+1 benchmark read it). */
  batches = 0;

  /** Any custom batch function, memoised under `key`. `batch` must return one value per key, in order. */
  custom<K, V>(key: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    let loader = this.cache.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(
        async (keys) => {
          // Every batch is at least one statement: none is issued for an operation that has aborted.
          throwIfAborted(this.signal);
          this.batches++;
          return batch(keys);
        },
        { maxBatchSize: 10_000, batchScheduleFn: yieldThen },
      );
      this.cache.set(key, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /**
   * `custom` for a batch that needs one value besides its keys (a window, say): `batch` is a function
   * that lives as long as its owner and gets `arg`, so a call allocates no closure once the loader
   * exists. `arg` is read when the loader is built: everything `key` does not name must not vary.
   */
  customOf<A, K, V>(key: string, arg: A, batch: (arg: A, keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    const existing = this.cache.get(key) as DataLoader<K, V> | undefined;
    return existing ?? this.custom<K, V>(key, (keys) => batch(arg, keys));
  }

  /** Loads entities by row id; missing rows resolve to null. */
  byId<T extends ObjectLiteral & { rowId: number }>(entity: EntityTarget<T>): DataLoader<number, T | null> {
    const metadata = this.dataSource.getMetadata(entity);
    return this.custom<number, T | null>(`byId:${metadata.name}`, async (ids) => {
      const rows = await this.statements((runner) => rowsWhereIn<T>(runner, metadata, 'rowId', ids));
      const byId = new Map(rows.map((row) => [row.rowId, row]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /** Loads all children of each parent (bounded collections: processes, milestones, members), ordered. */
  childrenOf<T extends ObjectLiteral>(entity: EntityTarget<T>, foreignKey: keyof T & string, order: Order): DataLoader<number, T[]> {
    const metadata = this.dataSource.getMetadata(entity);
    const terms = Object.entries(order).map(([property, direction]) => [property, direction] as const);
    return this.custom<number, T[]>(`children:${metadata.name}:${foreignKey}:${JSON.stringify(order)}`, async (parentIds) => {
      const rows = await this.statements((runner) => rowsWhereIn<T>(runner, metadata, foreignKey, parentIds, terms));
      const groups = new Map<number, T[]>(parentIds.map((id) => [id, []]));
      for (const row of rows) groups.get(row[foreignKey] as number)?.push(row);
      return parentIds.map((id) => groups.get(id) ?? []);
    });
  }
}
