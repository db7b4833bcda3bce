import {
  GraphQLBoolean,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  execute,
  parse,
  type ExecutionResult,
} from 'graphql';
import { Role, type Viewer } from '../common/auth';
import { createLogger } from '../common/logger';
import { loadConfig, type Config } from '../config';
import { createContext, type Context, type LiveSocket } from '../context';
import type { Services } from '../modules';
import { withOptions, type LivePayload } from '../modules/live-stream';
import { StreamHub } from '../realtime/hub';
import { openLiveStream } from '../realtime/live-iterator';
import { openSpecDatabase, until, type SpecDatabase } from '../realtime/spec-database';
import { createSharedSubscribe, MAX_CONCURRENT_EVENT_EXECUTIONS, MAX_WAITING_EVENT_EXECUTIONS } from './subscription-execution';

const STREAM = 'operation:1';

/** The only fake: a socket that keeps the frames written to it. */
class FakeSocket implements LiveSocket {
  readonly frames: string[] = [];
  closed: { code: number; reason: string } | null = null;
  bufferedAmount = 0;
  sendNext(payloadJson: string): boolean {
    if (this.closed) return false;
    this.frames.push(payloadJson);
    return true;
  }
  close(code: number, reason: string): void {
    this.closed = { code, reason };
  }
}

