import { performance } from 'node:perf_hooks';
import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors';

/**
 * Cancellation of one operation (an HTTP request, a WebSocket query or mutation, one event of a
 * subscription). The transport gives every operation an `AbortSignal` (`Context.signal`, and
 * `Loaders.signal` for services); it aborts at the operation's deadline (OPERATION_TIMEOUT_MS) or
 * when its client goes away. Long work checks it between steps and yields to the event loop, so a
 * deadline can fire while the work runs and nothing keeps running once it has.
 */

/** The operation passed its deadline: SERVICE_UNAVAILABLE naming the deadline (`extensions.deadlineMs`). */
export class DeadlineExceededError extends GraphQLError {
  constructor(readonly deadlineMs: number) {
    super(`The operation exceeded its deadline of ${deadlineMs} ms`, {
      extensions: { code: ErrorCode.ServiceUnavailable, deadlineMs },
    });
  }
}

/** The client went away (closed the connection, completed the operation) before the answer. */
export class OperationCancelledError extends GraphQLError {
  constructor(reason = 'the client went away') {
    super(`The operation was cancelled: ${reason}`, { extensions: { code: ErrorCode.ServiceUnavailable, cancelled: true } });
  }
}

/** True when `error` is (or wraps) the error a deadline aborts an operation with. */
export function isDeadlineError(error: unknown): boolean {
  if (error instanceof DeadlineExceededError) return true;
  const original = (error as { originalError?: unknown } | null)?.originalError;
  if (original instanceof DeadlineExceededError) return true;
  const extensions = (error as { extensions?: Record<string, unknown> } | null)?.extensions;
  return extensions?.code === ErrorCode.ServiceUnavailable && typeof extensions?.deadlineMs === 'number';
}

/** A signal that never aborts: the default of work that runs outside any operation (background jobs, tests). */
export const NEVER_ABORTED: AbortSignal = new AbortController().signal;

/** Throws the reason `signal` was aborted with (a GraphQLError, SERVICE_UNAVAILABLE), if it was. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  const reason: unknown = signal.reason;
  throw reason instanceof GraphQLError ? reason : new OperationCancelledError();
}

/**
 * An operation's cancellation signal, made for every request and every subscription execution:
 * an EventTarget with what an AbortSignal is (`aborted`, `reason`, `throwIfAborted()`, `onabort`,
 * an 'abort' event once). Node 20's own AbortSignal costs ≈ 4.6 µs to make and ≈ 6 µs more for
 * its first 'abort' listener, a few per cent of a small request (the `{ __typename }` floor takes
 * ≈ 140 µs here); this one ≈ 0.4 µs with a listener. It lives inside this app only: no Node API
 * is handed one (they would need the real class; `AbortSignal.any` does).
 */
class OperationSignal extends EventTarget {
  aborted = false;
  reason: unknown = undefined;
  onabort: ((this: AbortSignal, event: Event) => unknown) | null = null;

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }

  /** Aborts once: sets `aborted` and `reason`, then calls `onabort` and the 'abort' listeners. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const event = new Event('abort');
    this.onabort?.call(this as unknown as AbortSignal, event);
    this.dispatchEvent(event);
  }
}

/** A signal and the function that aborts it (what an AbortController gives, cheaper: see OperationSignal). */
export function operationSignal(): { signal: AbortSignal; abort(reason: unknown): void } {
  const signal = new OperationSignal();
  return { signal: signal as unknown as AbortSignal, abort: (reason) => signal.abort(reason) };
}

/** An operation's cancellation: its signal, `abort(reason)`, and `dispose()` to stop its timer once the operation is over. */
export interface OperationAbort {
  readonly signal: AbortSignal;
  abort(reason: Error): void;
  /** Clears the deadline timer and the link to the parent (the operation finished); does not abort. */
  dispose(): void;
}

/**
 * A cancellation for one operation: aborted with a DeadlineExceededError after `deadlineMs` (none
 * when 0), with the parent's reason when `parent` aborts, or by `abort()`. The timer is unref'd.
 */
export function operationAbort(deadlineMs: number, parent?: AbortSignal): OperationAbort {
  const controller = operationSignal();
  let timer: NodeJS.Timeout | null = null;
  const onParent = () => abort(parent!.reason instanceof Error ? parent!.reason : new OperationCancelledError());
  function dispose() {
    if (timer) clearTimeout(timer);
    timer = null;
    parent?.removeEventListener('abort', onParent);
  }
  function abort(reason: Error) {
    dispose();
    if (!controller.signal.aborted) controller.abort(reason);
  }
  if (parent?.aborted) onParent();
  else {
    parent?.addEventListener('abort', onParent, { once: true });
    if (deadlineMs > 0) {
      timer = setTimeout(() => abort(new DeadlineExceededError(deadlineMs)), deadlineMs);
      timer.unref();
    }
  }
  return { signal: controller.signal, abort, dispose };
}

/**
 * Settles with `work`, or with `onAbort(reason)` as soon as `signal` aborts, whichever comes first
 * (the work itself stops on its own when it next checks the signal).
 */
