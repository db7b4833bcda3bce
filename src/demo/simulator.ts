import type { Logger } from '../common/logger';
import { idealUnits, roundStochastic } from './units';

/**
 * The live demo's line terminals: every tick, one sample for each running process whose last sample
 * ended at least {@link samplePeriodMs} ago, covering the time since then, below its ideal rate with
 * occasional slowdowns, stoppages and quality dips; now and then a milestone moves. An operation's
 * final process packs its production orders: each of its samples names the running order due first
 * ({@link orderFor}), an order is completed once its quantity is made, and a planned order is
 * released when its planned start comes. It only talks through a `SimulatorTarget`, so the same
 * simulator drives the in-process services (zero-config demo) or any server over HTTP.
 */
export interface SimulatedProcess {
  id: string;
  targetRatePerHour: number;
  lastPeriodEnd: Date | null;
  /** Its operation's ID; with `final`, what its samples may be attributed to. */
  operationId?: string;
  /** True for its operation's final (highest-sequence) process: its good units count toward production orders. */
  final?: boolean;
}

/** An open production order (PLANNED, RELEASED or IN_PROGRESS) as the simulator sees it. */
export interface SimulatedOrder {
  id: string;
  operationId: string;
  status: 'PLANNED' | 'RELEASED' | 'IN_PROGRESS';
  quantity: number;
  producedQuantity: number;
  plannedStart: Date;
  dueDate: Date;
}

export interface SimulatedMilestone {
  id: string;
  version: number;
  percentComplete: number;
}

export interface SimulatorTarget {
  runningProcesses(): Promise<SimulatedProcess[]>;
  recordSample(sample: {
    processId: string;
    periodStart: Date;
    periodEnd: Date;
    goodUnits: number;
    rejectedUnits: number;
    downtimeMinutes: number;
    /** The production order its units were made for (the final process's samples only); null or absent: none. */
    productionOrderId?: string | null;
  }): Promise<void>;
  openMilestones(): Promise<SimulatedMilestone[]>;
  advanceMilestone(milestone: SimulatedMilestone, percentComplete: number): Promise<void>;
  /** Open production orders of every operation. */
  openOrders(): Promise<SimulatedOrder[]>;
  /** PLANNED → RELEASED (releaseProductionOrder). */
  releaseOrder(order: SimulatedOrder): Promise<void>;
  /** Completes an order whose quantity is made (completeProductionOrder). */
  completeOrder(order: SimulatedOrder): Promise<void>;
}

export interface SimulatorOptions {
  /** Time between ticks. Default 5,000 ms. */
  intervalMs?: number;
  /** Chance per tick that one milestone advances. Default 0.1. */
  milestoneChance?: number;
  random?: () => number;
  logger?: Logger;
}

/**
 * How long one simulated sample lasts for a process: five ideal cycles (so a sample holds about five
 * units and whole-unit rounding barely matters), at least a minute and at most 15 minutes.
 */
export function samplePeriodMs(targetRatePerHour: number): number {
  if (!(targetRatePerHour > 0)) return 60_000;
  return Math.min(15 * 60_000, Math.max(60_000, Math.round((5 * 3_600_000) / targetRatePerHour)));
}

/**
 * Units for a period: the ideal rate × run time × an efficiency of 90–99 % that dips to 55–75 % now
 * and then, with a 5 % chance of a stoppage of 20–50 % of the period; rejects 1–3 %, sometimes 10 %.
 * Never more than {@link idealUnits} for the run time, so performance (and OEE) stays at or below 1.
 */
export function simulateCounts(targetRatePerHour: number, minutes: number, random: () => number) {
  const slowdown = random() < 0.1;
  const stoppage = random() < 0.05;
  const efficiency = slowdown ? 0.55 + random() * 0.2 : 0.9 + random() * 0.09;
  const downtimeMinutes = stoppage ? Math.min(minutes, Math.round(minutes * (0.2 + random() * 0.3) * 10) / 10) : 0;
  const run = minutes - downtimeMinutes;
  const total = Math.min(idealUnits(targetRatePerHour, run), roundStochastic((targetRatePerHour * run * efficiency) / 60, random));
  const rejectRate = random() < 0.08 ? 0.1 : 0.01 + random() * 0.02;
  const rejectedUnits = Math.min(total, roundStochastic(total * rejectRate, random));
  return { goodUnits: total - rejectedUnits, rejectedUnits, downtimeMinutes };
}

