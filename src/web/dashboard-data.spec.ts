import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from '@swc/core';

/**
 * The dashboard's pure helpers are an ES module served as-is to the browser (no build step); Jest
 * runs CommonJS, so the spec compiles the file with swc and evaluates it as a module.
 */
function loadAsset(name: string): any {
  const file = path.join(__dirname, 'assets', name);
  const { code } = transformSync(fs.readFileSync(file, 'utf8'), {
    filename: file,
    module: { type: 'commonjs' },
    jsc: { target: 'es2022', parser: { syntax: 'ecmascript' } },
  });
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  return module.exports;
}

const q = loadAsset('dashboard-data.js');
const MIN = 60_000;
/** 12:00 UTC on a day, so 5-minute buckets start on round minutes. */
const NOON = Date.parse('2025-03-03T12:00:00Z');

/** A sample of `goodUnits` from `startMin` to `endMin` minutes after NOON, as the chart keeps it. */
const sample = (id: string, startMin: number, endMin: number, goodUnits: number) =>
  q.sampleOf({
    id,
    periodStart: new Date(NOON + startMin * MIN).toISOString(),
    periodEnd: new Date(NOON + endMin * MIN).toISOString(),
    goodUnits,
  });

/** The drawn points of a series as [minutes after NOON, rate] pairs. */
const points = (series: any, key: 'complete' | 'partial') =>
  series.x
    .map((x: number, i: number) => [Math.round(((x * 1000 - NOON) / MIN) * 10) / 10, series[key][i]])
    .filter(([, y]: [number, number | null]) => y !== null);

describe('chartSeries', () => {
  it('draws the bucket still being reported as partial at its own rate, never as a drop to zero', () => {
    // 60 units an hour in 15-minute samples up to 12:45, then one 2-minute sample; "now" is 12:48.
    const samples = [sample('a', 0, 15, 15), sample('b', 15, 30, 15), sample('c', 30, 45, 15), sample('d', 45, 47, 2)];
    const series = q.chartSeries(samples, { from: NOON - 12 * MIN, now: NOON + 48 * MIN, bucketMs: 5 * MIN });
    const complete = points(series, 'complete');
    expect(complete.map(([, y]: number[]) => y)).toEqual(complete.map(() => 60));
    expect(complete.at(-1)[0]).toBe(45);
    // The 12:45–12:50 bucket has 2 reported minutes: 60/h over them, drawn apart and joined to 12:45.
    expect(points(series, 'partial')).toEqual([
      [45, 60],
      [47, 60],
    ]);
    // The axis still runs from `from` to `now`.
    expect(series.x[0]).toBe((NOON - 12 * MIN) / 1000);
    expect(series.x.at(-1)).toBe((NOON + 48 * MIN) / 1000);
    expect(series.samples).toBe(4);
    expect(series.latest).toBe(NOON + 47 * MIN);
  });

  it('dividing the partial bucket by its full length would have drawn 24/h instead of 60/h', () => {
    const series = q.chartSeries([sample('a', 40, 45, 5), sample('b', 45, 47, 2)], { from: NOON, now: NOON + 48 * MIN, bucketMs: 5 * MIN });
    const [, partial] = points(series, 'partial').at(-1);
    expect(partial).toBeCloseTo(60);
    expect(partial).not.toBeCloseTo((2 / 5) * 60);
  });

  it('has no partial point when the newest sample ends on a bucket edge', () => {
    const series = q.chartSeries([sample('a', 30, 45, 15)], { from: NOON, now: NOON + 47 * MIN, bucketMs: 5 * MIN });
    expect(points(series, 'partial')).toEqual([]);
    expect(points(series, 'complete').map(([x]: number[]) => x)).toEqual([35, 40, 45]);
  });

  it('shares a sample that straddles buckets pro rata, and rates a bucket over the time its samples cover', () => {
    // 12:03–12:08 with 10 units: 4 in the first bucket (2 minutes reported there), 6 in the second.
    const series = q.chartSeries([sample('a', 3, 8, 10), sample('b', 8, 10, 0)], { from: NOON, now: NOON + 11 * MIN, bucketMs: 5 * MIN });
    expect(points(series, 'complete')).toEqual([
      [5, 120],
      [10, expect.closeTo(72)],
    ]);
  });

  it('shows a recorded stop as zero and an unreported stretch as a gap', () => {
    const series = q.chartSeries([sample('a', 0, 5, 5), sample('b', 5, 10, 0), sample('c', 20, 25, 5)], {
      from: NOON,
      now: NOON + 26 * MIN,
      bucketMs: 5 * MIN,
    });
    expect(points(series, 'complete')).toEqual([
      [5, 60],
      [10, 0],
      [25, 60],
    ]);
  });

  it('leaves out samples outside the window and zero-length ones', () => {
    const series = q.chartSeries([sample('old', -90, -75, 15), sample('empty', 5, 5, 3), sample('a', 0, 5, 5)], {
      from: NOON - 60 * MIN,
      now: NOON + 6 * MIN,
      bucketMs: 5 * MIN,
    });
    expect(series.samples).toBe(1);
    expect(points(series, 'complete')).toEqual([[5, 60]]);
  });
});

