import { computeScheduleKpis, forecastCompletion, FORECAST_LOOKBACK_MINUTES } from '../kpi/production';
import { seededRandom } from '../kpi/seeded-random';
import { GARMENT_PROCESSES } from './catalogue';
import { generateSamples, sampleGridEnd } from './generators';
import { DEMO_ORDER_NUMBERS, planDemoOrders } from './orders';

const PACKING = GARMENT_PROCESSES[GARMENT_PROCESSES.length - 1];

/** The plan over 21 days of the final process's samples ending at `now`, as the seed makes it. */
function plan(now: Date, seed = 3) {
  const samples = generateSamples({ targetRatePerHour: PACKING.target, ...PACKING.profile }, sampleGridEnd(now), 21, seededRandom(seed));
  return { samples, ...planDemoOrders(samples, now) };
}

// Seeding at any time of day: due dates fall on 18:00 UTC, so margins move by up to a day with it.
const NOWS = [
  '2025-03-03T00:07:00Z',
  '2025-03-03T05:55:00Z',
  '2025-03-03T12:00:00Z',
  '2025-03-03T17:59:30Z',
  '2025-03-03T18:01:00Z',
  '2025-03-03T23:52:00Z',
];

describe('planDemoOrders', () => {
  it.each(NOWS)('gives each order exactly the good units of the samples attributed to it (now %s)', (iso) => {
    const { samples, orders, orderOf } = plan(new Date(iso));
    expect(orders.map((o) => o.number)).toEqual(DEMO_ORDER_NUMBERS);
    const sums = orders.map((_, index) => samples.filter((_, i) => orderOf[i] === index).reduce((n, s) => n + s.goodUnits, 0));
    expect(orders.map((o) => o.producedQuantity)).toEqual(sums);
    // Attributed samples run in schedule order: one order after the other, none attributed twice.
    const seen = orderOf.filter((o): o is number => o !== null);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    for (const o of orders) {
      expect(o.dueDate.getTime()).toBeGreaterThan(o.plannedStart.getTime());
      expect(o.createdAt.getTime()).toBeLessThanOrEqual(o.plannedStart.getTime());
      if (o.releasedAt) expect(o.releasedAt.getTime()).toBeLessThanOrEqual(o.plannedStart.getTime());
      expect(o.dueDate.getUTCHours()).toBe(18);
    }
  });

  it.each(NOWS)('completes four orders (one late), leaves two in progress, one released, one planned (now %s)', (iso) => {
    const now = new Date(iso);
    const { orders } = plan(now);
    expect(orders.map((o) => o.status)).toEqual([
      'COMPLETED',
      'COMPLETED',
      'COMPLETED',
      'COMPLETED',
      'IN_PROGRESS',
      'IN_PROGRESS',
      'RELEASED',
      'PLANNED',
    ]);
    const completed = orders.filter((o) => o.status === 'COMPLETED');
    for (const o of completed) {
      expect(o.producedQuantity).toBeGreaterThanOrEqual(o.quantity);
      expect(o.producedQuantity - o.quantity).toBeLessThan(20); // the last sample only tops it up
      expect(o.completedAt!.getTime()).toBeLessThan(now.getTime());
    }
    expect(completed.filter((o) => o.completedAt! > o.dueDate).map((o) => o.number)).toEqual(['MO-AW-003']);
    for (const o of orders.filter((x) => x.status !== 'COMPLETED')) {
      expect(o.dueDate.getTime()).toBeGreaterThan(now.getTime());
      expect(o.producedQuantity).toBeLessThan(o.quantity);
    }
    // The schedule KPIs over the history: 3 of 4 on time, the late one a day and a half or more late.
    const kpis = computeScheduleKpis(
      orders.map((o) => ({ ...o, producedByDueDate: o.producedQuantity })),
      new Date(now.getTime() - 21 * 86_400_000),
      now,
    );
    expect(kpis.onTimeCompletionRate.value).toBe(0.75);
    expect(kpis.averageLatenessDays.value).toBeGreaterThanOrEqual(1.5);
    expect(kpis.averageLatenessDays.value).toBeLessThan(2.5);
  });

  it.each(NOWS)('makes the rush order, and only it, forecast late at the line’s recent rate (now %s)', (iso) => {
    const now = new Date(iso);
    const { samples, orders } = plan(now);
    const from = now.getTime() - FORECAST_LOOKBACK_MINUTES * 60_000;
    const recentGoodUnits = samples.filter((s) => s.periodEnd.getTime() > from).reduce((n, s) => n + s.goodUnits, 0);
    const late = orders
      .filter((o) => o.status !== 'COMPLETED')
      .map((o) => ({
        number: o.number,
        forecast: forecastCompletion({
          ...o,
          asOf: now,
          recentGoodUnits,
          recentPlannedMinutes: FORECAST_LOOKBACK_MINUTES,
          targetRatePerHour: PACKING.target,
          targetYield: null,
          calendar: null,
        }),
      }));
    expect(late.map((o) => [o.number, o.forecast.method, o.forecast.late])).toEqual([
      ['MO-AW-005', 'RECENT_RATE', false],
      ['MO-AW-006', 'RECENT_RATE', true],
      ['MO-AW-007', 'RECENT_RATE', false],
      ['MO-AW-008', 'RECENT_RATE', false],
    ]);
    const rush = late[1].forecast.completion!.getTime() - orders[5].dueDate.getTime();
    expect(rush).toBeGreaterThan(6 * 3_600_000); // late by more than a shift, not by a rounding
  });
});
