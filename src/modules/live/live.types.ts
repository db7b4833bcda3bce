import type { Context } from '../../context';
import { Loaders } from '../../common/loaders';
import type { LiveItem } from '../../realtime/live-iterator';
import { encodeEventCursor } from '../../realtime/cursor';

/** What a subscription's event source yields: the stream item plus the subscription's own options. */
export interface LivePayload<O = Record<string, unknown>> {
  item: LiveItem;
  options: O;
}

/** Maps a live iterator's items into payloads, keeping return()/throw() wired so cleanup runs. */
export function withOptions<O>(iterator: AsyncIterableIterator<LiveItem>, options: O): AsyncIterableIterator<LivePayload<O>> {
  return {
    [Symbol.asyncIterator]() {
      return this;
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