describe('failureOf', () => {
  const rateLimited = {
    status: 429,
    retryAfter: '12',
    errors: [{ message: 'Rate limit exceeded: retry after 12 s', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 12 } }],
  };

  it('is null for a clean answer', () => {
    expect(q.failureOf({ status: 200, data: {}, errors: null })).toBeNull();
  });

  it('retries RATE_LIMITED after the server’s retryAfterSeconds, not before', () => {
    const failure = q.failureOf(rateLimited, 1, () => 0);
    expect(failure).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 12_000, signOut: false, status: 429 });
    expect(q.failureOf(rateLimited, 1, () => 0.99).retryAfterMs).toBeLessThanOrEqual(13_200);
  });

  it('falls back to the Retry-After header when the body has no code', () => {
    expect(q.failureOf({ status: 429, retryAfter: '7', errors: null }, 1, () => 0)).toMatchObject({
      code: 'RATE_LIMITED',
      retryable: true,
      retryAfterMs: 7_000,
    });
  });

  it('does not retry what cannot succeed: a budget the operation exceeds, a too complex query, a forbidden field', () => {
    const exceeds = {
      status: 400,
      errors: [
        {
          message: 'This operation costs 5000 points',
          extensions: { code: 'RATE_LIMIT_EXCEEDS_BUDGET', requested: 5000, limit: 2000, retryable: false },
        },
      ],
    };
    expect(q.failureOf(exceeds)).toMatchObject({ code: 'RATE_LIMIT_EXCEEDS_BUDGET', retryable: false, retryAfterMs: null });
    expect(q.failureOf({ status: 400, errors: [{ message: 'too complex', extensions: { code: 'QUERY_TOO_COMPLEX' } }] }).retryable).toBe(
      false,
    );
    expect(q.failureOf({ status: 200, errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] }).retryable).toBe(false);
    expect(q.failureOf({ status: 404, errors: null })).toMatchObject({ code: 'HTTP_404', retryable: false });
  });

  it('backs off on an outage: no answer, 503, a 5xx without a body', () => {
    expect(
      q.failureOf({ status: 0, errors: [{ message: 'No answer', extensions: { code: 'NETWORK_ERROR' } }] }, 1, () => 0.5),
    ).toMatchObject({ retryable: true, retryAfterMs: 500 });
    expect(
      q.failureOf({ status: 503, errors: [{ message: 'busy', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }, 3, () => 0.5),
    ).toMatchObject({ retryable: true, retryAfterMs: 2_000 });
    expect(q.failureOf({ status: 502, errors: null }, 2, () => 0.5)).toMatchObject({
      code: 'SERVER_ERROR',
      retryable: true,
      retryAfterMs: 1_000,
    });
  });

  it('signs out on a refused token instead of retrying', () => {
    expect(q.failureOf({ status: 401, errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }] })).toMatchObject({
      signOut: true,
      retryable: false,
    });
  });

  it('follows the server’s own retryable flag over the code', () => {
    expect(
      q.failureOf({ status: 503, errors: [{ message: 'x', extensions: { code: 'SERVICE_UNAVAILABLE', retryable: false } }] }).retryable,
    ).toBe(false);
  });

  it('reads a Retry-After date as seconds from now', () => {
    expect(q.retryAfterHeaderSeconds(new Date(NOON + 30_000).toUTCString(), NOON)).toBe(30);
    expect(q.retryAfterHeaderSeconds('soon', NOON)).toBeNull();
  });
});

