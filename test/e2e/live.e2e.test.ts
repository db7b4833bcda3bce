import { dataOf, Role, type Caller } from '../harness/app';
import { operationEventSeq } from '../harness/cursors';
import { RECORD_THROUGHPUT_BATCH, THROUGHPUT_UPDATED, THROUGHPUT_UPDATED_WITH_STATS } from '../harness/documents';
import { createLine, minute, recordSample, subscribeThroughput } from '../harness/factories';
import { describeApp } from '../harness/suite';
import { collect, wsClient } from '../harness/ws';
import { opened } from '../harness/wait';

describeApp('throughputUpdated on %s', { env: { EVENT_REPLAY_LIMIT: '2000' } }, ({ t, leftovers }) => {
  async function line(name: string, processes = 1) {
    const { operationId: op, processIds: ids } = await createLine(t, name, processes);
    return { op, ids };
  }

  async function record(processId: string, i: number, good = 10, as: Caller = Role.OPERATOR) {
    const sample = await recordSample(
      t,
      { processId, periodStart: minute(i), periodEnd: minute(i + 1), goodUnits: good, rejectedUnits: 1 },
      as,
    );
    return sample.id;
  }

  function connect(role: Role | null = Role.VIEWER) {
    return (async () => {
      const { client, closes } = wsClient(t.wsUrl, role ? await t.token(role) : null);
      leftovers.push(() => client.dispose());
      return { client, closes };
    })();
  }

  it('delivers an event with the sample and rolling stats after recordThroughput, and the sample is readable', async () => {
    const {
      ids: [p],
    } = await line('Live 1');
    const sub = await opened(t, () => subscribeThroughput(t, leftovers, { processId: p }, THROUGHPUT_UPDATED_WITH_STATS));
    const sampleId = await record(p, 0, 42);
    await sub.until(() => sub.results.length >= 1);
    const update = sub.results[0].data!.throughputUpdated;
    expect(update).toMatchObject({ replayed: false, sample: { id: sampleId, goodUnits: 42 }, process: { id: p } });
    expect(update.stats.goodUnits).toBeGreaterThanOrEqual(0);
    expect(typeof update.cursor).toBe('string');
  });

  it('filters by process within an operation stream and by operation', async () => {
    const {
      op,
      ids: [a, b],
    } = await line('Live filter', 2);
    const { client } = await connect();
    const [onlyB, all] = await opened(
      t,
      () => [
        collect(client, THROUGHPUT_UPDATED_WITH_STATS, { processId: b }),
        collect(client, THROUGHPUT_UPDATED_WITH_STATS, { operationId: op }),
      ],
      2,
    );
    await record(a, 0);
    await record(b, 0);
    await all.until(() => all.results.length >= 2);
    await onlyB.until(() => onlyB.results.length >= 1);
    expect(onlyB.results.map((r) => r.data!.throughputUpdated.process.id)).toEqual([b]);
    expect(all.results.map((r) => r.data!.throughputUpdated.process.id)).toEqual([a, b]);
  });

  it('resumes exactly once: 4 concurrent writers, 1,000 samples, the subscriber disconnected and resumed several times', async () => {
    const { op, ids } = await line('Live resume', 4);
    const committed: string[] = [];
    const seen: string[] = [];
    const cursors: string[] = [];
    let after: string | null = null;
    let done = false;
    let writing: Promise<void> | null = null;
    for (let round = 0; !done || seen.length < committed.length; round++) {
      const { client } = wsClient(t.wsUrl, await t.token(Role.VIEWER));
      const sub = collect(client, THROUGHPUT_UPDATED, { operationId: op, after });
      if (!writing) {
        // The first subscriber is live before any write; every later one resumes from its cursor.
        await new Promise((r) => setTimeout(r, 200));
        // Each writer is its own line terminal (its own token, so its own rate-limit bucket: 250
        // samples at 6 points each fit the shipped 2,000-point bucket without pacing).
        writing = Promise.all(
          ids.map(async (p, w) => {
            const terminal = { token: await t.token(Role.OPERATOR, { sub: `terminal-${w}` }) };
            for (let i = 0; i < 250; i++) committed.push(await record(p, i, 10, terminal));
          }),
        ).then(() => {
          done = true;
        });
      }
      await sub.until(() => sub.results.length >= 120 || (done && seen.length + sub.results.length >= committed.length), 20_000);
      expect(sub.error).toBeNull();
      for (const r of sub.results) {
        seen.push(r.data!.throughputUpdated.sample.id);
        cursors.push(r.data!.throughputUpdated.cursor);
      }
      after = cursors[cursors.length - 1] ?? after;
      await client.dispose();
      if (round > 40) throw new Error('too many rounds');
    }
    await writing;
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);
    expect(new Set(seen)).toEqual(new Set(committed));
    const seqs = cursors.map((c) => operationEventSeq(c, op));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(seqs[seqs.length - 1] - seqs[0]).toBe(999);
  }, 120_000);

  it('ends a subscription whose cursor is beyond the replay limit with RESYNC_REQUIRED', async () => {
    const {
      op,
      ids: [p],
    } = await line('Live cap');
    const { client } = await connect();
    const first = await opened(t, () => collect(client, THROUGHPUT_UPDATED, { operationId: op }));
    await record(p, 0);
    await first.until(() => first.results.length === 1);
    const cursor = first.results[0].data!.throughputUpdated.cursor;
    // Only the cursor was needed: a live subscriber left open would queue the 2,001 events below and
    // could be cut off as a slow consumer (4008), closing the socket the late subscription shares.
    first.dispose();
    const samples = Array.from({ length: 2001 }, (_, i) => ({
      processId: p,
      periodStart: minute(10 + i),
      periodEnd: minute(11 + i),
      goodUnits: 1,
      rejectedUnits: 0,
    }));
    for (let i = 0; i < samples.length; i += 500) {
      expect(
        dataOf(await t.gql(RECORD_THROUGHPUT_BATCH, { input: { samples: samples.slice(i, i + 500) } }, Role.OPERATOR)).recordThroughputBatch
          .__typename,
      ).toBe('ThroughputBatch');
    }
    const late = collect(client, THROUGHPUT_UPDATED, { operationId: op, after: cursor });
    await late.until(() => false, 5000).catch(() => undefined);
    const errors = (late.results[0]?.errors ?? (late.error as any[])) as any[];
    expect(errors?.[0]?.extensions?.code).toBe('RESYNC_REQUIRED');
  });

  it('refuses a cursor of another stream and a subscription without a token', async () => {
    const a = await line('Live A');
    const b = await line('Live B');
    const { client } = await connect();
    const s = await opened(t, () => collect(client, THROUGHPUT_UPDATED, { operationId: a.op }));
    await record(a.ids[0], 0);
    await s.until(() => s.results.length === 1);
    const foreign = collect(client, THROUGHPUT_UPDATED, { operationId: b.op, after: s.results[0].data!.throughputUpdated.cursor });
    await foreign.until(() => foreign.results.length > 0 || foreign.completed, 5000);
    const errors = (foreign.results[0]?.errors ?? (foreign.error as any[])) as any[];
    expect(errors[0].extensions.code).toBe('BAD_USER_INPUT');

    const anonymous = await connect(null);
    const denied = collect(anonymous.client, THROUGHPUT_UPDATED, { operationId: a.op });
    await denied.until(() => denied.results.length > 0 || denied.completed, 5000);
    const deniedErrors = (denied.results[0]?.errors ?? (denied.error as any[])) as any[];
    expect(deniedErrors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('closes the socket with 4403 when the token expires and sends nothing after', async () => {
    const {
      ids: [p],
    } = await line('Live expiry');
    const token = await t.token(Role.VIEWER, { expiresIn: Math.floor(Date.now() / 1000) + 2, sub: 'short-lived' });
    const { client, closes } = wsClient(t.wsUrl, token);
    leftovers.push(() => client.dispose());
    const sub = await opened(t, () => collect(client, THROUGHPUT_UPDATED, { processId: p }));
    await record(p, 0);
    await sub.until(() => sub.results.length === 1);
    await new Promise((r) => setTimeout(r, 2500));
    await record(p, 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(sub.results).toHaveLength(1);
    expect(closes.map((c) => c.code)).toContain(4403);
  });
});
