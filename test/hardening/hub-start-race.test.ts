import { appendEvents, type StreamEvent } from '../../src/realtime/event-store';
import { describeApp } from '../harness/suite';

/**
 * Issue 13, finding 4: a stream's hub state was registered at position 0 before its real position
 * had been read; a notification in that window made the hub read from 0 and move its position
 * back, so a listener that started after 1,200 events got them all again (a resuming subscriber
 * was flooded and cut with 4008, or told its cursor was ahead). The window is hit every time here:
 * the notification is sent in the same tick as the listen call.
 */
describeApp('the stream hub at start-up on %s', ({ t }) => {
  let streamNo = 0;

  /** A stream of its own with `count` stored events (one transaction, as a batch write makes them). */
  async function storedStream(count: number): Promise<string> {
    const key = `operation:${900_000 + ++streamNo}`;
    await t.app.dataSource.transaction((manager) =>
      appendEvents(
        { manager, afterCommit: () => undefined, supportsRowLocks: false },
        key,
        Array.from({ length: count }, (_, i) => ({ type: 'test.stored', subjectId: String(i), payload: { i } })),
        new Date(),
      ),
    );
    return key;
  }

  async function appendOne(key: string): Promise<StreamEvent> {
    const [event] = await t.app.dataSource.transaction((manager) =>
      appendEvents(
        { manager, afterCommit: () => undefined, supportsRowLocks: false },
        key,
        [{ type: 'test.live', subjectId: 'x', payload: {} }],
        new Date(),
      ),
    );
    await t.app.events.notify({ streamKey: key, seq: event.seq });
    return event;
  }

  it('a notification while the position is read never moves the hub back: listeners get only later events, once', async () => {
    const hub = t.app.services.live.hub;
    for (let round = 0; round < 5; round++) {
      const key = await storedStream(1_200);
      const seqs: number[] = [];
      const listening = hub.listen(key, (events) => seqs.push(...events.map((e) => e.seq)));
      // Same tick: the hub has registered the stream but not read its position yet.
      await t.app.events.notify({ streamKey: key, seq: 1_200 });
      const { startSeq, stop } = await listening;
      expect(startSeq).toBe(1_200);
      const live = await appendOne(key);
      await waitFor(() => seqs.includes(live.seq));
      // Give a wrongly started read time to deliver what it read.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(seqs).toEqual([1_201]);

      // A second listener on the same stream starts where the first one is.
      const later = await hub.listen(key, () => undefined);
      expect(later.startSeq).toBe(1_201);
      later.stop();
      stop();
    }
  });
});

async function waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
