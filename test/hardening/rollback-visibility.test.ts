import { Role } from '../harness/app';
import { RECORD_THROUGHPUT } from '../harness/documents';
import { createLine, minuteSample, recordSample, subscribeThroughput } from '../harness/factories';
import { holdNextWrite } from '../harness/hold';
import { describeApp } from '../harness/suite';
import { opened, sleep } from '../harness/wait';

/**
 * Issue 17: on SQLite every read ran on the one connection that write transactions use, so a read
 * that landed between a transaction's statements saw its rows before the commit. For the stream
 * hub that broke exactly-once: it read the event row of a transaction that then rolled back,
 * delivered an event that never happened, and moved its position past a sequence number that the
 * next real event reuses, so that event was skipped for every live subscriber. Here a write is
 * held right after its event row is inserted; an HTTP query, the hub (a notification and a poll
 * period) and a resuming subscriber look meanwhile; then the write rolls back. MariaDB (a pool:
 * every transaction has its own connection) held already; SQLite now reads through a connection
 * of its own.
 */
describeApp('reads during a write that rolls back, on %s', { databases: ['sqlite', 'mysql'] }, ({ t, leftovers }) => {
  it('nobody sees the rolled-back write, and the next committed event (same sequence number) reaches live and resuming subscribers once', async () => {
    const { operationId, processId } = await createLine(t);
    const live = await opened(t, () => subscribeThroughput(t, leftovers, { operationId }));
    const first = await recordSample(t, minuteSample(processId, 0));
    await live.until(() => live.results.length === 1);
    const firstCursor: string = live.results[0].data!.throughputUpdated.cursor;

    // Hold the next write after its event row is in, until released; then fail it (roll back).
    const held = holdNextWrite(leftovers, { then: 'fail' });
    const doomed = t.gql(RECORD_THROUGHPUT, { input: { ...minuteSample(processId, 1), goodUnits: 7 } }, Role.OPERATOR);
    await held.reached;
    const streamKey = held.streamKey;

    // 1. An HTTP query sees the committed sample only.
    const during = await t.gql(SAMPLES, { id: processId });
    expect(during.errors).toBeUndefined();
    expect(during.data.node.samples.totalCount).toBe(1);
    expect(during.data.node.samples.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([first.id]);

    // 2. The hub reads the stream: on a notification naming the uncommitted sequence (as another
    //    instance's would), and on its own poll.
    await t.app.events.notify({ streamKey, seq: 2 });
    await sleep(t.app.config.realtime.pollMs * 1.5);
    expect(received(live)).toEqual([key(first)]);

    // 3. A subscriber resumes after the first event while the write is open: its replay reads too.
    const resumedDuring = await opened(t, () => subscribeThroughput(t, leftovers, { operationId, after: firstCursor }));

    held.release();
    const failed = await doomed;
    expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const after = await t.gql(SAMPLES, { id: processId });
    expect(after.data.node.samples.totalCount).toBe(1);

    // The next real events: the first of them takes the rolled-back write's sequence number.
    const second = await recordSample(t, { ...minuteSample(processId, 2), goodUnits: 2 });
    const third = await recordSample(t, { ...minuteSample(processId, 3), goodUnits: 3 });
    await live.until(() => received(live).includes(key(third)));
    await resumedDuring.until(() => received(resumedDuring).includes(key(third)));
    const resumedAfter = await opened(t, () => subscribeThroughput(t, leftovers, { operationId, after: firstCursor }));
    await resumedAfter.until(() => received(resumedAfter).includes(key(third)));

    // Sample IDs with their good units: SQLite hands the rolled-back row's ID to the next sample.
    expect(received(live)).toEqual([key(first), key(second), key(third)]);
    expect(received(resumedDuring)).toEqual([key(second), key(third)]);
    expect(received(resumedAfter)).toEqual([key(second), key(third)]);
    for (const s of [live, resumedDuring, resumedAfter]) expect(s.error).toBeNull();
    const secondSeq = sequenceOf(live.results[1].data!.throughputUpdated.cursor);
    expect(secondSeq).toBe(sequenceOf(firstCursor) + 1);
  });
});

/** A sample as `<id>/<good units>`. */
const key = (sample: { id: string; goodUnits: number }) => `${sample.id}/${sample.goodUnits}`;

/** The samples a subscription received, in order, as `key` gives them. */
function received(s: { results: { data?: any }[] }): string[] {
  return s.results.map((r) => key(r.data?.throughputUpdated?.sample ?? {}));
}

/** The sequence number inside an (opaque to clients) event cursor. */
function sequenceOf(cursor: string): number {
  return Number(/:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))![1]);
}

const SAMPLES = /* GraphQL */ `
  query Samples($id: ID!) {
    node(id: $id) {
      ... on Process {
        samples(first: 50) {
          totalCount
          edges {
            node {
              id
            }
          }
        }
      }
    }
  }
`;
