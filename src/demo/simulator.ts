import type { Logger } from '../common/logger';
import { idealUnits, roundStochastic } from './units';

/**
 * The live demo's line terminals: every tick, one sample for each running process whose last sample
 * ended at least {@link samplePeriodMs} ago, covering the time since then, below its ideal rate with
 * occasional slowdowns, stoppages and quality dips; now and then a milestone moves. It only talks
 * through a `SimulatorTarget`, so the same simulator drives the in-process services (zero-config
 * demo) or any server over HTTP.
 */
export interface SimulatedProcess {
  id: string;
  targetRatePerHour: number;
  lastPeriodEnd: Date | null;
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
  }): Promise<void>;
  openMilestones(): Promise<SimulatedMilestone[]>;
  advanceMilestone(milestone: SimulatedMilestone, percentComplete: number): Promise<void>;
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

export function startSimulator(target: SimulatorTarget, options: SimulatorOptions = {}) {
  const intervalMs = options.intervalMs ?? 5000;
  const random = options.random ?? Math.random;
  let running = true;
  let busy: Promise<void> = Promise.resolve();

  async function tick() {
    const now = new Date();
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
      await target.recordSample({
        processId: process.id,
        periodStart,
        periodEnd: now,
        ...simulateCounts(process.targetRatePerHour, minutes, random),
      });
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
