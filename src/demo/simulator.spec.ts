import { seededRandom } from '../kpi/seeded-random';
import { FULFILMENT_PROCESSES, GARMENT_PROCESSES, SUPPORT_PROCESSES } from './catalogue';
import { samplePeriodMs, simulateCounts, startSimulator, type SimulatorTarget } from './simulator';
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
