import { seededRandom } from '../kpi/seeded-random';
import { FULFILMENT_PROCESSES, GARMENT_PROCESSES, SUPPORT_PROCESSES } from './catalogue';
import { orderFor, samplePeriodMs, simulateCounts, startSimulator, type SimulatedOrder, type SimulatorTarget } from './simulator';
import { idealUnits } from './units';

const TARGETS = [...GARMENT_PROCESSES, ...FULFILMENT_PROCESSES, ...SUPPORT_PROCESSES].map((spec) => spec.target);

describe('simulateCounts', () => {
  it.each(TARGETS)('never records more than the ideal rate allows (target %d/h), whatever the draw', (target) => {
    const random = seededRandom(target);
    const wrong: unknown[] = [];
    for (let i = 0; i < 5_000; i++) {
      const minutes = samplePeriodMs(target) / 60_000 + random() * 0.1; // a tick lands a little after the period
      const counts = simulateCounts(target, minutes, random);
      const total = counts.goodUnits + counts.rejectedUnits;
      if (total > idealUnits(target, minutes - counts.downtimeMinutes) || counts.rejectedUnits < 0 || counts.downtimeMinutes > minutes)
        wrong.push({ minutes, ...counts });
    }
    expect(wrong).toEqual([]);
  });

  it('averages 80–95 % of the ideal rate, so live OEE looks like the seeded history', () => {
    const random = seededRandom(5);
    let units = 0;
    let ideal = 0;
    for (let i = 0; i < 5_000; i++) {
      const c = simulateCounts(60, 5, random);
      units += c.goodUnits + c.rejectedUnits;
      ideal += 5;
    }
    expect(units / ideal).toBeGreaterThan(0.8);
    expect(units / ideal).toBeLessThan(0.95);
  });
});

describe('samplePeriodMs', () => {
  it('spans five ideal cycles, at least a minute and at most 15 minutes', () => {
    expect(samplePeriodMs(300)).toBe(60_000);
    expect(samplePeriodMs(60)).toBe(5 * 60_000);
    expect(samplePeriodMs(4)).toBe(15 * 60_000);
    expect(samplePeriodMs(10_000)).toBe(60_000);
    expect(samplePeriodMs(0)).toBe(60_000);
  });
});

describe('startSimulator', () => {
  it('records a process only once its period has passed, continuing from its last sample', async () => {
    const now = Date.now();
    const recorded: { processId: string; periodStart: Date; periodEnd: Date }[] = [];
    const target: SimulatorTarget = {
      runningProcesses: async () => [
        { id: 'due', targetRatePerHour: 60, lastPeriodEnd: new Date(now - 6 * 60_000) },
        { id: 'early', targetRatePerHour: 60, lastPeriodEnd: new Date(now - 60_000) },
        { id: 'new', targetRatePerHour: 4, lastPeriodEnd: null },
      ],
      recordSample: async (sample) => void recorded.push(sample),
      openMilestones: async () => [],
      advanceMilestone: async () => undefined,
      openOrders: async () => [],
      releaseOrder: async () => undefined,
      completeOrder: async () => undefined,
    };
    const simulator = startSimulator(target, { intervalMs: 3_600_000, milestoneChance: 0 });
    try {
      await simulator.tick();
    } finally {
      await simulator.stop();
    }
    expect(recorded.map((s) => s.processId)).toEqual(['due', 'new']);
    expect(recorded[0].periodStart.getTime()).toBe(now - 6 * 60_000);
    expect(recorded[1].periodEnd.getTime() - recorded[1].periodStart.getTime()).toBe(15 * 60_000);
  });
});

const DAY = 86_400_000;
/** One instant for every order built here: read per order, two orders built a millisecond apart tie-break differently. */
const NOW = Date.now();
const order = (id: string, over: Partial<SimulatedOrder> = {}): SimulatedOrder => ({
  id,
  operationId: 'op',
  status: 'IN_PROGRESS',
  quantity: 100,
  producedQuantity: 0,
  plannedStart: new Date(NOW - DAY),
  dueDate: new Date(NOW + DAY),
  ...over,
});

