import { EventEmitter } from 'node:events';
import Redis from 'ioredis';
import type { Logger } from '../common/logger';

/** "Stream X reached sequence N": a wake-up signal; the events themselves are read from the database. */
export interface StreamNotification {
  streamKey: string;
  seq: number;
}

/**
 * Carries stream notifications to every instance. Redis pub/sub is at-most-once, so it is only a
 * wake-up: the hub also polls, and subscribers read events by sequence from the database.
 */
export interface EventBus {
  /** Notifies local listeners at once and, with Redis, other instances. Never throws; fails fast when Redis is down. */
  notify(notification: StreamNotification): Promise<void>;
  subscribe(listener: (notification: StreamNotification) => void): () => void;
  /** 'memory' (single instance), or Redis state: 'ready' | 'degraded'. */
  state(): 'memory' | 'ready' | 'degraded';
  close(): Promise<void>;
}

const CHANNEL = 'opsgraph:streams';

function createLocal() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    emit(notification: StreamNotification) {
      for (const listener of emitter.listeners('n')) {
        try {
          (listener as (n: StreamNotification) => void)(notification);
        } catch {
          // A faulty listener must not stop delivery to the others.
        }
      }
    },
    subscribe(listener: (n: StreamNotification) => void) {
      emitter.on('n', listener);
      return () => {
        emitter.off('n', listener);
      };
    },
    close() {
      emitter.removeAllListeners();
    },
  };
}

/** Single-instance bus. */
export function createMemoryEventBus(): EventBus {
  const local = createLocal();
  return {
    async notify(n) {
      local.emit(n);
    },
    subscribe: local.subscribe,
    state: () => 'memory',
    async close() {
      local.close();
    },
  };
}

/**
 * Bus across instances through Redis pub/sub, with separate publisher and subscriber connections.
 * The publisher has no offline queue: while Redis is down, notify() fails fast (other instances catch
 * up by polling) instead of buffering without bound.
 */
export function createRedisEventBus(url: string, logger: Logger): EventBus {
  const local = createLocal();
  const options = {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
  };
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, { ...options, enableOfflineQueue: true, maxRetriesPerRequest: null });
  const instanceId = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  publisher.on('error', (err) => logger.warn({ err: err.message }, 'redis publisher error'));
  subscriber.on('error', (err) => logger.warn({ err: err.message }, 'redis subscriber error'));
  subscriber.subscribe(CHANNEL).catch((err) => logger.warn({ err: err.message }, 'redis subscribe failed'));
  subscriber.on('message', (_channel, message) => {
    try {
      const parsed = JSON.parse(message) as StreamNotification & { from: string };
      if (parsed.from === instanceId) return;
      local.emit({ streamKey: parsed.streamKey, seq: parsed.seq });
    } catch {
      // Ignore malformed messages: the hub's poll still catches up.
    }
  });
  return {
    async notify(n) {
      local.emit(n);
      if (publisher.status !== 'ready') return;
      try {
        await publisher.publish(CHANNEL, JSON.stringify({ ...n, from: instanceId }));
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'redis publish failed; other instances will catch up by polling');
      }
    },
    subscribe: local.subscribe,
    state: () => (publisher.status === 'ready' && subscriber.status === 'ready' ? 'ready' : 'degraded'),
    async close() {
      local.close();
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
