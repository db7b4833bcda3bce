import { GraphQLError } from 'graphql';
import { createLogger } from '../common/logger';
import { CloseCode } from './close-codes';
import type { StreamEvent } from './event-store';
import { StreamHub } from './hub';
import { openLiveStream, type LiveItem, type LiveOptions, type PushableStream } from './live-iterator';
import { openSpecDatabase, until, type SpecDatabase } from './spec-database';

const STREAM = 'operation:1';

describe('openLiveStream', () => {
  let db: SpecDatabase;
  let hub: StreamHub;
  const open: PushableStream<LiveItem>[] = [];

  /** A live stream of STREAM with generous limits; `cutOffs` records what it closed the socket with. */
  async function stream(options: Partial<LiveOptions> = {}) {
    const cutOffs: { code: number; reason: string }[] = [];
    const iterator = await openLiveStream({
      dataSource: db.dataSource,
      hub,
      streamKey: STREAM,
      afterSeq: null,
      replayLimit: 1000,
      maxQueue: 1000,
      filter: () => true,
      expired: () => false,
      onCutOff: (code, reason) => cutOffs.push({ code, reason }),
      ...options,
    });
    open.push(iterator);
    return { iterator, cutOffs };
  }

  /** Pulls `count` items (ending the stream after 5 s rather than hanging). */
  async function take(iterator: PushableStream<LiveItem>, count: number): Promise<LiveItem[]> {
    const items: LiveItem[] = [];
    const deadline = setTimeout(() => void iterator.return!(), 5000);
    try {
      while (items.length < count) {
        const step = await iterator.next();
        if (step.done) break;
        items.push(step.value);
      }
    } finally {
      clearTimeout(deadline);
    }
    return items;
  }

  const seqs = (items: { event: StreamEvent }[]) => items.map((i) => i.event.seq);

  beforeEach(async () => {
    db = await openSpecDatabase();
    hub = new StreamHub(db.dataSource, db.bus, createLogger('silent'), { pollMs: 60_000 });
  });

  afterEach(async () => {
    for (const iterator of open.splice(0)) await iterator.return!();
    hub.close();
    await db.close();
  });

  it('replays from the cursor with no gap and no duplicate, also of events written while it replays', async () => {
    await db.append(STREAM, 5);
    const { iterator } = await stream({ afterSeq: 2 });
    // Written after the stream started listening and before the replay read them: they reach both
    // the database and the live queue, and must come once.
    await db.append(STREAM, 3);

    const first = await take(iterator, 6);
    expect(seqs(first)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(first.slice(0, 3).every((i) => i.replayed)).toBe(true);

    // Whether these come from the replay's last read or live, each comes once, in order.
    await db.append(STREAM, 2);
    expect(seqs(await take(iterator, 2))).toEqual([9, 10]);
  });

  it('without a cursor, starts after the last stored event', async () => {
    await db.append(STREAM, 3);
    const { iterator } = await stream();
    await db.append(STREAM, 1);
    expect(await take(iterator, 1)).toEqual([{ event: expect.objectContaining({ seq: 4 }), replayed: false, incarnation: null }]);
  });

  it('gives every item, replayed and live, the incarnation it was opened with (for its cursor)', async () => {
    await db.append(STREAM, 2);
    const replaying = await stream({ afterSeq: 0, incarnation: '0123456789abcdef' });
    const liveOnly = await stream({ incarnation: '0123456789abcdef' });
    await db.append(STREAM, 1);
    const replayed = await take(replaying.iterator, 3);
    expect(replayed.map((i) => [i.event.seq, i.incarnation])).toEqual([
      [1, '0123456789abcdef'],
      [2, '0123456789abcdef'],
      [3, '0123456789abcdef'],
    ]);
    expect(replayed[0].replayed).toBe(true);
    expect(await take(liveOnly.iterator, 1)).toEqual([
      { event: expect.objectContaining({ seq: 3 }), replayed: false, incarnation: '0123456789abcdef' },
    ]);
  });

  it('skips the events the filter refuses, and its cursor still moves past them', async () => {
    await db.append(STREAM, 2, 'other');
    await db.append(STREAM, 2, 'tick');
    const { iterator } = await stream({ afterSeq: 0, filter: (e) => e.type === 'tick' });
    await db.append(STREAM, 1, 'other');
    await db.append(STREAM, 1, 'tick');

    expect(seqs(await take(iterator, 3))).toEqual([3, 4, 6]);
  });

  it('cuts off a subscriber past its queue limit with 4008 and ends the stream', async () => {
    const { iterator, cutOffs } = await stream({ maxQueue: 3 });
    await db.append(STREAM, 5);
    await until(() => cutOffs.length > 0, 'the cut-off');

    expect(cutOffs).toEqual([{ code: CloseCode.SlowConsumer, reason: expect.stringContaining('too many unread events') }]);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(hub.stats().listeners).toBe(0);
  });

  it('cuts off a subscriber whose socket buffer is full with 4008', async () => {
    let backedUp = false;
    const { iterator, cutOffs } = await stream({ backedUp: () => backedUp });
    await db.append(STREAM, 1);
    expect(seqs(await take(iterator, 1))).toEqual([1]);

    backedUp = true;
    await db.append(STREAM, 1);
    await until(() => cutOffs.length > 0, 'the cut-off');
    expect(cutOffs[0].code).toBe(CloseCode.SlowConsumer);
    expect(cutOffs[0].reason).toContain('send buffer full');
    expect((await iterator.next()).done).toBe(true);
  });

  it('ends with 4403 once the token has expired, delivering nothing more', async () => {
    let expired = false;
    const { iterator, cutOffs } = await stream({ expired: () => expired });
    await db.append(STREAM, 1);
    expect(seqs(await take(iterator, 1))).toEqual([1]);

    expired = true;
    await db.append(STREAM, 1);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(cutOffs).toEqual([{ code: CloseCode.TokenExpired, reason: 'Token expired' }]);
  });

  it('refuses a cursor further back than the replay limit with RESYNC_REQUIRED, and leaves no listener', async () => {
    await db.append(STREAM, 10);
    const error = await stream({ afterSeq: 2, replayLimit: 5 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('RESYNC_REQUIRED');
    expect((error as GraphQLError).message).toContain('more than the replay limit of 5');
    expect(hub.stats()).toEqual({ streams: 0, listeners: 0 });
  });

  it('refuses a cursor ahead of the stream with RESYNC_REQUIRED', async () => {
    await db.append(STREAM, 2);
    const error = await stream({ afterSeq: 7 }).catch((e: unknown) => e);
    expect((error as GraphQLError).extensions.code).toBe('RESYNC_REQUIRED');
  });

  describe('pushing to a sink', () => {
    it('hands live events to the sink in order while the consumer waits, and keeps replay pulled', async () => {
      await db.append(STREAM, 2);
      const { iterator } = await stream({ afterSeq: 0 });
      const pushed: LiveItem[] = [];
      iterator.pushTo((item) => {
        pushed.push(item);
        return false;
      });

      expect(seqs(await take(iterator, 2))).toEqual([1, 2]);
      // With replay done (its last read, of SQLite in memory, settles before any timer) and nothing
      // queued, next() parks and live events go to the sink.
      const parked = iterator.next();
      await new Promise((resolve) => setTimeout(resolve, 10));
      await db.append(STREAM, 3);
      await until(() => pushed.length === 3, 'the pushed events');
      expect(seqs(pushed)).toEqual([3, 4, 5]);
      expect(pushed.every((i) => !i.replayed)).toBe(true);

      await iterator.return!();
      expect(await parked).toEqual({ value: undefined, done: true });
    });

    it('cuts off with 4008 when the sink holds more than the queue limit', async () => {
      const { iterator, cutOffs } = await stream({ maxQueue: 2 });
      let held = 0;
      iterator.pushTo((_item, maxQueue) => ++held > maxQueue);
      const parked = iterator.next();
      await until(() => hub.stats().listeners === 1, 'the listener');

      await db.append(STREAM, 4);
      expect(await parked).toEqual({ value: undefined, done: true });
      expect(held).toBe(3);
      expect(cutOffs.map((c) => c.code)).toEqual([CloseCode.SlowConsumer]);
    });

    it('cuts off with 4403 instead of pushing once the token has expired', async () => {
      let expired = false;
      const { iterator, cutOffs } = await stream({ expired: () => expired });
      const pushed: LiveItem[] = [];
      iterator.pushTo((item) => {
        pushed.push(item);
        return false;
      });
      const parked = iterator.next();

      expired = true;
      await db.append(STREAM, 1);
      expect(await parked).toEqual({ value: undefined, done: true });
      expect(pushed).toEqual([]);
      expect(cutOffs.map((c) => c.code)).toEqual([CloseCode.TokenExpired]);
    });
  });
});