describe('createSharedSubscribe', () => {
  it("defaults to the app's EVENT_EXECUTION_BACKLOG default when no maxWaitingExecutions is given", () => {
    // Two literals that must agree: the module's default for direct users, and the shipped setting.
    expect(loadConfig({ NODE_ENV: 'test' }).realtime.eventExecutionBacklog).toBe(MAX_WAITING_EVENT_EXECUTIONS);
  });

  let db: SpecDatabase;
  let hub: StreamHub;
  let shared: ReturnType<typeof createSharedSubscribe>;
  /** Every execution of the `ticks` field: the event, the subscription's label and the context it ran on. */
  let executions: { seq: number; label: string | null; ctx: Context }[];
  /** Contexts the subscribe phase ran on. */
  let subscribePhases: Context[];
  /** Sequences in the order their executions finished. */
  let finished: number[];
  /** Milliseconds an event's execution takes, by sequence (default 0). */
  let delays: Map<number, number>;
  /** Sequences whose execution fails. */
  let failing: Set<number>;
  const iterators: AsyncIterableIterator<ExecutionResult>[] = [];
  let nextSubscriber = 1;

  const Tick = new GraphQLObjectType<LivePayload<{ label: string | null }>>({
    name: 'Tick',
    fields: {
      seq: { type: new GraphQLNonNull(GraphQLInt), resolve: (p) => p.item.event.seq },
      replayed: { type: new GraphQLNonNull(GraphQLBoolean), resolve: (p) => p.item.replayed },
      label: { type: GraphQLString, resolve: (p) => p.options.label },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLBoolean } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        ticks: {
          type: Tick,
          args: { label: { type: GraphQLString }, after: { type: GraphQLInt } },
          subscribe: async (_root, args: { label?: string; after?: number }, ctx: Context) => {
            subscribePhases.push(ctx);
            const iterator = await openLiveStream({
              dataSource: db.dataSource,
              hub,
              streamKey: STREAM,
              afterSeq: args.after ?? null,
              replayLimit: 1000,
              maxQueue: 1000,
              filter: () => true,
              expired: () => false,
              onCutOff: (code, reason) => ctx.socket?.close(code, reason),
            });
            return withOptions(iterator, { label: args.label ?? null });
          },
          resolve: async (payload: LivePayload<{ label: string | null }>, _args, ctx: Context) => {
            const seq = payload.item.event.seq;
            executions.push({ seq, label: payload.options.label, ctx });
            const delay = delays.get(seq) ?? 0;
            if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
            finished.push(seq);
            if (failing.has(seq)) throw new Error(`event ${seq} could not be resolved`);
            return payload;
          },
        },
      },
    }),
  });
  const DOCUMENT = 'subscription Ticks($label: String, $after: Int) { ticks(label: $label, after: $after) { seq replayed label } }';

  /**
   * One subscriber as graphql-ws runs it: its context (built like the app's), `subscribe`, then a
   * loop waiting in next() and keeping what it is handed (results with errors; everything on the
   * pulled path). Live results of the direct path land in `socket.frames` instead.
   */
  async function subscribe(options: { label?: string; after?: number; roles?: Role[]; socket?: boolean } = {}) {
    const socket = new FakeSocket();
    const viewer: Viewer = { subject: 'someone', name: null, roles: options.roles ?? [Role.VIEWER], expiresAt: null };
    const ctx = createContext({
      dataSource: db.dataSource,
      services: {} as Services,
      config: {} as Config,
      viewer,
      requestId: `request-${nextSubscriber++}`,
      socket: options.socket === false ? undefined : socket,
    });
    const loadersBefore = ctx.loaders;
    const result = await shared.subscribe({
      schema,
      document: parse(DOCUMENT),
      variableValues: { label: options.label, after: options.after },
      contextValue: ctx,
    });
    if (!(Symbol.asyncIterator in result)) throw new Error(`subscribe failed: ${JSON.stringify(result)}`);
    const iterator = result as AsyncIterableIterator<ExecutionResult>;
    iterators.push(iterator);
    const handed: ExecutionResult[] = [];
    let ended = false;
    void (async () => {
      for (;;) {
        const step = await iterator.next();
        if (step.done) break;
        handed.push(step.value);
      }
      ended = true;
    })();
    const ticks = () =>
      socket.frames.map(
        (frame) => (JSON.parse(frame) as { data: { ticks: { seq: number; replayed: boolean; label: string | null } } }).data.ticks,
      );
    return { ctx, loadersBefore, socket, iterator, handed, ticks, seqs: () => ticks().map((t) => t.seq), ended: () => ended };
  }

  beforeEach(async () => {
    db = await openSpecDatabase();
    hub = new StreamHub(db.dataSource, db.bus, createLogger('silent'), { pollMs: 60_000 });
    shared = createSharedSubscribe();
    executions = [];
    subscribePhases = [];
    finished = [];
    delays = new Map();
    failing = new Set();
  });

  afterEach(async () => {
    for (const iterator of iterators.splice(0)) await iterator.return?.();
    hub.close();
    await db.close();
  });

  it('executes each event once for identical subscriptions and writes the same frame to each subscriber', async () => {
    const subscribers = [await subscribe({ label: 'a' }), await subscribe({ label: 'a' }), await subscribe({ label: 'a' })];

    await db.append(STREAM, 3);
    await until(() => subscribers.every((s) => s.socket.frames.length === 3), 'three frames each');

    expect(executions.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(shared.stats).toMatchObject({ executions: 3, shared: 6 });
    for (const s of subscribers) {
      expect(s.seqs()).toEqual([1, 2, 3]);
      expect(s.socket.frames).toEqual(subscribers[0].socket.frames);
      expect(s.handed).toEqual([]);
    }
  });

  it('does not share an execution between different variables or different roles', async () => {
    const a = await subscribe({ label: 'a' });
    const b = await subscribe({ label: 'b' });
    const admin = await subscribe({ label: 'a', roles: [Role.ADMIN] });
    const again = await subscribe({ label: 'a' });

    await db.append(STREAM, 2);
    await until(() => [a, b, admin, again].every((s) => s.socket.frames.length === 2), 'two frames each');

    // Three groups (a as VIEWER twice, b, a as ADMIN), two events.
    expect(executions).toHaveLength(6);
    expect(shared.stats.executions).toBe(6);
    expect(b.ticks().map((t) => t.label)).toEqual(['b', 'b']);
    expect(again.socket.frames).toEqual(a.socket.frames);
  });

  it('writes results in stream order to every subscriber, even when later events finish first', async () => {
    delays.set(1, 60).set(3, 20);
    const subscribers = [await subscribe(), await subscribe()];

    await db.append(STREAM, 4);
    await until(() => subscribers.every((s) => s.socket.frames.length === 4), 'four frames each');

    expect(finished).toEqual([2, 4, 3, 1]);
    for (const s of subscribers) expect(s.seqs()).toEqual([1, 2, 3, 4]);
  });

  it('runs at most MAX_CONCURRENT_EVENT_EXECUTIONS executions at once when a burst of events arrives, starting them in stream order', async () => {
    let runningNow = 0;
    let peak = 0;
    shared = createSharedSubscribe({
      execute: async (args) => {
        runningNow++;
        peak = Math.max(peak, runningNow);
        try {
          return await execute(args);
        } finally {
          runningNow--;
        }
      },
    });
    for (let seq = 1; seq <= 12; seq++) delays.set(seq, 5);
    const [one, two] = [await subscribe({ label: 'a' }), await subscribe({ label: 'b' })];

    await db.append(STREAM, 12);
    await until(() => one.socket.frames.length === 12 && two.socket.frames.length === 12, 'twelve frames each');

    // Two groups × 12 events = 24 executions, never more than the limit at once, started in order.
    expect(shared.stats.executions).toBe(24);
    expect(peak).toBe(MAX_CONCURRENT_EVENT_EXECUTIONS);
    expect(shared.stats.peakRunning).toBe(MAX_CONCURRENT_EVENT_EXECUTIONS);
    expect(executions.filter((e) => e.label === 'a').map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(one.seqs()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(two.seqs()).toEqual(one.seqs());
  });

  it("refuses an execution once maxWaitingExecutions wait, ends its subscribers' streams after that error, and a resume replays the refused event", async () => {
    // One running and two waiting at most (the defaults, 4 and 20,000, need a burst that large).
    shared = createSharedSubscribe({ maxConcurrentExecutions: 1, maxWaitingExecutions: 2 });
    for (let seq = 1; seq <= 5; seq++) delays.set(seq, 20);
    const [one, two] = [await subscribe(), await subscribe()];

    await db.append(STREAM, 5);
    await until(() => one.ended() && two.ended(), 'both streams ended');

    // Event 1 runs, 2 and 3 wait, 4 and 5 are refused (once each for the group): the streams end at
    // 4's error, after 1–3 were written in order.
    expect(executions.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(shared.stats).toMatchObject({ executions: 3, refused: 2, peakRunning: 1, peakWaiting: 2 });
    for (const s of [one, two]) {
      expect(s.seqs()).toEqual([1, 2, 3]);
      expect(s.handed).toHaveLength(1);
      expect(s.handed[0].data).toBeUndefined();
      expect(s.handed[0].errors?.[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true, backlog: 2 });
    }

    // The client resumes after its last event: 4 and 5 are replayed, nothing was lost.
    const resumed = await subscribe({ after: 3 });
    await until(() => resumed.socket.frames.length === 2, 'the replay of 4 and 5');
    expect(resumed.ticks().map((t) => [t.seq, t.replayed])).toEqual([
      [4, true],
      [5, true],
    ]);
    expect(shared.stats).toMatchObject({ executions: 5, refused: 2 });
  });

  it('gives a later subscriber that replays the same events the results already executed', async () => {
    await db.append(STREAM, 3);
    const first = await subscribe({ after: 0 });
    await until(() => first.socket.frames.length === 3, 'the first replay');
    expect(shared.stats.executions).toBe(3);

    const late = await subscribe({ after: 0 });
    await until(() => late.socket.frames.length === 3, 'the late replay');

    expect(shared.stats.executions).toBe(3);
    expect(late.socket.frames).toEqual(first.socket.frames);
    expect(late.ticks().every((t) => t.replayed)).toBe(true);
  });

  it('shares nothing with a group that emptied: a new subscriber executes again', async () => {
    await db.append(STREAM, 1);
    const gone = await subscribe({ after: 0 });
    await until(() => gone.socket.frames.length === 1, 'the replay');
    await gone.iterator.return!();

    const next = await subscribe({ after: 0 });
    await until(() => next.socket.frames.length === 1, 'the second replay');
    expect(shared.stats.executions).toBe(2);
  });

  it('runs each event on a fresh context of its own, one per group, built from the operation context', async () => {
    const one = await subscribe();
    const two = await subscribe();

    await db.append(STREAM, 1);
    await db.append(STREAM, 1);
    await until(() => one.socket.frames.length === 2 && two.socket.frames.length === 2, 'two frames each');

    expect(executions).toHaveLength(2);
    const [first, second] = executions.map((e) => e.ctx);
    expect(first).not.toBe(second);
    expect(first.loaders).not.toBe(second.loaders);
    for (const ctx of [first, second]) {
      expect(ctx).not.toBe(one.ctx);
      expect(ctx).not.toBe(two.ctx);
      // Everything but the loaders and "now" is the operation's (the first subscriber's, who asked first).
      expect(ctx.viewer).toBe(one.ctx.viewer);
      expect(ctx.requestId).toBe(one.ctx.requestId);
      expect(ctx.socket).toBe(one.ctx.socket);
      expect(ctx.loaders).not.toBe(one.ctx.loaders);
    }
    // The subscribe phase ran on a context of its own too, at the operation's "now"; the operation
    // context itself is never changed.
    expect(subscribePhases).toHaveLength(2);
    expect(subscribePhases[0]).not.toBe(one.ctx);
    expect(subscribePhases[0].loaders).not.toBe(one.ctx.loaders);
    expect(subscribePhases[0].now).toBe(one.ctx.now);
    expect(one.ctx.loaders).toBe(one.loadersBefore);
  });

  it('hands a result with errors to graphql-ws in its place in the order, and ends the stream after an event that failed', async () => {
    failing.add(2);
    const s = await subscribe();

    await db.append(STREAM, 3);
    await until(() => s.ended(), 'the end of the stream');

    expect(s.seqs()).toEqual([1]);
    expect(s.handed).toHaveLength(1);
    expect(s.handed[0].data).toEqual({ ticks: null });
    expect(s.handed[0].errors?.[0].message).toBe('event 2 could not be resolved');
  });

  it('lets graphql-ws pull the shared results on a context without a socket', async () => {
    const direct = await subscribe();
    const pulled = await subscribe({ socket: false });

    await db.append(STREAM, 2);
    await until(() => direct.socket.frames.length === 2 && pulled.handed.length === 2, 'both subscribers');

    expect(shared.stats.executions).toBe(2);
    expect(pulled.socket.frames).toEqual([]);
    expect(pulled.handed.map((r) => (r.data as { ticks: { seq: number } }).ticks.seq)).toEqual([1, 2]);
    expect(pulled.handed.map((r) => JSON.stringify(r))).toEqual(direct.socket.frames);
  });
});