export function raceAbort<T>(work: Promise<T> | T, signal: AbortSignal, onAbort: (reason: unknown) => T): Promise<T> {
  if (signal.aborted) return Promise.resolve(onAbort(signal.reason));
  return new Promise<T>((resolve, reject) => {
    const listener = () => resolve(onAbort(signal.reason));
    signal.addEventListener('abort', listener, { once: true });
    Promise.resolve(work).then(
      (value) => {
        signal.removeEventListener('abort', listener);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', listener);
        reject(error);
      },
    );
  });
}

/**
 * What a TypeORM query runner carries in its `data` for the statement logger (db/query-counter):
 * the signal of the operation its statements are issued for (see `Loaders.statements`). Carried
 * explicitly, not in an AsyncLocalStorage, whose promise hooks would run on every promise.
 */
export interface StatementScope {
  signal?: AbortSignal;
}

/** Throws when a statement about to be sent belongs to an aborted operation (its runner's `data`, see `StatementScope`). */
export function checkStatement(runnerData: unknown): void {
  throwIfAborted((runnerData as StatementScope | undefined)?.signal);
}

/** How long a stretch of synchronous work may run before it yields to the event loop. */
export const SLICE_MS = 8;

/**
 * One slice for the whole process, not one per loop: three hundred trends paced on their own would
 * each run a slice in the same turn of the event loop (setImmediate callbacks queued together run
 * together), seconds without reading a socket. Paced work waits in one queue instead, and each turn
 * of the event loop resumes one waiter, which then has the slice to itself; /healthz, pings and
 * other requests are read between turns.
 */
let sliceStart = performance.now();
/** When a paced loop last asked whether the slice is spent. */
let lastAsked = sliceStart;
const waiting: (() => void)[] = [];
let scheduled = false;

/**
 * True when the current slice has run `sliceMs`. A new slice starts when `fresh` work (a loop's
 * first step, a one-off step) finds nothing waiting for a turn and no paced work asked for over a
 * millisecond (the event loop was free meanwhile): a lone request does not wait for a turn it does
 * not need. A loop's later steps never start a slice, however long each step takes.
 */
function sliceSpent(fresh: boolean, sliceMs = SLICE_MS): boolean {
  const now = performance.now();
  if (fresh && !scheduled && now - lastAsked > 1) sliceStart = now;
  lastAsked = now;
  return now - sliceStart >= sliceMs;
}

function resumeOne(): void {
  scheduled = false;
  const next = waiting.shift();
  // Scheduled from inside this callback, the next resume runs in the next turn, after I/O is polled.
  if (waiting.length > 0) schedule();
  sliceStart = lastAsked = performance.now();
  next?.();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(resumeOne);
}

/** Resolves in a later turn of the event loop, once every paced loop that yielded before has had its slice. */
function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    schedule();
  });
}

/**
 * A pacer for a long loop: `await pace.tick()` (or `if (pace.due()) await pace.yield()` in a hot
 * loop) yields to the event loop once the current slice has run `sliceMs` (the slice is shared by
 * all paced work, see `nextTurn`), so /healthz, pings and other requests get their turn, and throws
 * when `signal` has aborted.
 */
export class Pacer {
  private fresh = true;

  constructor(
    readonly signal: AbortSignal | undefined,
    private readonly sliceMs = SLICE_MS,
  ) {
    throwIfAborted(signal);
  }

  /** True when the slice is spent. */
  due(): boolean {
    const fresh = this.fresh;
    this.fresh = false;
    return sliceSpent(fresh, this.sliceMs);
  }

  /** Yields to the event loop now, then throws if the signal aborted meanwhile. */
  async yield(): Promise<void> {
    await nextTurn();
    throwIfAborted(this.signal);
  }

  /** Yields when the slice is spent; otherwise returns at once (still throwing when aborted). */
  async tick(): Promise<void> {
    if (this.due()) return this.yield();
    throwIfAborted(this.signal);
  }
}

/**
 * One step of work among many that resume together (a page of processes whose SQL answered at
 * once): yields to the event loop first when the shared slice is spent; throws when `signal` aborted.
 */
export async function yieldIfDue(signal: AbortSignal | undefined): Promise<void> {
  if (sliceSpent(true)) await nextTurn();
  throwIfAborted(signal);
}

/** `items.map(fn)` that yields to the event loop every few milliseconds and stops when `signal` aborts. */
export async function mapPaced<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => R,
  signal: AbortSignal | undefined,
): Promise<R[]> {
  const pace = new Pacer(signal);
  const out = new Array<R>(items.length);
  for (let i = 0; i < items.length; i++) {
    if (pace.due()) await pace.yield();
    out[i] = fn(items[i], i);
  }
  throwIfAborted(signal);
  return out;
}

/** `Array.from({ length }, (_, i) => fn(i))` that yields to the event loop every few milliseconds and stops when `signal` aborts. */
export async function fromPaced<R>(length: number, fn: (index: number) => R, signal: AbortSignal | undefined): Promise<R[]> {
  const pace = new Pacer(signal);
  const out = new Array<R>(length);
  for (let i = 0; i < length; i++) {
    if (pace.due()) await pace.yield();
    out[i] = fn(i);
  }
  throwIfAborted(signal);
  return out;
}
