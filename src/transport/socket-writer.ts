import type { Writable } from 'node:stream';
import type { ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import { isDeadlineError } from '../common/abort';
import type { LiveSocket } from '../context';
import type { PushableStream } from '../realtime/live-iterator';
import type { CostReport } from '../security/operation-guard';
import { CloseCode } from '../realtime/close-codes';

/**
 * One event's result for one group of identical subscriptions, as a writer sees it: built once by
 * the subscription execution (see subscription-execution) and written to every subscriber's socket.
 */
export interface SharedResult {
  /** Null until the execution settles. */
  result: ExecutionResult | null;
  /** The result as JSON, serialised once for every subscriber; null when it has errors (masked per request). */
  json: string | null;
  /** Writers whose oldest unwritten result this is, resumed by the execution when it settles. */
  waiters: DirectStream[];
}

/**
 * An event that could not be resolved (e.g. the database failed) ends the stream after its error:
 * the client resumes from its last cursor and gets the event replayed, never skipped. An event whose
 * execution passed its deadline does not: replaying it would run the same work again; the subscriber
 * gets the error (SERVICE_UNAVAILABLE with `deadlineMs`) for that event and the stream goes on.
 */
export function endsStream(result: ExecutionResult): boolean {
  return (
    Boolean(result.errors?.length) &&
    (result.data == null || Object.values(result.data).every((v) => v == null)) &&
    !result.errors!.every(isDeadlineError)
  );
}

/**
 * A server's text frame (RFC 6455 §5.2: FIN, opcode 1, not masked, no extension bits) around
 * `text`, header and payload in one buffer: byte for byte what ws's Sender writes for the same
 * text (socket-writer.spec compares them), which writes them as two buffers (cork, two writes,
 * uncork: Node's writev path).
 */
export function textFrame(text: string): Buffer {
  const length = Buffer.byteLength(text);
  const head = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + length);
  frame[0] = 0x81;
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.write(text, head, 'utf8');
  return frame;
}

/**
 * One WebSocket operation's handle on its socket, given to its context. A class rather than
 * closures: it is one small object per subscriber, and the fan-out path calls it per event.
 *
 * `raw`, when given, is the TCP socket under `socket` (the one its upgrade handed to ws): live
 * results go to it as one pre-built frame each (`textFrame`), one socket write instead of ws's two
 * buffers through Node's writev path: bench #4 delivered 1.07× / 1.05× the messages per second at
 * 1,000 / 5,000 subscribers against the commit before, in the same run. That is sound because ws
 * writes every message of this server to the socket at once, in call order: it queues only while
 * it compresses (the server has perMessageDeflate off) or reads a Blob (nothing here sends one).
 * Everything else (graphql-ws's own messages, pings, close) still goes through ws.
 */
export class OperationSocket implements LiveSocket {
  /** The start of this operation's `next` message, byte for byte what graphql-ws writes: JSON.stringify({ id, type: 'next', payload }). */
  private readonly nextPrefix: string;
  /** The cost report, until the operation's first `next` message carries it as `extensions.cost`. */
  private cost: CostReport | null;

  /**
   * `maxBufferedBytes` (WS_MAX_BUFFERED_BYTES): a `next` write that leaves more than this unsent
   * closes the socket with 4008 (SlowConsumer). The live source checks the same bound as events
   * arrive, but a burst of events is accepted at once and written as its executions finish (see
   * subscription-execution), so the bound is also checked where the bytes are added.
   */
  constructor(
    private readonly socket: WebSocket,
    id: string,
    cost: CostReport,
    private readonly raw: Writable | null = null,
    private readonly maxBufferedBytes = Infinity,
  ) {
    this.nextPrefix = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
    this.cost = cost;
  }

  /** The cost report if no message has carried it yet (then never again). */
  takeCost(): CostReport | null {
    const cost = this.cost;
    this.cost = null;
    return cost;
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  sendNext(payloadJson: string): boolean {
    if (this.socket.readyState !== this.socket.OPEN) return false;
    const cost = this.takeCost();
    // The first result of an operation says what it cost: a header cannot go over a WebSocket.
    // Shared results carry no `extensions` of their own, so the member is added in front.
    const payload = cost ? `{"extensions":{"cost":${JSON.stringify(cost)}},${payloadJson.slice(1)}` : payloadJson;
    const message = this.nextPrefix + payload + '}';
    if (this.raw) this.raw.write(textFrame(message));
    else this.socket.send(message);
    if (this.socket.bufferedAmount > this.maxBufferedBytes)
      this.socket.close(CloseCode.SlowConsumer, 'Slow consumer: send buffer full; resume with your last cursor');
    return true;
  }
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
export class DirectStream implements AsyncIterableIterator<ExecutionResult> {
  /** Accepted results, oldest first, not yet written or handed to graphql-ws. */
  private readonly pending: SharedResult[] = [];
  /** The result this stream is registered to wait on (its oldest pending one, still executing). */
  private waitingOn: SharedResult | null = null;
  /** graphql-ws waiting in next(). */
  private resolveNext: ((step: IteratorResult<ExecutionResult>) => void) | null = null;
  private rejectNext: ((error: unknown) => void) | null = null;
  /** A source next() is running (while the source pushes, it stays pending until the stream ends). */
  private pulling = false;
  private ended = false;
  private failure: { error: unknown } | null = null;
  private failed = false;
  private closed = false;

  /**
   * `resultOf` is the subscription execution's: the shared result of a source item (started, or
   * found in the group's cache). `delivered` counts frames written; `leave` runs once, when the
   * stream closes.
   */
  constructor(
    private readonly source: PushableStream<unknown>,
    private readonly socket: LiveSocket,
    private readonly resultOf: (payload: unknown) => SharedResult,
    private readonly delivered: (count: number) => void,
    private readonly leave: () => void,
  ) {
    source.pushTo((payload, maxQueue) => this.accept(payload, maxQueue));
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

  /** Called by a result this stream waited on once it settled; returns the frames written. */
  resume(settled: SharedResult): number {
    if (this.waitingOn !== settled) return 0;
    this.waitingOn = null;
    return this.flush(true);
  }

  /**
   * The source's sink: takes a live item; returns true when more than `maxQueue` results are ready
   * and still unwritten (the source's slow-consumer rule). Results still waiting for their execution
   * are the server's backlog, not the subscriber's (bounded by EVENT_EXECUTION_BACKLOG): executions
   * take turns (subscription-execution), so a burst of events would otherwise count against every
   * subscriber of the stream. What a subscriber leaves unread on its socket is bounded by
   * WS_MAX_BUFFERED_BYTES (OperationSocket).
   */
  private accept(payload: unknown, maxQueue: number): boolean {
    if (this.closed || this.failed) return false;
    this.pending.push(this.resultOf(payload));
    if (this.pending.length === 1) {
      const written = this.flush(false);
      if (written > 0) this.delivered(written);
    }
    // Ready results are counted only when there could be too many: a burst of 500 events pushed to
    // 5,000 subscribers counted 500 × 501 ÷ 2 pending results per subscriber: 0.6–1 s in a micro-benchmark.
    if (this.pending.length <= maxQueue) return false;
    let ready = 0;
    for (const result of this.pending) if (result.result !== null && ++ready > maxQueue) return true;
    return false;
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

  /** Writes settled results in order; stops at one still executing, or hands an errored one on. */
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
        // A pulled item comes from the source's own queue, which the source bounds itself.
        this.accept(step.value, Infinity);
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
