import {
  createSourceEventStream,
  execute as executeGraphqlJs,
  getArgumentValues,
  getNamedType,
  getOperationAST,
  GraphQLError,
  Kind,
  print,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { operationAbort, raceAbort } from '../common/abort';
import { ErrorCode } from '../common/errors';
import type { Context } from '../context';
import { isPushable } from '../realtime/live-iterator';
import { DirectStream, endsStream, type SharedResult } from './socket-writer';

/** What a subscription's source stream yields (see modules/live-stream): the stream item and its position. */
interface SharedPayload {
  item?: { event?: { streamKey: string; seq: number }; replayed?: boolean };
}

export interface SharedExecutionStats {
  executions: number;
  shared: number;
  /** The most event executions that ran at once (at most `maxConcurrentExecutions`). */
  peakRunning: number;
  /** The most that waited for their turn at once (at most `maxWaitingExecutions`). */
  peakWaiting: number;
  /** Executions refused because `maxWaitingExecutions` were already waiting. */
  refused: number;
}

/** Event executions waiting for their turn before another is refused, by default (EVENT_EXECUTION_BACKLOG's default). */
export const MAX_WAITING_EVENT_EXECUTIONS = 20_000;

/**
 * Event executions at once, by default: as many as the execution gate lets operations run on
 * MySQL/MariaDB (GRAPHQL_MAX_CONCURRENT_OPERATIONS' default there). More buys nothing on SQLite,
 * whose statements run on the event loop, and little on MySQL/MariaDB beyond overlapping round trips.
 */
export const MAX_CONCURRENT_EVENT_EXECUTIONS = 4;

/** One event's result for one group of identical subscriptions, shared by all of them (and kept a while in the cache). */
interface Entry extends SharedResult {
  promise: Promise<ExecutionResult>;
  /** When the execution started (cache expiry). */
  at: number;
}

/** Identical subscriptions (same document, variables without `after`, operation name, roles). */
interface Group {
  key: string;
  /** The stream it reads (see `streamKeyOf`): its distinct groups are capped. */
  stream: string;
  id: number;
  subscribers: number;
  /** The newest live entry: every subscriber of the group asks for it in turn, so it is checked before the cache. */
  last: { streamKey: string; seq: number; entry: Entry } | null;
}

export interface SharedSubscribeOptions {
  /** Results kept for subscribers that pull an event later (replay, a queue). Default 5000. */
  maxEntries?: number;
  /** How long a result is kept. Default 10 s. */
  ttlMs?: number;
  /** Called with the number of `next` messages written directly to sockets (batched per event). Default: nothing. */
  onDelivered?: (count: number) => void;
  /**
   * Distinct groups (documents) open at once on one stream; a subscription that would open one more
   * is refused with TOO_MANY_SUBSCRIPTION_DOCUMENTS (an identical one joins its group). SUBSCRIPTION_MAX_DOCUMENTS_PER_STREAM. Default: no cap.
   */
  maxDocumentsPerStream?: number;
  /**
   * Deadline of each event's execution (OPERATION_TIMEOUT_MS; 0: none). Past it the event's result
   * is an error (SERVICE_UNAVAILABLE naming the deadline) and its work stops; the subscription goes on.
   */
  operationTimeoutMs?: number;
  /**
   * Event executions running at once, across every group; the others wait their turn in the order
   * they were asked for, and each one's deadline starts with its turn. A batch of samples is a burst
   * of events (a 500-sample batch, 500 of them): started together, their loaders dispatched in one
   * pass of the event loop and held it for seconds (4.6 s under graphql-js on a slow 2-core
   * machine, long enough for keep-alive timers to reset HTTP requests waiting to be read). Default
   * MAX_CONCURRENT_EVENT_EXECUTIONS.
   */
  maxConcurrentExecutions?: number;
  /**
   * Executions waiting for their turn, across every group, before another is refused instead of
   * queued: the server's backlog of event work, and the memory it holds, stay bounded however fast
   * events arrive. A refused execution's result is SERVICE_UNAVAILABLE with no data, which ends the
   * stream of every subscriber of its group after that error (see `endsStream`): they resume from
   * their last cursor and the event is replayed, never skipped. EVENT_EXECUTION_BACKLOG. Default
   * MAX_WAITING_EVENT_EXECUTIONS.
   */
  maxWaitingExecutions?: number;
  /** Called once per refused execution (metrics). Default: nothing. */
  onRefused?: () => void;
  /**
   * Executes one event for a group, with the event as rootValue: the app's executor (graphql-jit
   * compiles the group's document once, on its second event, and runs that plan for every later
   * event of every group with the same document). Default: graphql-js.
   */
  execute?: (args: ExecutionArgs) => ExecutionResult | Promise<ExecutionResult>;
}

/**
 * graphql-ws runs a subscription's selection once per subscriber per event. With a wall of
 * dashboards watching the same process that means the same resolvers, loaders and SQL a thousand
 * times per sample. This `subscribe` executes each event once per distinct (document, variables
 * without `after`, operation name, roles, replayed) and hands every subscriber of that group the
 * same result object. Results are kept a few seconds, long enough for every subscriber to pull the
 * event, and at most `maxEntries` of them.
 *
 * Each execution runs on a context of its own, built here from the operation's (`Context.renewed`):
 * the same viewer, services, request id and socket, with fresh loaders and a fresh "now", so rows
 * cached for one event never leak into the next, and a subscription's long-lived context is never
 * changed under it. The subscribe phase runs on one too: what it loaded is dropped once it returns.
 * That is one context per event per group, not per subscriber.
 *
 * For live streams that can push (see `PushableStream`) on a socket that can take pre-built frames,
 * it goes further: the shared result is serialised once and written straight to each subscriber's
 * socket as the event arrives (see `DirectStream` in socket-writer.ts), instead of through graphql-ws's per-subscriber
 * iteration, hook and `JSON.stringify`.
 */
export function createSharedSubscribe(options: SharedSubscribeOptions = {}) {
  const maxEntries = options.maxEntries ?? 5000;
  const ttlMs = options.ttlMs ?? 10_000;
  const onDelivered = options.onDelivered ?? (() => undefined);
  const operationTimeoutMs = options.operationTimeoutMs ?? 0;
  const execute = options.execute ?? (executeGraphqlJs as (args: ExecutionArgs) => ExecutionResult | Promise<ExecutionResult>);
  const cache = new Map<string, Entry>();
  const groups = new Map<string, Group>();
  const stats: SharedExecutionStats = { executions: 0, shared: 0, peakRunning: 0, peakWaiting: 0, refused: 0 };
  const maxRunning = Math.max(1, options.maxConcurrentExecutions ?? MAX_CONCURRENT_EVENT_EXECUTIONS);
  const maxWaiting = Math.max(0, options.maxWaitingExecutions ?? MAX_WAITING_EVENT_EXECUTIONS);
  const onRefused = options.onRefused ?? (() => undefined);
  /** Executions running now, and those waiting for a turn (oldest first). */
  let running = 0;
  const waiting: (() => void)[] = [];
  const documentKeys = new WeakMap<object, string>();
  const maxDocumentsPerStream = options.maxDocumentsPerStream ?? Infinity;
  /** Stream key → the keys of its open groups. */
  const streams = new Map<string, Set<string>>();
  let nextGroupId = 1;

  function groupKey(args: GroupArgs): string {
    let doc = documentKeys.get(args.document);
    if (!doc) {
      doc = print(args.document);
      documentKeys.set(args.document, doc);
    }
    const { after: _after, ...variables } = (args.variableValues ?? {}) as Record<string, unknown>;
    const roles = [...(args.roles ?? [])].sort().join(',');
    return `${doc}\u0000${args.operationName ?? ''}\u0000${JSON.stringify(variables)}\u0000${roles}`;
  }

  /**
   * TOO_MANY_SUBSCRIPTION_DOCUMENTS when this subscription would open a new group on a stream that
   * already has `maxDocumentsPerStream` of them; null when it may run (a new group below the cap,
   * or an existing group it joins). Every distinct group executes once per event of the stream, so
   * the cap bounds a stream's per-event work at the cap × SUBSCRIPTION_MAX_EVENT_COMPLEXITY.
   */
  function documentRefusal(args: GroupArgs): GraphQLError | null {
    if (!Number.isFinite(maxDocumentsPerStream)) return null;
    const key = groupKey(args);
    if (groups.has(key)) return null;
    const stream = streamKeyOf(args);
    const open = streams.get(stream)?.size ?? 0;
    if (open < maxDocumentsPerStream) return null;
    return new GraphQLError(
      `This stream already has ${maxDocumentsPerStream} different subscription documents open, the maximum: subscribe with one of the documents in use, or fewer variants`,
      { extensions: { code: 'TOO_MANY_SUBSCRIPTION_DOCUMENTS', retryable: false, max: maxDocumentsPerStream } },
    );
  }

  function joinGroup(key: string, stream: string): Group {
    let group = groups.get(key);
    if (!group) {
      // Ids are never reused, so cache entries of a group that emptied cannot reach a new one.
      group = { key, stream, id: nextGroupId++, subscribers: 0, last: null };
      groups.set(key, group);
      let keys = streams.get(stream);
      if (!keys) streams.set(stream, (keys = new Set()));
      keys.add(key);
    }
    group.subscribers++;
    return group;
  }

  function leaveGroup(group: Group): void {
    if (--group.subscribers === 0 && groups.get(group.key) === group) {
      groups.delete(group.key);
      const keys = streams.get(group.stream);
      keys?.delete(group.key);
      if (keys?.size === 0) streams.delete(group.stream);
    }
  }

  function evict(now: number) {
    for (const [key, entry] of cache) {
      if (cache.size <= maxEntries && now - entry.at < ttlMs) break;
      cache.delete(key);
    }
  }

  function settle(entry: Entry, result: ExecutionResult): void {
    entry.result = result;
    entry.json = result.errors?.length ? null : serialise(result);
    const waiters = entry.waiters;
    entry.waiters = [];
    let written = 0;
    for (const stream of waiters) written += stream.resume(entry);
    if (written > 0) onDelivered(written);
  }

  function startExecution(args: ExecutionArgs, payload: unknown): Entry {
    const entry: Entry = { promise: null as unknown as Promise<ExecutionResult>, result: null, json: null, waiters: [], at: Date.now() };
    if (running >= maxRunning && waiting.length >= maxWaiting) {
      // Settled at once, like any result: its subscribers write what came before it, then get this
      // error and their streams end; they resume from their last cursor.
      stats.refused++;
      onRefused();
      entry.promise = Promise.resolve(backlogFull(maxWaiting));
      void entry.promise.then((result) => settle(entry, result));
      return entry;
    }
    stats.executions++;
    entry.promise = inTurn(() => executeEvent(args, payload));
    void entry.promise.then((result) => settle(entry, result));
    return entry;
  }

  /**
   * Runs `task` now if fewer than `maxRunning` executions are running, else when its turn comes (in
   * the order asked). A waiting task starts on a later pass of the event loop (setImmediate), so a
   * burst of events gives timers, sockets and other requests their turn between executions.
   */
  function inTurn(task: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
    return new Promise((resolve) => {
      // Runs in a place already counted in `running`; a finished task hands its place straight to
      // the next waiting one, so a task asked for meanwhile cannot overtake it.
      const run = () => {
        if (running > stats.peakRunning) stats.peakRunning = running;
        void task()
          .then(resolve)
          .finally(() => {
            const next = waiting.shift();
            if (next) setImmediate(next);
            else running--;
          });
      };
      if (running < maxRunning) {
        running++;
        run();
      } else {
        waiting.push(run);
        if (waiting.length > stats.peakWaiting) stats.peakWaiting = waiting.length;
      }
    });
  }

  /** One event's execution for a group; never rejects (a failure is a result with errors). */
  function executeEvent(args: ExecutionArgs, payload: unknown): Promise<ExecutionResult> {
    // Each execution has a deadline of its own. Not its operation's signal: the result is shared by
    // the whole group, so one subscriber's socket closing must not cancel it for the others.
    const operationContext = args.contextValue as Context | undefined;
    const abort = operationAbort(operationTimeoutMs);
    const contextValue = operationContext ? operationContext.renewed(undefined, abort.signal) : operationContext;
    const work = new Promise<ExecutionResult>((resolve) => resolve(execute({ ...args, contextValue, rootValue: payload })));
    return raceAbort(work, abort.signal, (reason) => ({
      errors: [reason instanceof GraphQLError ? reason : new GraphQLError('The event was not executed: its operation was cancelled')],
    }))
      .catch((error: unknown) => ({
        errors: [
          error instanceof GraphQLError
            ? error
            : new GraphQLError((error as Error)?.message ?? String(error), { originalError: error as Error }),
        ],
      }))
      .finally(() => abort.dispose());
  }

  /** The shared entry of an event for a group: the group's newest, a cached one, or a new execution. */
  function entryFor(args: ExecutionArgs, group: Group, payload: unknown): Entry {
    const p = payload as SharedPayload;
    const event = p?.item?.event;
    if (!event) return startExecution(args, payload);
    const replayed = Boolean(p.item!.replayed);
    const last = group.last;
    if (!replayed && last && last.seq === event.seq && last.streamKey === event.streamKey) {
      stats.shared++;
      return last.entry;
    }
    const key = `${group.id}\u0000${event.streamKey}:${event.seq}:${replayed ? 1 : 0}`;
    let entry = cache.get(key);
    if (entry) {
      stats.shared++;
    } else {
      entry = startExecution(args, payload);
      cache.set(key, entry);
      if (cache.size > maxEntries) evict(entry.at);
    }
    if (!replayed) group.last = { streamKey: event.streamKey, seq: event.seq, entry };
    return entry;
  }

  async function subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const operationContext = args.contextValue as Context | undefined;
    const grouping: GroupArgs = { ...args, roles: operationContext?.viewer?.roles };
    const crowded = documentRefusal(grouping);
    if (crowded) return { errors: [crowded] };
    const source = await createSourceEventStream({ ...args, contextValue: renewed(operationContext, operationContext?.now) });
    if (!(Symbol.asyncIterator in (source as object))) return source as ExecutionResult;
    const iterator = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    // Checked again now that the source is open: others may have opened groups meanwhile.
    const late = documentRefusal(grouping);
    if (late) {
      await iterator.return?.();
      return { errors: [late] };
    }
    // Only the group keeps its key: each subscriber's own copy (a long concatenated string) is dropped.
    const group = joinGroup(groupKey(grouping), streamKeyOf(grouping));
    const socket = operationContext?.socket;
    const entryOf = (payload: unknown) => entryFor(args, group, payload);
    const leave = () => leaveGroup(group);
    if (socket && isPushable(iterator)) return new DirectStream(iterator, socket, entryOf, onDelivered, leave);
    return pulledStream(iterator, entryOf, leave);
  }

  return {
    subscribe,
    stats,
    clear: () => cache.clear(),
    /** For onSubscribe: the refusal a subscription would get for opening one document too many on its stream, or null. */
    documentRefusal,
    /** Open groups per stream key (tests, metrics). */
    documentsPerStream: () => new Map([...streams].map(([stream, keys]) => [stream, keys.size])),
  };
}

