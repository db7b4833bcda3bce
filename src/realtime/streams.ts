import type { UnitOfWork } from '../db/transaction';
import type { Clock } from '../common/clock';
import type { EventBus } from './event-bus';
import { appendEvents, appendEventsStatements, type EventAppend, type NewEvent, type StreamEvent } from './event-store';

/** Stream keys: one stream per operation (its processes' samples), per project, and one for alerts. */
export const streamKeys = {
  operation: (rowId: number) => `operation:${rowId}`,
  project: (rowId: number) => `project:${rowId}`,
  person: (rowId: number) => `person:${rowId}`,
  alerts: 'alerts',
};

/**
 * Writes events inside a service's transaction and notifies subscribers after it commits
 * (never for a rolled-back write).
 */
export class StreamWriter {
  private readonly committedListeners = new Set<(events: StreamEvent[]) => void>();

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  /** Runs `listener` after each commit on this instance with the events it wrote (the alert engine uses it). */
  onCommitted(listener: (events: StreamEvent[]) => void): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  async append(uow: UnitOfWork, streamKey: string, events: NewEvent[]): Promise<StreamEvent[]> {
    const stored = await appendEvents(uow, streamKey, events, this.clock.now());
    this.publishAfterCommit(uow, streamKey, stored);
    return stored;
  }

  /**
   * `append` as statements for a batch (MySQL/MariaDB, appendEventsStatements): once the caller has
   * sent them, `stored(results)` gives the events back and publishes them after the commit.
   */
  appendStatements(uow: UnitOfWork, streamKey: string, events: NewEvent[]): EventAppend {
    const append = appendEventsStatements(streamKey, events, this.clock.now());
    return {
      statements: append.statements,
      stored: (results) => {
        const stored = append.stored(results);
        this.publishAfterCommit(uow, streamKey, stored);
        return stored;
      },
    };
  }

  private publishAfterCommit(uow: UnitOfWork, streamKey: string, stored: StreamEvent[]): void {
    if (stored.length) {
      const last = stored[stored.length - 1].seq;
      // Publish after commit: a subscriber may re-read everything the event points at.
      uow.afterCommit(async () => {
        await this.bus.notify({ streamKey, seq: last });
        for (const listener of this.committedListeners) {
          try {
            listener(stored);
          } catch {
            // Listeners run their own error handling; a failure must not affect the writer.
          }
        }
      });
    }
  }
}
