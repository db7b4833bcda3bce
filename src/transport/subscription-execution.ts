import { createSourceEventStream, execute, GraphQLError, print, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Context, LiveSocket } from '../context';
import { isPushable, type PushableStream } from '../realtime/live-iterator';

/** What a subscription's source stream yields (see modules/live): the stream item and its position. */
interface SharedPayload {
  item?: { event?: { streamKey: string; seq: number }; replayed?: boolean };
}

export interface SharedExecutionStats {
  executions: number;
  shared: number;
}

/** One event's result for one group of identical subscriptions, shared by all of them. */
interface Entry {
  promise: Promise<ExecutionResult>;
  /** Null until the execution settles. */
  result: ExecutionResult | null;
  /** The result as JSON, serialised once for every subscriber; null when it has errors (masked per request). */
  json: string | null;
  /** Direct streams whose oldest unwritten entry this is, resumed when it settles. */
  waiters: DirectStream[];
  at: number;
}

/** Identical subscriptions (same document, variables without `after`, operation name, roles). */
interface Group {
  key: string;
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
}

/**
 * graphql-ws runs a subscription's selection once per subscriber per event. With a wall of
 * dashboards watching the same process that means the same resolvers, loaders and SQL a thousand
 * times per sample. This `subscribe` executes each event once per distinct (document, variables
 * without `after`, operation name, roles, replayed) and hands every subscriber of that group the
 * same result object. Results are kept a few seconds, long enough for every subscriber to pull the
 * event, and at most `maxEntries` of them.
 *
 * For live streams that can push (see `PushableStream`) on a socket that can take pre-built frames,
 * it goes further: the shared result is serialised once and written straight to each subscriber's
 * socket as the event arrives (see `DirectStream`), instead of through graphql-ws's per-subscriber
 * iteration, hook and `JSON.stringify`.
 */
export function createSharedSubscribe(options: SharedSubscribeOptions = {}) {
  const maxEntries = options.maxEntries ?? 5000;
  const ttlMs = options.ttlMs ?? 10_000;
  const onDelivered = options.onDelivered ?? (() => undefined);
  const cache = new Map<string, Entry>();
  const groups = new Map<string, Group>();
  const stats: SharedExecutionStats = { executions: 0, shared: 0 };
  const documentKeys = new WeakMap<object, string>();
  let nextGroupId = 1;

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

  function joinGroup(key: string): Group {
    let group = groups.get(key);
    if (!group) {
      // Ids are never reused, so cache entries of a group that emptied cannot reach a new one.
      group = { key, id: nextGroupId++, subscribers: 0, last: null };
      groups.set(key, group);
    }
    group.subscribers++;
    return group;
  }

  function leaveGroup(group: Group): void {
    if (--group.subscribers === 0 && groups.get(group.key) === group) groups.delete(group.key);
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
    stats.executions++;
    const entry: Entry = { promise: null as unknown as Promise<ExecutionResult>, result: null, json: null, waiters: [], at: Date.now() };
    entry.promise = new Promise<ExecutionResult>((resolve) => resolve(execute({ ...args, rootValue: payload }))).catch(
      (error: unknown) => ({
        errors: [
          error instanceof GraphQLError
            ? error
            : new GraphQLError((error as Error)?.message ?? String(error), { originalError: error as Error }),
        ],
      }),
    );
    void entry.promise.then((result) => settle(entry, result));
    return entry;
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
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in (source as object))) return source as ExecutionResult;
    const iterator = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    // Only the group keeps its key: each subscriber's own copy (a long concatenated string) is dropped.
    const group = joinGroup(groupKey(args));
    const socket = (args.contextValue as Context | undefined)?.socket;
    const entryOf = (payload: unknown) => entryFor(args, group, payload);
    const leave = () => leaveGroup(group);
    if (socket && isPushable(iterator)) return new DirectStream(iterator, socket, entryOf, onDelivered, leave);
    return pulledStream(iterator, entryOf, leave);
  }

  return { subscribe, stats, clear: () => cache.clear() };
}

/** The result as JSON, or null when it cannot be serialised: graphql-ws then handles it as before (and closes with 4500). */
function serialise(result: ExecutionResult): string | null {
  try {
    return JSON.stringify(result);
  } catch {
    return null;
  }
}

/**
 * An event that could not be resolved (e.g. the database failed) ends the stream after its error:
 * the client resumes from its last cursor and gets the event replayed, never skipped.
 */