describe('orderFor', () => {
  it("picks the operation's running order due first that still has units to make", () => {
    const orders = [
      order('later', { dueDate: new Date(NOW + 3 * DAY) }),
      order('made', { dueDate: new Date(NOW + DAY / 2), producedQuantity: 100 }),
      order('planned', { dueDate: new Date(NOW + DAY / 4), status: 'PLANNED' }),
      order('elsewhere', { dueDate: new Date(NOW + DAY / 8), operationId: 'other' }),
      order('released', { status: 'RELEASED', dueDate: new Date(NOW + 2 * DAY) }),
      order('soonest', { dueDate: new Date(NOW + DAY) }),
    ];
    expect(orderFor(orders, 'op')?.id).toBe('soonest');
    expect(orderFor(orders.slice(0, 5), 'op')?.id).toBe('released');
    expect(orderFor(orders, 'other')?.id).toBe('elsewhere');
    expect(orderFor(orders.slice(1, 4), 'op')).toBeNull();
    // Same due date: the earlier planned start, then the lower ID.
    const due = new Date(NOW + DAY);
    expect(orderFor([order('b', { dueDate: due }), order('a', { dueDate: due })], 'op')?.id).toBe('a');
    expect(orderFor([order('a', { dueDate: due }), order('b', { dueDate: due, plannedStart: new Date(NOW - 2 * DAY) })], 'op')?.id).toBe(
      'b',
    );
  });
});

describe('startSimulator with production orders', () => {
  it('attributes only the final process’s samples to the order due first, releases orders whose start has come and completes an order once made', async () => {
    const now = Date.now();
    const recorded: { processId: string; productionOrderId?: string | null; goodUnits: number }[] = [];
    const released: string[] = [];
    const completed: string[] = [];
    const orders = [
      order('rush', { quantity: 1, dueDate: new Date(now + DAY) }),
      order('next', { status: 'PLANNED', plannedStart: new Date(now - 60_000), dueDate: new Date(now + 2 * DAY) }),
      order('future', { status: 'PLANNED', plannedStart: new Date(now + DAY), dueDate: new Date(now + DAY / 2) }),
    ];
    const lastPeriodEnd = new Date(now - 6 * 60_000);
    const target: SimulatorTarget = {
      runningProcesses: async () => [
        { id: 'cutting', targetRatePerHour: 60, lastPeriodEnd, operationId: 'op', final: false },
        { id: 'packing-1', targetRatePerHour: 60, lastPeriodEnd, operationId: 'op', final: true },
        { id: 'packing-2', targetRatePerHour: 60, lastPeriodEnd, operationId: 'op', final: true },
      ],
      recordSample: async (sample) => void recorded.push(sample),
      openMilestones: async () => [],
      advanceMilestone: async () => undefined,
      openOrders: async () => orders.map((o) => ({ ...o })),
      releaseOrder: async (o) => void released.push(o.id),
      completeOrder: async (o) => void completed.push(o.id),
    };
    // Every draw 0.5: no slowdown or stoppage, about five units a sample.
    const simulator = startSimulator(target, { intervalMs: 3_600_000, milestoneChance: 0, random: () => 0.5 });
    try {
      await simulator.tick();
    } finally {
      await simulator.stop();
    }
    expect(released).toEqual(['next']);
    expect(recorded.map((r) => [r.processId, r.productionOrderId ?? null])).toEqual([
      ['cutting', null],
      ['packing-1', 'rush'],
      // The rush order's one unit is made: it is completed and the released order is next.
      ['packing-2', 'next'],
    ]);
    expect(recorded[1].goodUnits).toBeGreaterThan(0);
    expect(completed).toEqual(['rush']);
  });
});
