import { Role } from '../harness/app';
import { operationEventSeq } from '../harness/cursors';
import { THROUGHPUT_UPDATED_WITH_STATS } from '../harness/documents';
import { createLine, minuteSamples, recordSamples } from '../harness/factories';
import { describeApp } from '../harness/suite';
import { collect, rawSocket, wsClient } from '../harness/ws';

describeApp('direct fan-out of live results on %s', ({ t, leftovers }) => {
  /** The operation of each process `line` made (its events' stream). */
  const operationOf = new Map<string, string>();

  async function line(name: string) {
    const { operationId, processId } = await createLine(t, name);
    operationOf.set(processId, operationId);
    return processId;
  }

  async function batch(processId: string, from: number, count: number) {
    await recordSamples(t, minuteSamples(processId, from, count));
  }

  /** A graphql-transport-ws socket spoken by hand (connection acknowledged), to see the exact bytes the server writes. */
  async function socket(token: string) {
    const s = rawSocket(t.wsUrl);
    await s.init(token);
    return s;
  }

  /** Waits until the stream hub has `n` live listeners: the subscriptions are then registered. */
  async function listeners(n: number) {
    const deadline = Date.now() + 10_000;
    while (t.app.services.live.hub.stats().listeners < n) {
      if (Date.now() > deadline) throw new Error(`only ${t.app.services.live.hub.stats().listeners} of ${n} listeners`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function delivered(): Promise<number> {
    const text = await (await t.fetch('/metrics')).text();
    return Number(/^opsgraph_events_delivered_total\{[^}]*\} (\d+)/m.exec(text)?.[1] ?? 0);
  }

  it('writes every live result as a byte-exact graphql-ws next message, in stream order, to each subscriber of a shared group', async () => {
    const p = await line('Direct bytes');
    const token = await t.token(Role.VIEWER);
    const sockets = await Promise.all([0, 1, 2].map(() => socket(token)));
    leftovers.push(() => sockets.forEach((s) => s.close()));
    sockets.forEach((s, i) => s.subscribe(`op-${i}"\\é`, THROUGHPUT_UPDATED_WITH_STATS, { processId: p }));
    await listeners(3);
    await batch(p, 0, 25);
    await batch(p, 25, 25);
    for (const [i, s] of sockets.entries()) {
      await s.until(() => s.texts.filter((text) => text.includes('"next"')).length >= 50);
      const nexts = s.texts.filter((text) => text.includes('"next"'));
      for (const text of nexts) {
        const message = JSON.parse(text);
        expect(message).toMatchObject({ id: `op-${i}"\\é`, type: 'next' });
        // What graphql-ws itself would have written for this message.
        expect(text).toBe(JSON.stringify({ id: message.id, type: 'next', payload: message.payload }));
      }
      const seqs = nexts.map((text) => operationEventSeq(JSON.parse(text).payload.data.throughputUpdated.cursor, operationOf.get(p)!));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(50);
    }
    // The first message of each subscription carries its own cost report (each drew from the bucket in turn); no later one does.
    for (const s of sockets) {
      const nexts = s.messages.filter((m) => m.type === 'next');
      expect(nexts[0].payload.extensions.cost).toMatchObject({ requested: 1 });
      expect(nexts.slice(1).every((m) => m.payload.extensions === undefined)).toBe(true);
    }
    // One group: apart from that report, every socket got the very same payload bytes for an event.
    const payloads = sockets.map((s) =>
      s.messages.filter((m) => m.type === 'next').map((m) => JSON.stringify({ ...m.payload, extensions: undefined })),
    );
    expect(payloads[1]).toEqual(payloads[0]);
    expect(payloads[2]).toEqual(payloads[0]);
  });

  it("replays a resuming subscriber's missed events before live ones while its group receives live, with no gap and no duplicate", async () => {
    const p = await line('Direct resume');
    const { client } = wsClient(t.wsUrl, await t.token(Role.VIEWER));
    leftovers.push(() => client.dispose());
    const first = collect(client, THROUGHPUT_UPDATED_WITH_STATS, { processId: p });
    leftovers.push(() => first.dispose());
    await listeners(1);
    await batch(p, 0, 30);
    await first.until(() => first.results.length >= 30);
    const cursors = first.results.map((r) => r.data!.throughputUpdated.cursor as string);

    const resumed = collect(client, THROUGHPUT_UPDATED_WITH_STATS, { processId: p, after: cursors[9] });
    leftovers.push(() => resumed.dispose());
    // Live events keep arriving while the resumed subscription replays from the database.
    const writing = (async () => {
      for (let i = 0; i < 5; i++) await batch(p, 30 + i * 10, 10);
    })();
    await writing;
    await first.until(() => first.results.length >= 80);
    await resumed.until(() => resumed.results.length >= 70);
    const got = resumed.results.map((r) => r.data!.throughputUpdated);
    const all = first.results.map((r) => r.data!.throughputUpdated.cursor);
    expect(got.map((u) => u.cursor)).toEqual(all.slice(10));
    // Where replay hands over to live depends on timing; that it does so once, after the missed events, does not.
    expect(got.slice(0, 20).every((u) => u.replayed)).toBe(true);
    const firstLive = got.findIndex((u) => !u.replayed);
    if (firstLive >= 0) expect(got.slice(firstLive).every((u) => !u.replayed)).toBe(true);
    expect(resumed.error).toBeNull();
  });

  it('hands a result with errors to graphql-ws to be masked like on HTTP, then completes that subscription only', async () => {
    const p = await line('Direct errors');
    const s = await socket(await t.token(Role.VIEWER));
    leftovers.push(() => s.close());
    s.subscribe('bad', SUBSCRIBE_FAILING_FIELD, { processId: p });
    s.subscribe('good', THROUGHPUT_UPDATED_WITH_STATS, { processId: p });
    await listeners(2);
    await batch(p, 0, 20);
    await s.until(
      () => s.messages.filter((m) => m.id === 'good').length >= 20 && s.messages.some((m) => m.id === 'bad' && m.type === 'complete'),
    );
    const bad = s.messages.filter((m) => m.id === 'bad');
    // The failing field nulls the whole (non-null) result: the stream ends after its error, so the
    // client resumes from its last cursor and nothing is skipped.
    expect(bad.map((m) => m.type)).toEqual(['next', 'complete']);
    expect(bad[0].payload.data).toBeNull();
    expect(bad[0].payload.errors).toHaveLength(1);
    expect(bad[0].payload.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad[0].payload.errors)).not.toMatch(/stack|SELECT/i);
    const good = s.messages.filter((m) => m.id === 'good');
    expect(good.map((m) => m.type)).toEqual(Array(20).fill('next'));
  });

  it('counts every result written directly in opsgraph_events_delivered_total', async () => {
    const p = await line('Direct metrics');
    const { client } = wsClient(t.wsUrl, await t.token(Role.VIEWER));
    leftovers.push(() => client.dispose());
    const subs = [0, 1, 2].map(() => collect(client, THROUGHPUT_UPDATED_WITH_STATS, { processId: p }));
    leftovers.push(() => subs.forEach((s) => s.dispose()));
    await listeners(3);
    const before = await delivered();
    await batch(p, 0, 7);
    for (const s of subs) await s.until(() => s.results.length >= 7);
    expect((await delivered()) - before).toBe(21);
  });

  it("sends nothing more for a subscription the client completed, while the socket's other subscription goes on", async () => {
    const p = await line('Direct complete');
    const s = await socket(await t.token(Role.VIEWER));
    leftovers.push(() => s.close());
    s.subscribe('stays', THROUGHPUT_UPDATED_WITH_STATS, { processId: p });
    s.subscribe('leaves', THROUGHPUT_UPDATED_WITH_STATS, { processId: p });
    await listeners(2);
    await batch(p, 0, 5);
    await s.until(() => s.messages.filter((m) => m.type === 'next').length >= 10);
    s.complete('leaves');
    while (t.app.services.live.hub.stats().listeners > 1) await new Promise((r) => setTimeout(r, 20));
    await batch(p, 5, 5);
    await s.until(() => s.messages.filter((m) => m.id === 'stays').length >= 10);
    expect(s.messages.filter((m) => m.id === 'leaves')).toHaveLength(5);
    expect(s.messages.filter((m) => m.type === 'complete' || m.type === 'error')).toHaveLength(0);
  });
});

/** `samples(from, to)` with `to` before `from` fails with BAD_USER_INPUT on every event. */
const SUBSCRIBE_FAILING_FIELD = `subscription ($processId: ID) {
  throughputUpdated(processId: $processId) { cursor process { samples(from: "2026-05-05T00:00:00.000Z", to: "2026-05-04T00:00:00.000Z", first: 1) { edges { node { id } } } } }
}`;
