import { computeThroughputStats, ThroughputInput } from './oee';
import { computeOperationKpis, ProcessKpiInput } from './operation';
import { seededRandom, randomInt } from './seeded-random';

function proc(id: string, sequence: number, i: Partial<ThroughputInput>): ProcessKpiInput {
  const input: ThroughputInput = { plannedMinutes: 480, downtimeMinutes: 0, goodUnits: 0, rejectedUnits: 0, targetRatePerHour: 100, ...i };
  return { id, name: id, sequence, stats: computeThroughputStats(input) };
}

describe('computeOperationKpis', () => {
  // Minitab, "What are throughput yield (YTP) and rolled throughput yield (YRT)?"
  // (support.minitab.com, Minitab 20 help): step yields 0.95, 0.84, 0.88 → YRT = 0.95 × 0.84 × 0.88 ≈ 0.70.
  it('multiplies process yields into the rolled throughput yield (Minitab example)', () => {
    const kpis = computeOperationKpis(
      [
        proc('print', 1, { goodUnits: 95, rejectedUnits: 5 }),
        proc('cut', 2, { goodUnits: 84, rejectedUnits: 16 }),
        proc('pack', 3, { goodUnits: 88, rejectedUnits: 12 }),
      ],
      0,
    );
    expect(kpis.rolledThroughputYield.value).toBeCloseTo(0.70224, 10);
  });

  // Sigmapedia, "Throughput Yield": 100 units, defects 13, 7, 5 → 0.87 × 0.93 × 0.95 = 0.77.
  it('reproduces the Sigmapedia three-step example', () => {
    const kpis = computeOperationKpis(
      [
        proc('a', 1, { goodUnits: 87, rejectedUnits: 13 }),
        proc('b', 2, { goodUnits: 93, rejectedUnits: 7 }),
        proc('c', 3, { goodUnits: 95, rejectedUnits: 5 }),
      ],
      0,
    );
    expect(kpis.rolledThroughputYield.value).toBeCloseTo(0.77, 2);
  });

  it('takes final output, schedule attainment and cost per unit from the highest sequence, whatever the input order', () => {
    // 480 planned minutes at 100/h → 800 units planned.
    const kpis = computeOperationKpis(
      [proc('pack', 3, { goodUnits: 400, rejectedUnits: 0 }), proc('cut', 1, { goodUnits: 600, rejectedUnits: 0 })],
      1_000_000,
    );
    expect(kpis.finalProcessId).toBe('pack');
    expect(kpis.finalOutput).toBe(400);
    expect(kpis.scheduleAttainment.value).toBe(0.5);
    expect(kpis.costPerGoodUnit.value).toBe(2500);
    expect(kpis.bottleneckProcessId).toBe('pack');
  });

  it('breaks bottleneck ties towards the earlier sequence and skips processes without attainment', () => {
    const kpis = computeOperationKpis(
      [proc('late', 2, { goodUnits: 400 }), proc('early', 1, { goodUnits: 400 }), proc('idle', 0, { plannedMinutes: 0 })],
      0,
    );
    expect(kpis.bottleneckProcessId).toBe('early');
    expect(computeOperationKpis([proc('idle', 1, { plannedMinutes: 0 })], 0).bottleneckProcessId).toBeNull();
  });

  it('makes RTY null with NO_UNITS naming the process that produced nothing', () => {
    const kpis = computeOperationKpis([proc('a', 1, { goodUnits: 10 }), proc('b', 2, {})], 500);
    expect(kpis.rolledThroughputYield.reason).toBe('NO_UNITS: process "b" produced no units, so its yield is unknown');
    expect(kpis.costPerGoodUnit.reason).toBe('NO_OUTPUT: final process "b" produced no good units');
  });

  it('returns NO_PROCESSES for an empty operation', () => {
    const kpis = computeOperationKpis([], 100);
    expect(kpis).toMatchObject({ finalProcessId: null, finalOutput: 0, bottleneckProcessId: null });
    expect(kpis.rolledThroughputYield.reason).toMatch(/^NO_PROCESSES: /);
    expect(kpis.costPerGoodUnit.reason).toMatch(/^NO_PROCESSES: /);
  });

  it('keeps RTY within [0, min yield] (property)', () => {
    const rand = seededRandom(1);
    for (let n = 0; n < 200; n++) {
      const ps = Array.from({ length: randomInt(rand, 1, 6) }, (_, k) =>
        proc(`p${k}`, k, { goodUnits: randomInt(rand, 1, 1000), rejectedUnits: randomInt(rand, 0, 100) }),
      );
      const rty = computeOperationKpis(ps, 0).rolledThroughputYield.value!;
      expect(rty).toBeGreaterThanOrEqual(0);
      expect(rty).toBeLessThanOrEqual(Math.min(...ps.map((p) => p.stats.yield.value!)) + 1e-12);
    }
  });
});
