import type { Logger } from '../common/logger';

/**
 * The live demo's line terminals: every tick, one sample per running process covering the time
 * since its last sample, around its target rate with occasional slowdowns, stoppages and quality
 * dips; now and then a milestone moves. It only talks through a `SimulatorTarget`, so the same
 * simulator drives the in-process services (zero-config demo) or any server over HTTP.
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
  recordSample(sample: { processId: string; periodStart: Date; periodEnd: Date; goodUnits: number; rejectedUnits: number; downtimeMinutes: number }): Promise<void>;
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

/** Units for a period: rate × time × an efficiency that dips now and then; rejects 1–3 %, sometimes 10 %. */
export function simulateCounts(targetRatePerHour: number, minutes: number, random: () => number) {
  const slowdown = random() < 0.1;
  const stoppage = random() < 0.05;
  const efficiency = slowdown ? 0.55 + random() * 0.2 : 0.88 + random() * 0.15;
  const downtimeMinutes = stoppage ? Math.min(minutes, Math.round(minutes * (0.2 + random() * 0.3) * 10) / 10) : 0;
  const total = Math.max(0, Math.round((targetRatePerHour * (minutes - downtimeMinutes) * efficiency) / 60));
  const rejectRate = random() < 0.08 ? 0.1 : 0.01 + random() * 0.02;
  const rejectedUnits = Math.round(total * rejectRate);
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
      const periodStart = process.lastPeriodEnd && now.getTime() - process.lastPeriodEnd.getTime() < 60 * 60_000
        ? process.lastPeriodEnd
        : new Date(now.getTime() - intervalMs);
      if (periodStart >= now) continue;
      const minutes = (now.getTime() - periodStart.getTime()) / 60_000;
      await target.recordSample({ processId: process.id, periodStart, periodEnd: now, ...simulateCounts(process.targetRatePerHour, minutes, random) });
    }
    if (random() < (options.milestoneChance ?? 0.1)) {
      const open = await target.openMilestones();
      const pick = open[Math.floor(random() * open.length)];
      if (pick) await target.advanceMilestone(pick, Math.min(100, pick.percentComplete + 5 + Math.round(random() * 10)));
    }
  }

  const timer = setInterval(() => {
    busy = busy.then(tick).catch((err) => options.logger?.warn({ err: (err as Error).message }, 'simulator tick failed'));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      if (!running) return;
      running = false;
      clearInterval(timer);
      await busy;
    },
  };
}