/** The result of an event whose execution was refused: the server's backlog of event executions is full. */
function backlogFull(maxWaiting: number): ExecutionResult {
  return {
    errors: [
      new GraphQLError(
        `The server has ${maxWaiting} events waiting to be executed for subscriptions, the most it holds: this one was not executed. Resume from your last cursor (after) to receive it`,
        { extensions: { code: ErrorCode.ServiceUnavailable, retryable: true, backlog: maxWaiting } },
      ),
    ],
  };
}

/** What identifies a group of identical subscriptions: the operation and the subscriber's roles. */
export interface GroupArgs {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
  roles?: readonly string[] | null;
}

/**
 * The stream a subscription reads, for the per-stream cap: its root field and the values of its ID
 * arguments (`throughputUpdated` + operationId or processId, `projectProgressUpdated` + projectId,
 * `alertRaised` + its filters). Other arguments (`after`, `windowMinutes`, severity) only change
 * what each event computes, so variants of them count as distinct documents of the same stream.
 */
export function streamKeyOf(args: GroupArgs): string {
  const operation = getOperationAST(args.document, args.operationName ?? undefined);
  const field = operation?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  if (!field || field.kind !== Kind.FIELD) return '';
  const def = args.schema.getSubscriptionType()?.getFields()[field.name.value];
  if (!def) return field.name.value;
  let values: Record<string, unknown> = {};
  try {
    values = getArgumentValues(def, field, (args.variableValues ?? {}) as Record<string, unknown>);
  } catch {
    values = {};
  }
  const ids = def.args
    .filter((a) => getNamedType(a.type).name === 'ID' && values[a.name] != null)
    .map((a) => `${a.name}=${String(values[a.name])}`)
    .sort();
  return [field.name.value, ...ids].join('\u0000');
}

