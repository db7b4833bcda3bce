import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { StreamHub } from './hub';
import { CloseCode } from './close-codes';
import { firstStoredSequence, readEvents, type StreamEvent } from './event-store';

export interface LiveOptions {
  dataSource: DataSource;
  hub: StreamHub;
  streamKey: string;
  /** Resume after this sequence (replay from the database first); null = live only. */
  afterSeq: number | null;
  /** Events further back than this cannot be replayed: RESYNC_REQUIRED. */
  replayLimit: number;
  /** Unread events allowed per subscriber before it is cut off as a slow consumer. */
  maxQueue: number;
  /** Keep only the events this subscription wants (the cursor still advances past the others). */
  filter: (event: StreamEvent) => boolean;
  /** Called when the subscriber must be cut off (queue overflow, token expiry). */
  onCutOff: (code: CloseCode, reason: string) => void;
  /** True once the viewer's token has expired: nothing is delivered after that. */
  expired: () => boolean;
  /** True when the subscriber's socket has more unsent bytes than allowed (checked as events arrive and on every pull). */
  backedUp?: () => boolean;
  /** The database incarnation (db/incarnation.ts) every item carries for its cursor; null (default) when unknown. */
  incarnation?: string | null;
}

export interface LiveItem {
  event: StreamEvent;
  replayed: boolean;
  /** The database incarnation the event belongs to, for its cursor (LiveOptions.incarnation). */
  incarnation: string | null;
}

/**
 * Takes one live item synchronously, as the hub delivers it; returns true when it now holds more
 * than `maxQueue` items unwritten, and the stream then cuts the subscriber off, as it does past
 * `maxQueue` in its own queue. Given the limit, a sink can answer without counting when it holds
 * no more than that in all.
 */
export type LiveSink<T> = (item: T, maxQueue: number) => boolean;

/**
 * A live stream that can push instead of being pulled. Once a sink is set, whenever the consumer
 * waits in next() with nothing left to replay and nothing queued, live items go to the sink as the
 * hub delivers them, in order, and that next() stays pending until the stream ends (done). This
 * saves one promise chain per subscriber per event on the fan-out path (see transport/socket-writer).
 */
export interface PushableStream<T> extends AsyncIterableIterator<T> {
  pushTo(sink: LiveSink<T> | null): void;
}

export function isPushable<T>(iterator: AsyncIterator<T>): iterator is PushableStream<T> {
  return typeof (iterator as Partial<PushableStream<T>>).pushTo === 'function';
}

/** The error a subscriber gets when its cursor cannot be resumed: it refetches and subscribes without one. */
export function resync(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'RESYNC_REQUIRED' } });
}

/**
 * Resume exactly once: listen live first (buffering), replay from the database after the cursor,
 * then drain the buffer skipping what the replay delivered. The buffer is bounded per subscriber:
 * past `maxQueue` unread events the subscriber is cut off (it resumes with its cursor), so one slow
 * client can never grow memory without bound or affect the others.
 */
export async function openLiveStream(options: LiveOptions): Promise<PushableStream<LiveItem>> {
  const queue: StreamEvent[] = [];
  let wake: (() => void) | null = null;
  let done = false;
  let failure: Error | null = null;
  let sink: LiveSink<LiveItem> | null = null;
  const incarnation = options.incarnation ?? null;
  /** True while next() waits with replay done and the queue empty: live events may go to the sink. */
  let parked = false;

  function cutOff(code: CloseCode, reason: string): void {
    done = true;
    queue.length = 0;
    options.onCutOff(code, reason);
    wake?.();
  }

  const live = await options.hub.listen(options.streamKey, (events) => {
    if (done) return;
    // Checked as events arrive, not when the consumer pulls: a stalled consumer never pulls.
    if (options.backedUp?.()) return cutOff(CloseCode.SlowConsumer, 'Slow consumer: send buffer full; resume with your last cursor');
    if (parked && sink) return push(sink, events);
    queue.push(...events);
    if (queue.length > options.maxQueue)
      return cutOff(CloseCode.SlowConsumer, 'Slow consumer: too many unread events; resume with your last cursor');
    wake?.();
  });

  /** Hands live events straight to the sink: same order, same filter and duplicate check as next(). */
  function push(to: LiveSink<LiveItem>, events: StreamEvent[]): void {
    if (options.expired()) return cutOff(CloseCode.TokenExpired, 'Token expired');
    for (const event of events) {
      if (event.seq <= lastDelivered) continue;
      lastDelivered = event.seq;
      if (!options.filter(event)) continue;
      if (to({ event, replayed: false, incarnation }, options.maxQueue))
        return cutOff(CloseCode.SlowConsumer, 'Slow consumer: too many unread events; resume with your last cursor');
    }
  }

  let lastDelivered = options.afterSeq ?? live.startSeq;
  let replay: StreamEvent[] = [];
  let replayDone = options.afterSeq === null;

  try {
    if (options.afterSeq !== null) {
      const afterSeq = options.afterSeq;
      if (afterSeq > live.startSeq)
        throw resync('The cursor is ahead of this stream (was the database reset?); refetch and subscribe again');
      if (live.startSeq - afterSeq > options.replayLimit) {
        throw resync(
          `The cursor is ${live.startSeq - afterSeq} events behind, more than the replay limit of ${options.replayLimit}; refetch and subscribe again`,
        );
      }
      if (live.startSeq > afterSeq) {
        const first = await firstStoredSequence(options.dataSource, options.streamKey);
        if (first === null || first > afterSeq + 1)
          throw resync('Events after this cursor are no longer stored; refetch and subscribe again');
      }
    }
  } catch (error) {
    live.stop();
    throw error;
  }

  async function nextReplayPage(): Promise<void> {
    replay = await readEvents(options.dataSource, options.streamKey, lastDelivered, 500);
    if (replay.length === 0) replayDone = true;
  }

  const iterator: PushableStream<LiveItem> = {
    [Symbol.asyncIterator]() {
      return iterator;
    },
    pushTo(next) {
      sink = next;
      // Without a sink, a parked next() goes back to waiting for its queue.
      if (!sink) wake?.();
    },
    async next(): Promise<IteratorResult<LiveItem>> {
      for (;;) {
        if (failure) throw failure;
        // A client that does not read lets the socket's send buffer grow: cut it off before memory does.
        if (!done && options.backedUp?.()) cutOff(CloseCode.SlowConsumer, 'Slow consumer: send buffer full; resume with your last cursor');
        if (done || options.expired()) {
          if (!done && options.expired()) options.onCutOff(CloseCode.TokenExpired, 'Token expired');
          return finish();
        }
        if (!replayDone) {
          if (replay.length === 0) await nextReplayPage();
          const event = replay.shift();
          if (event) {
            lastDelivered = event.seq;
            if (options.filter(event)) return { value: { event, replayed: true, incarnation }, done: false };
          }
          continue;
        }
        const event = queue.shift();
        if (!event) {
          parked = sink !== null;
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = null;
          parked = false;
          continue;
        }
        if (event.seq <= lastDelivered) continue;
        lastDelivered = event.seq;
        if (options.filter(event)) return { value: { event, replayed: false, incarnation }, done: false };
      }
    },
    async return(): Promise<IteratorResult<LiveItem>> {
      return finish();
    },
    async throw(error?: unknown): Promise<IteratorResult<LiveItem>> {
      failure = error instanceof Error ? error : new Error(String(error));
      return finish();
    },
  };

  function finish(): IteratorResult<LiveItem> {
    done = true;
    live.stop();
    wake?.();
    return { value: undefined, done: true };
  }

  return iterator;
}