function endsStream(result: ExecutionResult): boolean {
  return Boolean(result.errors?.length) && (result.data == null || Object.values(result.data).every((v) => v == null));
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

/**
 * The direct path for one subscriber. graphql-ws awaits this iterator's next(); meanwhile live items
 * arrive through the source's sink, and each shared result is written to the socket as a pre-built
 * `next` frame the moment it is ready, in stream order, with no promise per subscriber. next()
 * resolves only when graphql-ws must act: a result with errors (its onNext masks them with this
 * operation's request id; later results wait until graphql-ws asks for more, so order holds), the
 * end of the stream (graphql-ws sends `complete`), or a failure (graphql-ws sends `error`).
 * Replayed items are pulled one at a time, as before, and written the same way.
 */
class DirectStream implements AsyncIterableIterator<ExecutionResult> {
  /** Accepted entries, oldest first, not yet written or handed to graphql-ws. */
  private readonly pending: Entry[] = [];
  /** The entry this stream is registered to wait on (its oldest pending one, still executing). */
  private waitingOn: Entry | null = null;
  /** graphql-ws waiting in next(). */
  private resolveNext: ((step: IteratorResult<ExecutionResult>) => void) | null = null;
  private rejectNext: ((error: unknown) => void) | null = null;
  /** A source next() is running (while the source pushes, it stays pending until the stream ends). */
  private pulling = false;
  private ended = false;
  private failure: { error: unknown } | null = null;
  private failed = false;
  private closed = false;

  constructor(
    private readonly source: PushableStream<unknown>,
    private readonly socket: LiveSocket,
    private readonly entryOf: (payload: unknown) => Entry,
    private readonly delivered: (count: number) => void,
    private readonly leave: () => void,
  ) {
    source.pushTo((payload) => this.accept(payload));
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.failed || this.closed) return this.return();
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.resolveNext = resolve;
      this.rejectNext = reject;
      const written = this.flush(true);
      if (written > 0) this.delivered(written);
    });
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    if (!this.closed) {
      this.closed = true;
      this.pending.length = 0;
      this.leave();
      this.handOn({ value: undefined, done: true });
      await this.source.return?.();
    }
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<ExecutionResult>> {
    await this.return();
    throw error;
  }

  /** Called by an entry this stream waited on once it settled; returns the frames written. */
  resume(entry: Entry): number {
    if (this.waitingOn !== entry) return 0;
    this.waitingOn = null;
    return this.flush(true);
  }

  /** The source's sink: takes a live item; returns how many are pending (the source's slow-consumer rule). */
  private accept(payload: unknown): number {
    if (this.closed || this.failed) return 0;
    this.pending.push(this.entryOf(payload));
    if (this.pending.length === 1) {
      const written = this.flush(false);
      if (written > 0) this.delivered(written);
    }
    return this.pending.length;
  }

  /**
   * Writes what is ready and, with `pull`, asks the source for more when idle; returns the frames
   * written. It runs inside the hub's and an execution's loops over many subscribers: if it throws,
   * only this subscription fails (graphql-ws sends the error), its stream unregisters, and the loop
   * goes on to the others. (No closure per call: this is the per-subscriber, per-event path.)
   */
  private flush(pull: boolean): number {
    try {
      const written = this.advance();
      if (pull) this.pullIfIdle();
      return written;
    } catch (error) {
      this.fail(error);
      return 0;
    }
  }

  private fail(error: unknown): void {
    const reject = this.rejectNext;
    this.resolveNext = this.rejectNext = null;
    this.failure = { error };
    void this.return();
    reject?.(error);
  }

  /** Writes settled entries in order; stops at one still executing, or hands an errored one on. */
  private advance(): number {
    let written = 0;
    while (this.pending.length > 0 && !this.closed && !this.failed) {
      const head = this.pending[0];
      if (head.result === null) {
        if (this.waitingOn !== head) {
          this.waitingOn = head;
          head.waiters.push(this);
        }
        break;
      }
      if (head.json !== null) {
        this.pending.shift();
        if (this.socket.sendNext(head.json)) written++;
        continue;
      }
      // Errors are masked per request (formatError with this operation's request id) by
      // graphql-ws's onNext: hand this result over; the rest waits until graphql-ws asks again.
      if (!this.resolveNext) break;
      this.pending.shift();
      if (endsStream(head.result)) this.failed = true;
      this.handOn({ value: head.result, done: false });
      break;
    }
    return written;
  }

  /** With nothing pending and graphql-ws waiting, asks the source for more (it may then push instead). */
  private pullIfIdle(): void {
    if (this.pulling || this.pending.length > 0 || !this.resolveNext || this.closed || this.failed) return;
    this.pulling = true;
    this.source.next().then(
      (step) => {
        this.pulling = false;
        if (step.done) {
          this.ended = true;
          this.handOn({ value: undefined, done: true });
          return;
        }
        this.accept(step.value);
        this.pullIfIdle();
      },
      (error: unknown) => {
        this.pulling = false;
        this.fail(error);
      },
    );
  }

  private handOn(step: IteratorResult<ExecutionResult>): void {
    const resolve = this.resolveNext;
    this.resolveNext = this.rejectNext = null;
    resolve?.(step);
  }
}
