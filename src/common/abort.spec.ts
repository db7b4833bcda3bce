import { GraphQLError } from 'graphql';
import {
  DeadlineExceededError,
  checkStatement,
  isDeadlineError,
  mapPaced,
  operationAbort,
  OperationCancelledError,
  operationSignal,
  raceAbort,
  throwIfAborted,
} from './abort';

/** Busy-waits `ms` (a stand-in for a synchronous step of KPI work). */
function spin(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('operationAbort', () => {
  it('aborts with a DeadlineExceededError naming the deadline', async () => {
    const abort = operationAbort(20);
    await new Promise((resolve) => abort.signal.addEventListener('abort', resolve));
    expect(abort.signal.reason).toBeInstanceOf(DeadlineExceededError);
    expect(abort.signal.reason.message).toBe('The operation exceeded its deadline of 20 ms');
    expect(abort.signal.reason.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', deadlineMs: 20 });
    expect(isDeadlineError(abort.signal.reason)).toBe(true);
    expect(() => throwIfAborted(abort.signal)).toThrow(DeadlineExceededError);
  });

  it('does not abort once disposed, and follows its parent', async () => {
    const disposed = operationAbort(10);
    disposed.dispose();
    const parent = new AbortController();
    const child = operationAbort(0, parent.signal);
    parent.abort(new OperationCancelledError('the socket closed'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(disposed.signal.aborted).toBe(false);
    expect(child.signal.reason).toBeInstanceOf(OperationCancelledError);
    expect(isDeadlineError(child.signal.reason)).toBe(false);
  });
});

describe('raceAbort', () => {
  it('settles with the work, or with the abort as soon as it comes', async () => {
    const idle = new AbortController();
    await expect(raceAbort(Promise.resolve(1), idle.signal, () => 2)).resolves.toBe(1);
    const abort = operationAbort(10);
    const never = new Promise<number>(() => undefined);
    await expect(raceAbort(never, abort.signal, (reason) => (reason instanceof GraphQLError ? -1 : -2))).resolves.toBe(-1);
  });
});

describe('mapPaced', () => {
  it('maps in order, yielding so that timers run between slices', async () => {
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    const out = await mapPaced(
      Array.from({ length: 40 }, (_, i) => i),
      (i) => {
        spin(1);
        return i * 2;
      },
      undefined,
    );
    expect(out).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
    expect(timerRan).toBe(true);
  });

  it('shares one slice among concurrent loops: between two timer ticks at most a couple of loops run, not all of them', async () => {
    // Each step records its loop; a 1 ms interval marks where the event loop got through to timers.
    const trace: (number | 'tick')[] = [];
    const ticker = setInterval(() => trace.push('tick'), 1);
    const loops = Array.from({ length: 20 }, (_, loop) =>
      mapPaced(
        Array.from({ length: 30 }, (_, i) => i),
        () => {
          trace.push(loop);
          spin(1);
        },
        undefined,
      ),
    );
    await Promise.all(loops);
    clearInterval(ticker);
    const segments: Set<number>[] = [new Set()];
    for (const step of trace) {
      if (step === 'tick') segments.push(new Set());
      else segments[segments.length - 1].add(step);
    }
    // Paced each on its own, all 20 loops would run a slice between two ticks.
    expect(Math.max(...segments.map((s) => s.size))).toBeLessThanOrEqual(2);
  });

  it('stops with the abort reason', async () => {
    const abort = operationAbort(5);
    await expect(mapPaced(Array.from({ length: 100 }), () => spin(1), abort.signal)).rejects.toBeInstanceOf(DeadlineExceededError);
  });
});

describe('checkStatement', () => {
  it("refuses a statement whose runner carries an aborted operation's signal, and only that one", () => {
    const controller = new AbortController();
    const scope = { signal: controller.signal };
    expect(() => checkStatement(scope)).not.toThrow();
    controller.abort(new DeadlineExceededError(5));
    expect(() => checkStatement(scope)).toThrow(DeadlineExceededError);
    expect(() => checkStatement({})).not.toThrow();
    expect(() => checkStatement(undefined)).not.toThrow();
  });
});

describe('operationSignal', () => {
  it('behaves as an AbortSignal for what the app reads of one: aborted, reason, onabort and each listener once', async () => {
    const { signal, abort } = operationSignal();
    const heard: string[] = [];
    const removed = () => heard.push('removed');
    signal.onabort = () => heard.push('onabort');
    signal.addEventListener('abort', (event) => heard.push(`listener:${event.type}`), { once: true });
    signal.addEventListener('abort', removed);
    signal.removeEventListener('abort', removed);
    expect(signal.aborted).toBe(false);
    expect(() => signal.throwIfAborted()).not.toThrow();
    expect(() => throwIfAborted(signal)).not.toThrow();
    const reason = new DeadlineExceededError(5);
    abort(reason);
    abort(new OperationCancelledError());
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(reason);
    expect(heard).toEqual(['onabort', 'listener:abort']);
    expect(() => signal.throwIfAborted()).toThrow(reason);
    expect(() => throwIfAborted(signal)).toThrow(DeadlineExceededError);
  });

  it('ends a raceAbort as soon as it aborts', async () => {
    const { signal, abort } = operationSignal();
    const never = new Promise<string>(() => undefined);
    const raced = raceAbort(never, signal, (reason) => `stopped: ${(reason as Error).message}`);
    abort(new OperationCancelledError('the client closed the connection'));
    await expect(raced).resolves.toBe('stopped: The operation was cancelled: the client closed the connection');
  });
});
