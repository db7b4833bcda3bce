import { GraphQLError } from 'graphql';
import { ErrorCode } from '../common/errors';

/**
 * At most `max` GraphQL operations execute at once; the others wait their turn, first come first
 * served. Queries and mutations over HTTP and over WebSocket pass through the same gate (a
 * subscription's per-event executions do not: they are one per group of subscribers, see
 * transport/subscription-execution).
 *
 * Why: loaders dispatch their batches from the event loop (common/loaders `yieldThen`), so that
 * /healthz and WebSocket pings are answered while a large response is built. Without a gate, twenty
 * concurrent dashboards therefore all progress at once, each at a twentieth of the speed: every one
 * answers late (p99 ≈ 4 × p50 at 20 concurrent) and all twenty half-built results are alive at the
 * same time, which the garbage collector pays for. With the gate the event loop still turns between
 * batches (health checks, pings and requests waiting here are not starved), but the operations that
 * hold a place finish first.
 *
 * Waiting counts against the operation's deadline: an operation whose signal aborts while it waits
 * leaves the queue and never runs.
 *
 * Mutations enter with `wait: false`: they take a place at once, even past `max`, and queries wait
 * behind them while they execute. They already take turns at the writer (one transaction at a time
 * on SQLite, with the calls that arrived meanwhile written together, see
 * modules/process/group-commit.ts; the pool on MySQL/MariaDB). Holding them back here as well kept
 * each of SQLite's write groups to the gate's size, and cost keyed single-sample ingest ≈ 20 % of
 * its throughput (bench #8).
 *
 * Past `maxWaiting` queries waiting, the next is refused at once (ExecutionGateFullError) rather than
 * held until its deadline: on MySQL/MariaDB as the pool's own queue refused the excess before.
 */
export interface ExecutionGate {
  /**
   * Waits for a place; resolves with its release (calling it more than once releases once). Rejects
   * with the signal's reason if it aborts first, and at once with an ExecutionGateFullError when
   * `maxWaiting` others already wait. With `wait: false` (mutations) the place is taken at once,
   * even when all `max` are taken.
   */
  enter(signal?: AbortSignal, options?: { wait?: boolean }): Promise<() => void>;
  /** Operations executing and waiting now. */
  readonly load: { executing: number; waiting: number };
  /** The most that execute at once (0: no gate). */
  readonly max: number;
  /** True while `maxWaiting` queries wait: the next one would be refused (readiness reports it). */
  readonly full: boolean;
}

interface Waiter {
  admit: () => void;
  /** Left the queue (its signal aborted); skipped when its turn comes. */
  gone: boolean;
}

/**
 * A query that would have waited while `maxWaiting` others already do: refused at once,
 * SERVICE_UNAVAILABLE with `waiting` and `retryAfterSeconds` (the HTTP plugin answers 503 with a
 * Retry-After header), instead of waiting until its deadline.
 */
export class ExecutionGateFullError extends GraphQLError {
  constructor(readonly waiting: number) {
    super(`The server is busy: ${waiting} operations are already waiting for their turn; retry shortly`, {
      extensions: { code: ErrorCode.ServiceUnavailable, waiting, retryAfterSeconds: 1 },
    });
  }
}

/** `max` places (0: no gate); at most `maxWaiting` waiting for one (0: no bound but their deadlines). */
export function createExecutionGate(max: number, maxWaiting = 0): ExecutionGate {
  let executing = 0;
  // A FIFO as an array with a moving head: shift() on a long array copies it.
  let queue: Waiter[] = [];
  let head = 0;
  let waiting = 0;

  function release(): void {
    executing--;
    // Places taken past `max` (mutations) come back before a waiter is admitted.
    while (executing < max && head < queue.length) {
      const next = queue[head++];
      if (!next.gone) {
        waiting--;
        executing++;
        next.admit();
        break;
      }
    }
    if (head === queue.length) {
      queue = [];
      head = 0;
    } else if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
  }

  function releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  }

  return {
    max,
    get load() {
      return { executing, waiting };
    },
    get full() {
      return maxWaiting > 0 && waiting >= maxWaiting;
    },
    enter(signal, options) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (max <= 0) return Promise.resolve(() => undefined);
      if (executing < max || options?.wait === false) {
        executing++;
        return Promise.resolve(releaser());
      }
      if (maxWaiting > 0 && waiting >= maxWaiting) return Promise.reject(new ExecutionGateFullError(waiting));
      return new Promise<() => void>((resolve, reject) => {
        const onAbort = () => {
          waiter.gone = true;
          waiting--;
          reject(signal!.reason);
        };
        const waiter: Waiter = {
          gone: false,
          admit: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(releaser());
          },
        };
        queue.push(waiter);
        waiting++;
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
