import type { LiveItem, LiveSink, PushableStream } from '../realtime/live-iterator';
import { encodeEventCursor } from '../realtime/cursor';

/** What a subscription's event source yields: the stream item plus the subscription's own options. */
export interface LivePayload<O = Record<string, unknown>> {
  item: LiveItem;
  options: O;
}

/**
 * Maps a live iterator's items into payloads, keeping return()/throw() and pushing wired so cleanup
 * and direct delivery work. A class, not an object of closures: there is one per subscriber.
 */
class WithOptions<O> implements PushableStream<LivePayload<O>> {
  constructor(
    private readonly iterator: PushableStream<LiveItem>,
    private readonly options: O,
  ) {}

  [Symbol.asyncIterator]() {
    return this;
  }

  pushTo(sink: LiveSink<LivePayload<O>> | null): void {
    this.iterator.pushTo(sink && ((item, maxQueue) => sink({ item, options: this.options }, maxQueue)));
  }

  async next(): Promise<IteratorResult<LivePayload<O>>> {
    const result = await this.iterator.next();
    return result.done ? { value: undefined, done: true } : { value: { item: result.value, options: this.options }, done: false };
  }

  async return(): Promise<IteratorResult<LivePayload<O>>> {
    await this.iterator.return?.();
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<LivePayload<O>>> {
    await this.iterator.throw?.(error);
    return { value: undefined, done: true };
  }
}

export function withOptions<O>(iterator: PushableStream<LiveItem>, options: O): PushableStream<LivePayload<O>> {
  return new WithOptions(iterator, options);
}

/** The cursor a subscriber resumes after `item` with: its stream position in its database incarnation. */
export function cursorOf(item: LiveItem): string {
  return encodeEventCursor(item.event.streamKey, item.event.seq, item.incarnation);
}
