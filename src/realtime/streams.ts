import type { UnitOfWork } from '../db/transaction';
import type { Clock } from '../common/clock';
import type { EventBus } from './event-bus';
import { appendEvents, type NewEvent, type StreamEvent } from './event-store';

/** Stream keys: one stream per operation (its processes' samples), per project, and one for alerts. */
export const streamKeys = {
  operation: (rowId: number) => `operation:${rowId}`,
  project: (rowId: number) => `project:${rowId}`,
  alerts: 'alerts',
};

/**
 * Writes events inside a service's transaction and notifies subscribers after it commits
 * (never for a rolled-back write).
 */
export class StreamWriter {
  constructor(private readonly bus: EventBus, private readonly clock: Clock) {}

  async append(uow: UnitOfWork, streamKey: string, events: NewEvent[]): Promise<StreamEvent[]> {
    const stored = await appendEvents(uow, streamKey, events, this.clock.now());
    if (stored.length) {
      const last = stored[stored.length - 1].seq;
      // Publish after commit: a subscriber may re-read everything the event points at.
      uow.afterCommit(() => this.bus.notify({ streamKey, seq: last }));
    }
    return stored;
  }
}
