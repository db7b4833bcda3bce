import type { Context } from '../../context';
import { Loaders } from '../../common/loaders';
import type { LiveItem, PushableStream } from '../../realtime/live-iterator';
import { encodeEventCursor } from '../../realtime/cursor';

/** What a subscription's event source yields: the stream item plus the subscription's own options. */
export interface LivePayload<O = Record<string, unknown>> {
  item: LiveItem;
  options: O;
}

/** Maps a live iterator's items into payloads, keeping return()/throw() and pushing wired so cleanup and fast delivery work. */
export function withOptions<O>(iterator: PushableStream<LiveItem>, options: O): PushableStream<LivePayload<O>> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    pushTo(sink) {
      iterator.pushTo(sink && ((item) => sink({ item, options })));
    },
    async next() {
      const result = await iterator.next();
      return result.done ? { value: undefined, done: true } : { value: { item: result.value, options }, done: false };
    },
    return: async () => {
      await iterator.return?.();
      return { value: undefined, done: true };
    },
    throw: async (error?: unknown) => {
      await iterator.throw?.(error);
      return { value: undefined, done: true };
    },
  };
}

/**
 * Each event is resolved with fresh loaders and a fresh "now": a subscription's context lives as long
 * as the socket, and cached rows from an earlier event must not leak into a later one.
 */
export function freshEventContext(ctx: Context): void {
  ctx.loaders = new Loaders(ctx.services.dataSource);
  ctx.now = new Date();
}

export function cursorOf(item: LiveItem): string {
  return encodeEventCursor(item.event.streamKey, item.event.seq);
}
