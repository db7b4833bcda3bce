import { Role } from '../harness/app';
import { THROUGHPUT_UPDATED } from '../harness/documents';
import { createLine, minuteSamples, recordSample, recordSamples } from '../harness/factories';
import { describeApp } from '../harness/suite';
import { collect, wsClient } from '../harness/ws';

/**
 * Issue 13, finding 2: subscriptions multiply every write. A subscription's selection runs once per
 * event, so it is priced per event when opened (SUBSCRIPTION_MAX_EVENT_COMPLEXITY, `eventComplexity`),
 * and a stream's distinct documents are capped (SUBSCRIPTION_MAX_DOCUMENTS_PER_STREAM): identical
 * documents still share one execution. Shipped defaults (500 and 20).
 */
const POINT = 'label stats { goodUnits plannedMinutes attainment { value } }';
const trends = (n: number, args: string) => Array.from({ length: n }, (_, i) => `t${i}: trend(${args}) { ${POINT} }`).join(' ');
const TREND_ATTACK = `subscription AttackEvents($operationId: ID!) { throughputUpdated(operationId: $operationId) { cursor process { id ${trends(30, 'bucket: HOUR, lastMinutes: 119900')} } } }`;
/** Three day-long hourly trends per event: about 900 per event, far under QUERY_MAX_COMPLEXITY, over 500. */
const THREE_TRENDS = `subscription ThreeTrends($operationId: ID!) { throughputUpdated(operationId: $operationId) { cursor process { id ${trends(3, 'bucket: HOUR')} } } }`;

/** A distinct (cheap) document on the operation's stream: only an alias differs. */
const variant = (i: number) =>
  `subscription Variant${i}($operationId: ID!) { throughputUpdated(operationId: $operationId) { cursor v${i}: replayed } }`;

type Errors = { extensions?: Record<string, unknown> }[];
type Run = ReturnType<typeof collect>;

describeApp('subscription cost on %s', ({ t, leftovers }) => {
  let minute = Math.floor(Date.now() / 60_000) - 600;

  /** Records one-minute samples (one every 200 ms, at most 50) until each run has had an event since the call. */
  async function untilEvents(processId: string, runs: Run[]) {
    const seen = runs.map((r) => r.results.length);
    for (let tries = 0; tries < 50 && runs.some((r, i) => r.results.length <= seen[i]); tries++) {
      minute++;
      await recordSample(t, {
        processId,
        periodStart: new Date(minute * 60_000).toISOString(),
        periodEnd: new Date((minute + 1) * 60_000).toISOString(),
      });
      await new Promise((r) => setTimeout(r, 200));
    }
    runs.forEach((run, i) => expect(run.results.length).toBeGreaterThan(seen[i]));
  }

  async function socket(sub: string) {
    const { client } = wsClient(t.wsUrl, await t.token(Role.VIEWER, { sub }));
    leftovers.push(() => client.dispose());
    return client;
  }

  it('refuses the issue’s 30-trend subscription with QUERY_TOO_COMPLEX', async () => {
    const { operationId } = await createLine(t, undefined, 2);
    const run = collect(await socket('attacker'), TREND_ATTACK, { operationId });
    await run.until(() => false);
    expect((run.error as Errors)[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    expect(run.results).toEqual([]);
  });

  it('refuses a subscription under QUERY_MAX_COMPLEXITY but above its per-event maximum, naming eventComplexity', async () => {
    const { operationId } = await createLine(t);
    const run = collect(await socket('trends'), THREE_TRENDS, { operationId });
    await run.until(() => false);
    const extensions = (run.error as Errors)[0].extensions!;
    const limits = t.config.hardening.limits;
    expect(extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'eventComplexity', max: limits.maxEventComplexity });
    expect(extensions.value as number).toBeGreaterThan(limits.maxEventComplexity);
    expect(extensions.value as number).toBeLessThan(limits.maxComplexity);
  });

  it('caps a stream’s distinct documents; an identical one still joins, and a bystander keeps its events', async () => {
    const { operationId, processId } = await createLine(t);
    const max = t.config.hardening.limits.maxDocumentsPerStream;
    const bystander = collect(await socket('bystander'), THROUGHPUT_UPDATED, { operationId });
    const attacker = await socket('flooder');
    const variants = Array.from({ length: max - 1 }, (_, i) => collect(attacker, variant(i), { operationId }));
    // Every open document has had an event: all `max` of them are registered on the stream.
    await untilEvents(processId, [bystander, ...variants]);

    const oneTooMany = collect(attacker, variant(max), { operationId });
    await oneTooMany.until(() => false);
    expect((oneTooMany.error as Errors)[0].extensions).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTION_DOCUMENTS', retryable: false, max });

    const identical = collect(attacker, variant(0), { operationId });
    const before = bystander.results.length;
    await untilEvents(processId, [identical]);
    expect(identical.error).toBeNull();
    expect(identical.results[0].errors).toBeUndefined();
    expect(bystander.results.length).toBeGreaterThan(before);
    expect(bystander.error).toBeNull();
    expect(bystander.results.every((r) => !r.errors)).toBe(true);
  });
});

/**
 * The server's own backlog of event work is bounded too: executions waiting for their turn past
 * EVENT_EXECUTION_BACKLOG are refused, their subscribers get SERVICE_UNAVAILABLE for that event and
 * complete, and a resume from the last cursor replays every event after it. Set to 2 here: the
 * default (20,000) takes a burst of two full 500-sample batches on a stream with 20 documents open.
 */
describeApp('subscription event backlog on %s', { env: { EVENT_EXECUTION_BACKLOG: '2' } }, ({ t, leftovers }) => {
  it('refuses events past the backlog with SERVICE_UNAVAILABLE, ends the stream, and a resume gets every event, in order', async () => {
    const { operationId, processId } = await createLine(t, 'Backlog');
    const { client } = wsClient(t.wsUrl, await t.token(Role.VIEWER, { sub: 'backlog' }));
    leftovers.push(() => client.dispose());
    const live = collect(client, THROUGHPUT_UPDATED, { operationId });
    await new Promise((r) => setTimeout(r, 300));

    // One batch of 60 samples: 60 events at once, for one group. 4 run, 2 wait, the rest are refused.
    const batch = await recordSamples(t, minuteSamples(processId, 0, 60));
    await live.until(() => live.completed, 20_000);
    expect(live.completed).toBe(true);
    const delivered = live.results.filter((r) => !r.errors);
    const refused = live.results.filter((r) => r.errors);
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.length).toBeLessThan(60);
    expect(refused).toHaveLength(1);
    expect(refused[0].errors![0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true, backlog: 2 });
    expect(JSON.stringify(refused[0])).not.toMatch(/at .*\.ts|stack/i);

    // Resuming from the last cursor replays the rest (a replay is pulled one event at a time).
    type Update = { throughputUpdated: { cursor: string; sample: { id: string } } };
    const last = (delivered.at(-1)!.data as Update).throughputUpdated.cursor;
    const resumed = collect<Update>(client, THROUGHPUT_UPDATED, { operationId, after: last });
    await resumed.until(() => resumed.results.length >= 60 - delivered.length, 20_000);
    expect(resumed.error).toBeNull();
    const ids = [...delivered, ...resumed.results].map((r) => (r.data as Update).throughputUpdated.sample.id);
    expect(ids).toEqual(batch.samples.map((s) => s.id));

    // Other clients are unaffected: a query still answers.
    expect((await t.fetch('/healthz')).status).toBe(200);
  }, 60_000);
});
