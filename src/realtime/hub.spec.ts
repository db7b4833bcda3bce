import { createLogger } from '../common/logger';
import type { StreamEvent } from './event-store';
import { StreamHub } from './hub';
import { openSpecDatabase, until, type SpecDatabase } from './spec-database';

describe('StreamHub', () => {
  let db: SpecDatabase;
  const hubs: StreamHub[] = [];
  const logger = createLogger('silent');

  /** A hub on the spec database; `pollMs` long by default, so only notifications wake it. */
  function hub(options: { pollMs?: number; batchSize?: number } = {}): StreamHub {
    const created = new StreamHub(db.dataSource, db.bus, logger, { pollMs: 60_000, ...options });
    hubs.push(created);
    return created;
  }

  /** A listener that records the sequences it gets, and how many calls brought them. */
  function recorder() {
    const seqs: number[] = [];
    let calls = 0;
    const listener = (events: StreamEvent[]) => {
      calls++;
      for (const e of events) seqs.push(e.seq);
    };
    return { seqs, listener, calls: () => calls };
  }

  beforeEach(async () => {
    db = await openSpecDatabase();
  });

  afterEach(async () => {
    for (const h of hubs.splice(0)) h.close();
    await db.close();
  });

  it('delivers each stream to its own listeners only, in order, exactly once', async () => {
    const h = hub();
    const [a1, a2, b] = [recorder(), recorder(), recorder()];
    await h.listen('operation:1', a1.listener);
    await h.listen('operation:1', a2.listener);
    await h.listen('operation:2', b.listener);
    expect(h.stats()).toEqual({ streams: 2, listeners: 3 });

    await db.append('operation:1', 3);
    await db.append('operation:2', 1);
    await db.append('operation:1', 2);
    await until(() => a1.seqs.length === 5 && a2.seqs.length === 5 && b.seqs.length === 1, 'every event');

    expect(a1.seqs).toEqual([1, 2, 3, 4, 5]);
    expect(a2.seqs).toEqual([1, 2, 3, 4, 5]);
    expect(b.seqs).toEqual([1]);
  });

  it('starts a listener after the last event already stored: it gets only what comes later', async () => {
    await db.append('operation:1', 4);
    const h = hub();
    const r = recorder();
    const { startSeq } = await h.listen('operation:1', r.listener);
    expect(startSeq).toBe(4);

    await db.append('operation:1', 2);
    await until(() => r.seqs.length === 2, 'the new events');
    expect(r.seqs).toEqual([5, 6]);
  });

  it('reads once per wake-up for all listeners, and catches up with writes that arrive while it reads', async () => {
    const h = hub({ batchSize: 3 });
    const r = recorder();
    await h.listen('operation:1', r.listener);

    // Ten commits in quick succession: notifications arrive while a read is running; the read
    // goes round again instead of starting a second one, and pages through in batches of three.
    await Promise.all(Array.from({ length: 10 }, () => db.append('operation:1', 1)));
    await until(() => r.seqs.length === 10, 'ten events');

    expect(r.seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.calls()).toBeLessThanOrEqual(10);
  });

  it('finds events whose notification was lost on its next poll', async () => {
    const h = hub({ pollMs: 20 });
    const r = recorder();
    await h.listen('operation:1', r.listener);

    await db.appendUnannounced('operation:1', 2);
    await until(() => r.seqs.length === 2, 'the polled events');
    expect(r.seqs).toEqual([1, 2]);
  });

  it('retries a read that failed on its next poll, losing nothing', async () => {
    const h = hub({ pollMs: 20 });
    const r = recorder();
    await h.listen('operation:1', r.listener);

    await db.appendUnannounced('operation:1', 2);
    await db.dataSource.query('ALTER TABLE event RENAME TO event_away');
    await db.bus.notify({ streamKey: 'operation:1', seq: 2 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.seqs).toEqual([]);

    await db.dataSource.query('ALTER TABLE event_away RENAME TO event');
    await until(() => r.seqs.length === 2, 'the events after the failure');
    expect(r.seqs).toEqual([1, 2]);
  });

  it('keeps delivering to the other listeners when one throws', async () => {
    const h = hub();
    const r = recorder();
    await h.listen('operation:1', () => {
      throw new Error('listener bug');
    });
    await h.listen('operation:1', r.listener);

    await db.append('operation:1', 2);
    await until(() => r.seqs.length === 2, 'the events');
    expect(r.seqs).toEqual([1, 2]);
  });

  it('unregisters a stopped listener, and forgets the stream with its last one', async () => {
    const h = hub();
    const [kept, stopped] = [recorder(), recorder()];
    const keep = await h.listen('operation:1', kept.listener);
    const stop = await h.listen('operation:1', stopped.listener);

    stop.stop();
    expect(h.stats()).toEqual({ streams: 1, listeners: 1 });
    await db.append('operation:1', 1);
    await until(() => kept.seqs.length === 1, 'the event');
    expect(stopped.seqs).toEqual([]);

    keep.stop();
    expect(h.stats()).toEqual({ streams: 0, listeners: 0 });
  });

  it('unregisters a stream whose first read failed, so the next listener tries again', async () => {
    const h = hub();
    await db.dataSource.query('ALTER TABLE event_stream RENAME TO event_stream_away');
    await expect(h.listen('operation:1', () => undefined)).rejects.toThrow();
    expect(h.stats()).toEqual({ streams: 0, listeners: 0 });
    await db.dataSource.query('ALTER TABLE event_stream_away RENAME TO event_stream');

    await db.append('operation:1', 2);
    const r = recorder();
    const { startSeq } = await h.listen('operation:1', r.listener);
    expect(startSeq).toBe(2);
    await db.append('operation:1', 1);
    await until(() => r.seqs.length === 1, 'the event');
    expect(r.seqs).toEqual([3]);
  });
});
