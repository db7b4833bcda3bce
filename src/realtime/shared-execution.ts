import { createSourceEventStream, execute, print, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Context } from '../context';

/** What a subscription's source stream yields (see modules/live): the stream item and its position. */
interface SharedPayload {
  item?: { event?: { streamKey: string; seq: number }; replayed?: boolean };
}

export interface SharedExecutionStats {
  executions: number;
  shared: number;
}

/**
 * graphql-ws runs a subscription's selection once per subscriber per event. With a wall of
 * dashboards watching the same process that means the same resolvers, loaders and SQL a thousand
 * times per sample. This `subscribe` executes each event once per distinct (document, variables
 * without `after`, operation name, roles, replayed) and hands every subscriber of that group the
 * same result object. Results are kept a few seconds, long enough for every subscriber to pull the
 * event, and at most `maxEntries` of them.
 */
export function createSharedSubscribe(options: { maxEntries?: number; ttlMs?: number } = {}) {
  const maxEntries = options.maxEntries ?? 5000;
  const ttlMs = options.ttlMs ?? 10_000;
  const cache = new Map<string, { result: Promise<ExecutionResult>; at: number }>();
  const stats: SharedExecutionStats = { executions: 0, shared: 0 };
  const documentKeys = new WeakMap<object, string>();

  function groupKey(args: ExecutionArgs): string {
    let doc = documentKeys.get(args.document);
    if (!doc) {
      doc = print(args.document);
      documentKeys.set(args.document, doc);
    }
    const { after: _after, ...variables } = (args.variableValues ?? {}) as Record<string, unknown>;
    const roles = [...((args.contextValue as Context | undefined)?.viewer?.roles ?? [])].sort().join(',');
    return `${doc}\u0000${args.operationName ?? ''}\u0000${JSON.stringify(variables)}\u0000${roles}`;
  }

  function evict(now: number) {
    for (const [key, entry] of cache) {
      if (cache.size <= maxEntries && now - entry.at < ttlMs) break;
      cache.delete(key);
    }
  }

  async function subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in (source as object))) return source as ExecutionResult;
    const iterator = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const group = groupKey(args);

    const run = (payload: unknown) => {
      const p = payload as SharedPayload;
      const event = p?.item?.event;
      if (!event) {
        stats.executions++;
        return Promise.resolve(execute({ ...args, rootValue: payload }));
      }
      const key = `${group}\u0000${event.streamKey}:${event.seq}:${p.item!.replayed ? 1 : 0}`;
      const hit = cache.get(key);
      if (hit) {
        stats.shared++;
        return hit.result;
      }
      stats.executions++;
      const result = Promise.resolve(execute({ ...args, rootValue: payload }));
      const now = Date.now();
      cache.set(key, { result, at: now });
      if (cache.size > maxEntries) evict(now);
      return result;
    };

    let failed = false;
    const mapped: AsyncIterableIterator<ExecutionResult> = {
      [Symbol.asyncIterator]: () => mapped,
      async next() {
        if (failed) {
          await iterator.return?.();
          return { value: undefined, done: true };
        }
        const step = await iterator.next();
        if (step.done) return { value: undefined, done: true };
        const result = await run(step.value);
        // An event that could not be resolved (e.g. the database failed) ends the stream after its
        // error: the client resumes from its last cursor and gets the event replayed, never skipped.
        if (result.errors?.length && (result.data == null || Object.values(result.data).every((v) => v == null))) failed = true;
        return { value: result, done: false };
      },
      async return() {
        await iterator.return?.();
        return { value: undefined, done: true };
      },
      async throw(error?: unknown) {
        await iterator.return?.();
        throw error;
      },
    };
    return mapped;
  }

  return { subscribe, stats, clear: () => cache.clear() };
}
