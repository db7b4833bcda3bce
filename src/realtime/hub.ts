import type { DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import type { EventBus } from './event-bus';
import { lastSequences, readEvents, type StreamEvent } from './event-store';

type Listener = (events: StreamEvent[]) => void;

interface StreamState {
  /** Highest sequence delivered to live listeners. */
  lastSeq: number;
  listeners: Set<Listener>;
  /** Settles once the stream's position is read from the database; nothing is pumped before that. */
  ready: Promise<void>;
  /** True once `lastSeq` holds the position read at start. */
  loaded: boolean;
  /** Highest sequence announced by a notification while the position was still being read. */
  announced: number;
  pumping: boolean;
  again: boolean;
}

export interface HubOptions {
  /** How often active streams are checked in the database, catching anything a lost notification missed. Default 1000 ms. */
  pollMs?: number;
  /** Events read per database round trip. Default 500. */
  batchSize?: number;
}

/**
 * Fans committed events out to live listeners, one database read per stream (not per subscriber).
 * Notifications from the bus trigger a read; a periodic poll of the active streams' sequences makes
 * delivery complete even when a notification is lost (Redis down, at-most-once pub/sub).
 */
export class StreamHub {
  private readonly streams = new Map<string, StreamState>();
  private readonly unsubscribeBus: () => void;
  private readonly timer: NodeJS.Timeout;
  private readonly batchSize: number;
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    bus: EventBus,
    private readonly logger: Logger,
    options: HubOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.unsubscribeBus = bus.subscribe((n) => {
      const state = this.streams.get(n.streamKey);
      if (!state) return;
      // Before its position is known a stream cannot be read from: remember the news for later.
      if (!state.loaded) state.announced = Math.max(state.announced, n.seq);
      else if (n.seq > state.lastSeq) this.pump(n.streamKey, state);
    });
    this.timer = setInterval(() => void this.poll(), options.pollMs ?? 1000);
    this.timer.unref();
  }

  /** Active streams and listeners (metrics, tests). */
  stats() {
    let listeners = 0;
    for (const s of this.streams.values()) listeners += s.listeners.size;
    return { streams: this.streams.size, listeners };
  }

  /**
   * Adds a live listener to a stream. Resolves with the sequence the listener starts after: every
   * event with a higher sequence will reach it, in order, exactly once. Rejects when the stream's
   * position cannot be read (the database failed); nothing stays registered then.
   */
  async listen(streamKey: string, listener: Listener): Promise<{ startSeq: number; stop: () => void }> {
    let state = this.streams.get(streamKey);
    if (!state) {
      const created: StreamState = {
        lastSeq: 0,
        listeners: new Set(),
        ready: Promise.resolve(),
        loaded: false,
        announced: 0,
        pumping: false,
        again: false,
      };
      created.ready = lastSequences(this.dataSource, [streamKey]).then(
        (m) => {
          created.lastSeq = m.get(streamKey) ?? 0;
          created.loaded = true;
          // A notification that came while the position was read may be newer than what was read.
          if (created.announced > created.lastSeq) this.pump(streamKey, created);
        },
        (error: unknown) => {
          // Not registered with a failed start: the next listener of this stream tries again.
          if (this.streams.get(streamKey) === created) this.streams.delete(streamKey);
          throw error;
        },
      );
      this.streams.set(streamKey, created);
      state = created;
    }
    await state.ready;
    const current = state;
    current.listeners.add(listener);
    return {
      startSeq: current.lastSeq,
      stop: () => {
        current.listeners.delete(listener);
        if (current.listeners.size === 0 && this.streams.get(streamKey) === current) this.streams.delete(streamKey);
      },
    };
  }

  /**
   * Reads and delivers what follows `lastSeq`. Only ever runs on a loaded stream, so `lastSeq` only
   * moves forwards: a read from 0 racing the start-up read could move it back and deliver events
   * again to a listener that started after them (and tell a resuming one its cursor is ahead).
   */
  private pump(streamKey: string, state: StreamState): void {
    if (!state.loaded) return;
    if (state.pumping) {
      state.again = true;
      return;
    }
    state.pumping = true;
    void (async () => {
      try {
        do {
          state.again = false;
          for (;;) {
            const events = await readEvents(this.dataSource, streamKey, state.lastSeq, this.batchSize);
            if (events.length === 0 || this.closed) break;
            state.lastSeq = events[events.length - 1].seq;
            for (const listener of [...state.listeners]) {
              try {
                listener(events);
              } catch (err) {
                this.logger.warn({ err, streamKey }, 'stream listener failed');
              }
            }
            if (events.length < this.batchSize) break;
          }
        } while (state.again && !this.closed);
      } catch (err) {
        this.logger.warn({ err: (err as Error).message, streamKey }, 'reading stream failed; the next poll retries');
      } finally {
        state.pumping = false;
      }
    })();
  }

  private async poll(): Promise<void> {
    if (this.closed || this.streams.size === 0 || !this.dataSource.isInitialized) return;
    try {
      const keys = [...this.streams.keys()];
      for (let i = 0; i < keys.length; i += 500) {
        const seqs = await lastSequences(this.dataSource, keys.slice(i, i + 500));
        for (const [key, seq] of seqs) {
          const state = this.streams.get(key);
          if (state?.loaded && seq > state.lastSeq) this.pump(key, state);
        }
      }
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'stream poll failed');
    }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.unsubscribeBus();
    this.streams.clear();
  }
}
