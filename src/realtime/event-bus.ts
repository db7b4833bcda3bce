import { EventEmitter } from 'node:events';

/** A change that happened, published after its transaction committed. */
export interface DomainEvent {
  type: string;
  /** Global ID of the object the event is about. */
  subjectId: string;
  /** Streams (e.g. "process:12", "project:3") the event belongs to. */
  streams: string[];
  at: Date;
}

/** Delivers committed events to in-process listeners. */
export interface EventBus {
  publish(event: DomainEvent): Promise<void>;
  subscribe(listener: (event: DomainEvent) => void): () => void;
  close(): Promise<void>;
}

/** Single-instance bus. Listeners run synchronously; a throwing listener does not affect others. */
export function createMemoryEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(event) {
      for (const listener of emitter.listeners('event')) {
        try {
          (listener as (e: DomainEvent) => void)(event);
        } catch {
          // A faulty listener must not stop delivery to the others.
        }
      }
    },
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