/**
 * The order a final process's next sample is made for: of the operation's RELEASED or IN_PROGRESS
 * orders with units still to make, the one due first (then the earlier planned start, then the
 * lower ID); null when there is none.
 */
export function orderFor(orders: readonly SimulatedOrder[], operationId: string): SimulatedOrder | null {
  return (
    orders
      .filter((o) => o.operationId === operationId && o.status !== 'PLANNED' && o.producedQuantity < o.quantity)
      .sort(
        (a, b) =>
          a.dueDate.getTime() - b.dueDate.getTime() ||
          a.plannedStart.getTime() - b.plannedStart.getTime() ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      )[0] ?? null
  );
}

export function startSimulator(target: SimulatorTarget, options: SimulatorOptions = {}) {
  const intervalMs = options.intervalMs ?? 5000;
  const random = options.random ?? Math.random;
  let running = true;
  let busy: Promise<void> = Promise.resolve();

  /** The open orders, read once per tick when a final process records; planned ones whose start has come are released first. */
  async function readOrders(now: Date): Promise<SimulatedOrder[]> {
    const orders = await target.openOrders();
    for (const order of orders) {
      if (order.status !== 'PLANNED' || order.plannedStart.getTime() > now.getTime()) continue;
      await target.releaseOrder(order);
      order.status = 'RELEASED';
    }
    return orders;
  }

  async function tick() {
    const now = new Date();
    let orders: SimulatedOrder[] | null = null;
    for (const process of await target.runningProcesses()) {
      const period = samplePeriodMs(process.targetRatePerHour);
      // Continue from the last sample; after a long pause (or none yet) start one period ago.
      const periodStart =
        process.lastPeriodEnd && now.getTime() - process.lastPeriodEnd.getTime() < 60 * 60_000
          ? process.lastPeriodEnd
          : new Date(now.getTime() - period);
      // Not due yet: a shorter sample would hold too few whole units to keep the pace honest.
      if (now.getTime() - periodStart.getTime() < period) continue;
      const minutes = (now.getTime() - periodStart.getTime()) / 60_000;
      let order: SimulatedOrder | null = null;
      if (process.final && process.operationId) {
        orders ??= await readOrders(now);
        order = orderFor(orders, process.operationId);
      }
      const counts = simulateCounts(process.targetRatePerHour, minutes, random);
      await target.recordSample({ processId: process.id, periodStart, periodEnd: now, ...counts, productionOrderId: order?.id ?? null });
      if (order) {
        order.status = 'IN_PROGRESS';
        order.producedQuantity += counts.goodUnits;
        if (order.producedQuantity >= order.quantity) await target.completeOrder(order);
      }
    }
    if (random() < (options.milestoneChance ?? 0.1)) {
      const open = await target.openMilestones();
      const pick = open[Math.floor(random() * open.length)];
      if (pick) await target.advanceMilestone(pick, Math.min(100, pick.percentComplete + 5 + Math.round(random() * 10)));
    }
  }

  /** Queues one tick behind any running one; resolves when it has run (a failure is logged, not thrown). */
  const queue = () => {
    busy = busy.then(tick).catch((err) => options.logger?.warn({ err: (err as Error).message }, 'simulator tick failed'));
    return busy;
  };
  const timer = setInterval(queue, intervalMs);
  timer.unref();
  return {
    /** Runs one tick now (records what is due), e.g. to catch up at once after start-up. */
    tick: queue,
    async stop() {
      if (!running) return;
      running = false;
      clearInterval(timer);
      await busy;
    },
  };
}