/** A new context for one piece of work of an operation (see `Context.renewed`); the same value when there is no context. */
function renewed(operationContext: unknown, now?: Date): unknown {
  return operationContext ? (operationContext as Context).renewed(now) : operationContext;
}

/** The result as JSON, or null when it cannot be serialised: graphql-ws then handles it as before (and closes with 4500). */
function serialise(result: ExecutionResult): string | null {
  try {
    return JSON.stringify(result);
  } catch {
    return null;
  }
}

/** The plain path: graphql-ws pulls each result and sends it itself. */
function pulledStream(
  iterator: AsyncIterator<unknown>,
  entryOf: (payload: unknown) => Entry,
  leave: () => void,
): AsyncIterableIterator<ExecutionResult> {
  let failed = false;
  let left = false;
  const stop = async () => {
    if (!left) leave();
    left = true;
    await iterator.return?.();
  };
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    [Symbol.asyncIterator]: () => mapped,
    async next() {
      if (failed) {
        await stop();
        return { value: undefined, done: true };
      }
      const step = await iterator.next();
      if (step.done) return { value: undefined, done: true };
      const result = await entryOf(step.value).promise;
      if (endsStream(result)) failed = true;
      return { value: result, done: false };
    },
    async return() {
      await stop();
      return { value: undefined, done: true };
    },
    async throw(error?: unknown) {
      await stop();
      throw error;
    },
  };
  return mapped;
}
