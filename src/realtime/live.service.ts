import type { DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import type { Config } from '../config';
import type { EventBus } from './event-bus';
import type { Viewer } from '../common/auth';
import type { LiveSocket } from './live-socket';
import { unauthenticated } from '../common/errors';
import { readIncarnation } from '../db/incarnation';
import { decodeEventCursor } from './cursor';
import type { StreamEvent } from './event-store';
import { StreamHub } from './hub';
import { openLiveStream, resync, type LiveItem, type PushableStream } from './live-iterator';

/** Opens subscriber streams: resume from a cursor, bounded queue, token expiry, slow-consumer cut-off. */
export class LiveService {
  readonly hub: StreamHub;
  /** The database's incarnation, read on first use: it cannot change while the API runs (restore refuses then). */
  private incarnation: Promise<string | null> | null = null;

  constructor(private readonly deps: { config: Config; dataSource: DataSource; events: EventBus; logger: Logger }) {
    this.hub = new StreamHub(deps.dataSource, deps.events, deps.logger, { pollMs: deps.config.realtime.pollMs });
  }

  /**
   * A live stream for one subscription. `after` (a cursor) replays missed events first; events
   * failing `filter` are skipped. Throws BAD_USER_INPUT for a foreign cursor, RESYNC_REQUIRED when the
   * cursor is too old to replay or was issued by another incarnation of the database (before a
   * restore), UNAUTHENTICATED without a viewer.
   */
  async open(
    subscriber: { viewer: Viewer | null; socket?: LiveSocket },
    streamKey: string,
    after: string | null | undefined,
    filter: (event: StreamEvent) => boolean,
  ): Promise<PushableStream<LiveItem>> {
    const { viewer, socket } = subscriber;
    if (!viewer) throw unauthenticated();
    const cursor = after ? decodeEventCursor(after, streamKey) : null;
    const incarnation = await this.currentIncarnation();
    // Sequence numbers past a restored backup's end are reused by new writes: another incarnation's cursor cannot resume.
    if (cursor?.incarnation && incarnation && cursor.incarnation !== incarnation)
      throw resync('The database was restored from a backup since this cursor was issued; refetch and subscribe again without a cursor');
    const { realtime } = this.deps.config;
    const expiresAt = viewer.expiresAt;
    const iterator = await openLiveStream({
      dataSource: this.deps.dataSource,
      hub: this.hub,
      streamKey,
      afterSeq: cursor?.seq ?? null,
      incarnation,
      replayLimit: realtime.replayLimit,
      maxQueue: realtime.subscriberQueueLimit,
      filter,
      expired: () => expiresAt !== null && Date.now() >= expiresAt * 1000,
      onCutOff: (code, reason) => socket?.close(code, reason),
      backedUp: () => socket !== undefined && socket.bufferedAmount > realtime.maxBufferedBytes,
    });
    return iterator;
  }

  private currentIncarnation(): Promise<string | null> {
    if (!this.incarnation) {
      this.incarnation = readIncarnation(this.deps.dataSource);
      // A failed read (database briefly unavailable) is retried by the next subscriber, not cached.
      this.incarnation.catch(() => (this.incarnation = null));
    }
    return this.incarnation;
  }

  close(): void {
    this.hub.close();
  }
}
