import { createExecutionGate, ExecutionGateFullError } from './execution-gate';

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createExecutionGate', () => {
  it('admits up to max at once and the rest first come first served', async () => {
    const gate = createExecutionGate(2);
    const order: string[] = [];
    const a = await gate.enter();
    const b = await gate.enter();
    const waiting = ['c', 'd', 'e'].map((name) => gate.enter().then((release) => (order.push(name), release)));
    await settle();
    expect(order).toEqual([]);
    expect(gate.load).toEqual({ executing: 2, waiting: 3 });
    b();
    await settle();
    expect(order).toEqual(['c']);
    a();
    await settle();
    expect(order).toEqual(['c', 'd']);
    expect(gate.load).toEqual({ executing: 2, waiting: 1 });
    for (const release of await Promise.all(waiting.slice(0, 2))) release();
    const e = await waiting[2];
    expect(order).toEqual(['c', 'd', 'e']);
    e();
    expect(gate.load).toEqual({ executing: 0, waiting: 0 });
  });

  it('releases a place once however often its release is called', async () => {
    const gate = createExecutionGate(1);
    const a = await gate.enter();
    const next = gate.enter();
    a();
    a();
    const b = await next;
    expect(gate.load).toEqual({ executing: 1, waiting: 0 });
    const third = gate.enter();
    await settle();
    expect(gate.load).toEqual({ executing: 1, waiting: 1 });
    b();
    (await third)();
    expect(gate.load).toEqual({ executing: 0, waiting: 0 });
  });

  it('drops a waiter whose signal aborts, with its reason, and gives its turn to the next', async () => {
    const gate = createExecutionGate(1);
    const a = await gate.enter();
    const controller = new AbortController();
    const reason = new Error('deadline');
    const cancelled = gate.enter(controller.signal);
    const admitted: string[] = [];
    const later = gate.enter().then((release) => (admitted.push('later'), release));
    controller.abort(reason);
    await expect(cancelled).rejects.toBe(reason);
    expect(gate.load).toEqual({ executing: 1, waiting: 1 });
    a();
    (await later)();
    expect(admitted).toEqual(['later']);
    expect(gate.load).toEqual({ executing: 0, waiting: 0 });
  });

  it('gives a mutation (wait: false) a place at once past max, and admits a waiter only once fewer than max execute', async () => {
    const gate = createExecutionGate(1);
    const query = await gate.enter();
    const mutation = await gate.enter(undefined, { wait: false });
    expect(gate.load).toEqual({ executing: 2, waiting: 0 });
    let admitted = false;
    const waiter = gate.enter().then((release) => ((admitted = true), release));
    await settle();
    expect(gate.load).toEqual({ executing: 2, waiting: 1 });
    query();
    await settle();
    // Still one executing (the mutation): the waiter keeps waiting.
    expect(admitted).toBe(false);
    expect(gate.load).toEqual({ executing: 1, waiting: 1 });
    mutation();
    (await waiter)();
    expect(admitted).toBe(true);
    expect(gate.load).toEqual({ executing: 0, waiting: 0 });
  });

  it('refuses at once when the signal has already aborted', async () => {
    const gate = createExecutionGate(1);
    const reason = new Error('gone');
    await expect(gate.enter(AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(gate.load).toEqual({ executing: 0, waiting: 0 });
  });

  it('lets everything through at once with max 0', async () => {
    const gate = createExecutionGate(0);
    const releases = await Promise.all(Array.from({ length: 50 }, () => gate.enter()));
    expect(releases).toHaveLength(50);
    expect(gate.load).toEqual({ executing: 0, waiting: 0 });
  });

  it('keeps its order across many waiters (the queue compacts as it drains)', async () => {
    const gate = createExecutionGate(1);
    let release = await gate.enter();
    const seen: number[] = [];
    const waiters = Array.from({ length: 3000 }, (_, i) => gate.enter().then((r) => (seen.push(i), r)));
    for (const waiter of waiters) {
      release();
      release = await waiter;
    }
    release();
    expect(seen).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    expect(gate.load).toEqual({ executing: 0, waiting: 0 });
  });

  it('refuses at once a query that would wait while maxWaiting others do, and lets mutations in', async () => {
    const gate = createExecutionGate(1, 2);
    const a = await gate.enter();
    const waiting = [gate.enter(), gate.enter()];
    await settle();
    expect(gate.full).toBe(true);
    await expect(gate.enter()).rejects.toThrow(ExecutionGateFullError);
    const refusal = await gate.enter().catch((error: ExecutionGateFullError) => error);
    expect(refusal).toBeInstanceOf(ExecutionGateFullError);
    expect((refusal as ExecutionGateFullError).extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', waiting: 2, retryAfterSeconds: 1 });
    expect(gate.load).toEqual({ executing: 1, waiting: 2 });
    // A mutation takes a place without waiting, so the bound does not apply to it.
    const mutation = await gate.enter(undefined, { wait: false });
    expect(gate.load).toEqual({ executing: 2, waiting: 2 });
    mutation();
    a();
    const b = await waiting[0];
    expect(gate.load).toEqual({ executing: 1, waiting: 1 });
    expect(gate.full).toBe(false);
    // Room in the queue again.
    const c = gate.enter();
    await settle();
    expect(gate.load).toEqual({ executing: 1, waiting: 2 });
    b();
    (await waiting[1])();
    (await c)();
    expect(gate.load).toEqual({ executing: 0, waiting: 0 });
  });
});
