/**
 * Shared plumbing of the fan-out scenarios (4–6): the app with one RUNNING process, the
 * `throughputUpdated` subscription document (built from the schema; null while it is missing),
 * the client processes, a producer of samples, and collection of what the clients received.
 */
import { startChild, type BenchChild } from './children';
import { Histogram } from './stats';
import { dataOf, postGraphQL, sleep, type AppHandle, type Bench } from './bench';
import { introspect } from './schema-info';
import { createLine, PeriodCursor, RECORD_ONE, sampleInput } from './fixtures';
import { freshDatabase } from '../seed';

/** Client processes holding the sockets (the machine has 2 cores). */
export const CLIENT_PROCESSES = 2;

export interface FanoutApp {
  app: AppHandle;
  processId: string;
  subscription: { query: string; variables: Record<string, unknown> };
  stop(): Promise<void>;
}

/**
 * Starts the app on a scratch SQLite database with one process; null when the subscription is not
 * in the schema yet. With `root` it is that tree's app (the `--baseline-ref` worktree), whose own
 * migrations make its scratch database on start.
 */
export async function startFanoutApp(
  bench: Bench,
  name: string,
  options: { exposeGc?: boolean; root?: string } = {},
): Promise<FanoutApp | null> {
  const db = await freshDatabase('sqlite', `opsgraph_bench_scratch_${name}`);
  const app = await bench.startApp('sqlite', db.url, {}, { ...options, name: options.root ? 'baseline app(sqlite)' : undefined });
  const stop = async () => {
    await app.stop();
    await db.drop();
  };
  try {
    const schema = await introspect(app);
    const field = schema.field('Subscription', 'throughputUpdated');
    if (!field || !field.args.some((a) => a.name === 'processId')) {
      await stop();
      return null;
    }
    const type = schema.namedType(field.type);
    const parts: string[] = [];
    for (const name of ['cursor', 'replayed']) if (schema.hasField(type, name)) parts.push(name);
    const sample = schema.field(type, 'sample');
    if (sample) {
      const sampleType = schema.namedType(sample.type);
      parts.push(`sample { id${schema.hasField(sampleType, 'recordedAt') ? ' recordedAt' : ''} }`);
    }
    const stats = schema.field(type, 'stats');
    if (stats) {
      const statsType = schema.namedType(stats.type);
      parts.push(
        schema.hasField(statsType, 'oee')
          ? 'stats { goodUnits totalUnits sampleCount unitsPerHour { value } oee { oee { value } } }'
          : `stats { ${schema.leaves(statsType, 0) || '__typename'} }`,
      );
    }
    const [processId] = await createLine(app, `Fan-out line ${name}`, 1);
    return {
      app,
      processId,
      subscription: {
        query: `subscription S($processId: ID!) { throughputUpdated(processId: $processId) { ${parts.join(' ') || '__typename'} } }`,
        variables: { processId },
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function startClients(): Promise<BenchChild[]> {
  return Promise.all(
    Array.from({ length: CLIENT_PROCESSES }, (_, i) => startChild(`ws-clients-${i}`, 'ws-client-process.ts', { maxOldSpaceMb: 2048 })),
  );
}

/** Opens `total` sockets spread over the client processes; throws if more than 1 % fail. */
export async function openSockets(clients: BenchChild[], total: number, args: Record<string, unknown>) {
  const per = Math.ceil(total / clients.length);
  const results = await Promise.all(
    clients.map((c, i) =>
      c.request<{ opened: number; failed: number; firstError: string | null; ms: number }>(
        'open',
        {
          concurrency: 50,
          timeoutMs: 30_000,
          ...args,
          count: Math.min(per, total - i * per),
        },
        180_000,
      ),
    ),
  );
  const opened = results.reduce((n, r) => n + r.opened, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  if (failed > total * 0.01)
    throw new Error(`${failed} of ${total} sockets failed to open: ${results.find((r) => r.firstError)?.firstError}`);
  return { opened, failed, seconds: Math.max(...results.map((r) => r.ms)) / 1000 };
}

export interface Received {
  messages: number;
  errors: number;
  errorText: string | null;
  firstAt: number;
  lastAt: number;
  histogram: Histogram;
  open: number;
  closeCodes: Record<string, number>;
  sampleText: string | null;
}

export async function collect(clients: BenchChild[]): Promise<Received> {
  const reports = await Promise.all(clients.map((c) => c.request<any>('report', {}, 60_000)));
  const histogram = new Histogram();
  const closeCodes: Record<string, number> = {};
  for (const r of reports) {
    histogram.merge(r.histogram);
    for (const [code, n] of Object.entries(r.closeCodes as Record<string, number>)) closeCodes[code] = (closeCodes[code] ?? 0) + n;
  }
  const firsts = reports.map((r) => r.firstAt).filter((v) => v > 0);
  return {
    messages: reports.reduce((n, r) => n + r.messages, 0),
    errors: reports.reduce((n, r) => n + r.errors, 0),
    errorText: reports.find((r) => r.errorText)?.errorText ?? null,
    firstAt: firsts.length ? Math.min(...firsts) : 0,
    lastAt: Math.max(0, ...reports.map((r) => r.lastAt)),
    histogram,
    open: reports.reduce((n, r) => n + r.open, 0),
    closeCodes,
    sampleText: reports.find((r) => r.sampleText)?.sampleText ?? null,
  };
}

export async function startMeasuring(clients: BenchChild[], latency: boolean) {
  await Promise.all(clients.map((c) => c.request('measure', { latency })));
}

/** Waits until `expected` messages arrived, or nothing new arrived for `idleMs`, or `timeoutMs`. */
export async function waitForDelivery(clients: BenchChild[], expected: number, timeoutMs = 30_000, idleMs = 3000): Promise<Received> {
  const end = Date.now() + timeoutMs;
  let last = await collect(clients);
  let lastChange = Date.now();
  while (last.messages < expected && Date.now() < end && Date.now() - lastChange < idleMs) {
    await sleep(200);
    const next = await collect(clients);
    if (next.messages !== last.messages) lastChange = Date.now();
    last = next;
  }
  return last;
}

/** Records samples for one process through the API; sequential (one in flight) unless told otherwise. */
export class Producer {
  /**
   * One period cursor per app and process, shared by every producer of it: a producer made for the
   * next size would otherwise start again at the same periods, and its first samples (the warm-up
   * among them) would be refused as SAMPLE_OVERLAP while the round's clock runs.
   */
  private static readonly cursors = new Map<string, PeriodCursor>();
  private readonly periods: PeriodCursor;
  private i = 0;
  sent = 0;
  failed = 0;
  firstFailure: string | null = null;

  constructor(
    private readonly app: AppHandle,
    private readonly processId: string,
    private readonly token: string,
  ) {
    const key = `${app.url} ${processId}`;
    let cursor = Producer.cursors.get(key);
    if (!cursor) Producer.cursors.set(key, (cursor = new PeriodCursor(30 * 24 * 3600 * 1000)));
    this.periods = cursor;
  }

  /** Records one sample; a failure or a timeout (20 s) is counted, not thrown. */
  async recordOne(): Promise<boolean> {
    let result;
    try {
      result = await postGraphQL(
        `${this.app.url}/graphql`,
        RECORD_ONE,
        { input: sampleInput(this.processId, this.periods.take(), this.i++) },
        this.token,
        20_000,
      );
    } catch (error) {
      this.failed++;
      this.firstFailure ??= (error as Error).message;
      return false;
    }
    const data = result.data?.recordThroughput;
    if (data?.__typename === 'ThroughputSample') {
      this.sent++;
      return true;
    }
    this.failed++;
    this.firstFailure ??= JSON.stringify(result.errors ?? data).slice(0, 300);
    return false;
  }

  /** Records back to back for `ms`. */
  async flood(ms: number) {
    const end = performance.now() + ms;
    while (performance.now() < end) await this.recordOne();
  }

  /** Records `perSecond` samples a second for `ms`, at most 20 in flight. */
  async paced(perSecond: number, ms: number) {
    const total = Math.round((ms / 1000) * perSecond);
    const started = performance.now();
    const inFlight = new Set<Promise<boolean>>();
    for (let k = 0; k < total; k++) {
      const wait = started + (k * 1000) / perSecond - performance.now();
      if (wait > 0) await sleep(wait);
      if (inFlight.size >= 20) await Promise.race(inFlight);
      const p = this.recordOne().finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
  }
}

/** The 24-character ISO timestamp after "recordedAt" in a captured message (the raw baseline replaces it per send). */
export function timestampPlaceholder(text: string): string | null {
  return /"recordedAt":"([^"]{24})"/.exec(text)?.[1] ?? null;
}

export async function stopAll(children: (BenchChild | { stop(): Promise<void> } | null | undefined)[]) {
  await Promise.all(children.map((c) => c?.stop().catch(() => undefined)));
}

export { dataOf };
