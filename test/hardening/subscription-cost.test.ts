import { Role } from '../harness/app';
import { THROUGHPUT_UPDATED } from '../harness/documents';
import { createLine, recordSample } from '../harness/factories';
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