describe('orderProgress', () => {
  const HOUR = 3_600_000;
  /** An order planned from NOON for 10 hours, 40 of 100 made. */
  const order = (over: Record<string, unknown> = {}) => ({
    id: 'o',
    number: 'MO-1',
    quantity: 100,
    producedQuantity: 40,
    status: 'IN_PROGRESS',
    plannedStart: new Date(NOON).toISOString(),
    dueDate: new Date(NOON + 10 * HOUR).toISOString(),
    ...over,
  });
  const forecast = (hours: number | null, late: boolean | null) => ({
    completion: hours === null ? null : new Date(NOON + hours * HOUR).toISOString(),
    late,
  });

  it('puts the bar at produced ÷ quantity and the tick at the share of planned time passed', () => {
    const p = q.orderProgress(order(), forecast(8, false), NOON + 5 * HOUR);
    expect(p).toMatchObject({ produced: 40, fraction: 0.4, elapsed: 0.5, state: 'on-track', late: false });
    expect(p.dueAt).toBe(NOON + 10 * HOUR);
    expect(p.forecastAt).toBe(NOON + 8 * HOUR);
  });

  it('marks an order forecast after its due date late, and one past its due date overdue whatever the forecast', () => {
    expect(q.orderProgress(order(), forecast(12, true), NOON + 5 * HOUR)).toMatchObject({ state: 'forecast-late', late: true });
    expect(q.orderProgress(order(), forecast(8, false), NOON + 11 * HOUR)).toMatchObject({ state: 'overdue', late: true, elapsed: 1 });
    expect(q.orderProgress(order(), forecast(null, null), NOON + 5 * HOUR)).toMatchObject({ state: 'no-forecast', late: false });
    expect(q.orderProgress(order(), null, NOON + 5 * HOUR)).toMatchObject({ state: 'no-forecast', forecastAt: null });
  });

  it('caps the bar at full for overproduction and starts the tick at 0 before the planned start', () => {
    expect(q.orderProgress(order({ producedQuantity: 130 }), forecast(5, false), NOON - HOUR)).toMatchObject({
      produced: 130,
      fraction: 1,
      elapsed: 0,
    });
  });
});

describe('openOrders', () => {
  it('keeps PLANNED, RELEASED and IN_PROGRESS orders, earliest due first, then by number', () => {
    const at = (h: number) => new Date(NOON + h * 3_600_000).toISOString();
    const orders = [
      { number: 'MO-3', status: 'RELEASED', dueDate: at(5) },
      { number: 'MO-1', status: 'COMPLETED', dueDate: at(1) },
      { number: 'MO-4', status: 'IN_PROGRESS', dueDate: at(2) },
      { number: 'MO-2', status: 'PLANNED', dueDate: at(5) },
      { number: 'MO-5', status: 'CANCELLED', dueDate: at(0) },
    ];
    expect(q.openOrders(orders).map((o: any) => o.number)).toEqual(['MO-4', 'MO-2', 'MO-3']);
  });
});

describe('people panel', () => {
  const person = (name: string, weeksOver: number, utilisation: number | null) => ({
    name,
    load: { overCapacityWeekCount: weeksOver, utilisation: { value: utilisation } },
  });

  it('puts the over-allocated first (most weeks over, then utilisation), then the others by utilisation', () => {
    const ordered = q.orderPeople([
      person('Calm', 0, 0.5),
      person('Busy', 0, 0.9),
      person('Over 1', 1, 1.3),
      person('Over 2', 2, 1.1),
      person('None', 0, null),
    ]);
    expect(ordered.map((p: any) => p.name)).toEqual(['Over 2', 'Over 1', 'Busy', 'Calm', 'None']);
  });

  it('draws each share as a fraction of the larger of allocated and capacity hours, and marks where capacity ends', () => {
    const over = q.loadBar({
      allocatedHours: 176,
      capacityHours: 160,
      shares: [
        { hours: 96, target: { __typename: 'Operation', name: 'Fulfilment' } },
        { hours: 80, target: { __typename: 'Project', name: 'Ordering app' } },
      ],
    });
    expect(over.capacityAt).toBeCloseTo(160 / 176, 12);
    expect(over.segments.map((s: any) => [s.kind, s.name, s.hours, Number(s.fraction.toFixed(4))])).toEqual([
      ['operation', 'Fulfilment', 96, 0.5455],
      ['project', 'Ordering app', 80, 0.4545],
    ]);
    const under = q.loadBar({
      allocatedHours: 80,
      capacityHours: 160,
      shares: [{ hours: 80, target: { __typename: 'Operation', name: 'Line' } }],
    });
    expect([under.capacityAt, under.segments[0].fraction]).toEqual([1, 0.5]);
    expect(q.loadBar({ allocatedHours: 0, capacityHours: 0, shares: [] })).toEqual({ capacityAt: 0, segments: [] });
  });

  it('reads the four weeks from the start of today (UTC)', () => {
    expect(q.peopleWindow(Date.parse('2026-03-04T15:30:00Z'))).toEqual({
      from: '2026-03-04T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
    });
  });
});
