import { computeOee } from '../kpi/oee';
import { seededRandom } from '../kpi/seeded-random';
import { FULFILMENT_PROCESSES, GARMENT_PROCESSES, PILOT_HANDOVER, SUPPORT_PROCESSES } from './catalogue';
import { generateSamples, SAMPLE_MINUTES } from './generators';
import { idealUnits, roundStochastic } from './units';

const SPECS = [...GARMENT_PROCESSES, ...FULFILMENT_PROCESSES, ...SUPPORT_PROCESSES];
const END = new Date('2025-03-03T12:00:00Z');

describe('generateSamples', () => {
  it.each(SPECS.map((spec) => [spec.name, spec] as const))('never makes %s go faster than its ideal rate in any sample', (_name, spec) => {
    const rows = generateSamples({ targetRatePerHour: spec.target, ...spec.profile }, END, 21, seededRandom(7));
    const tooFast = rows.filter(
      (row) => row.goodUnits + row.rejectedUnits > idealUnits(spec.target, SAMPLE_MINUTES - row.downtimeMinutes) || row.rejectedUnits < 0,
    );
    expect(tooFast).toEqual([]);
  });

  it.each(SPECS.map((spec) => [spec.name, spec] as const))('gives %s an OEE between 60 % and 100 % over three weeks', (_name, spec) => {
    const rows = generateSamples({ targetRatePerHour: spec.target, ...spec.profile }, END, 21, seededRandom(11));
    const sum = (key: 'goodUnits' | 'rejectedUnits' | 'downtimeMinutes') => rows.reduce((s, r) => s + r[key], 0);
    const oee = computeOee({
      plannedMinutes: rows.length * SAMPLE_MINUTES,
      downtimeMinutes: sum('downtimeMinutes'),
      goodUnits: sum('goodUnits'),
      rejectedUnits: sum('rejectedUnits'),
      targetRatePerHour: spec.target,
    });
    expect(oee.performance.value).toBeLessThanOrEqual(1);
    expect(oee.oee.value).toBeLessThanOrEqual(1);
    expect(oee.oee.value).toBeGreaterThan(0.6);
  });

  it('keeps the pilot slower than the support operation today, for the handover baseline', () => {
    const today = SUPPORT_PROCESSES.at(-1)!;
    const rate = (profile: object, seed: number) => {
      const rows = generateSamples({ targetRatePerHour: today.target, ...profile }, END, 14, seededRandom(seed));
      return rows.reduce((s, r) => s + r.goodUnits + r.rejectedUnits, 0) / (rows.length / 4);
    };
    expect(rate(PILOT_HANDOVER.pilotProfile, 3)).toBeLessThan(PILOT_HANDOVER.targets.throughputPerHour);
    expect(rate(today.profile ?? {}, 3)).toBeGreaterThan(PILOT_HANDOVER.targets.throughputPerHour);
  });
});

describe('roundStochastic', () => {
  it('keeps the expected value: 0.75 rounds up three times in four', () => {
    const rand = seededRandom(1);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += roundStochastic(0.75, rand);
    expect(sum / 20_000).toBeCloseTo(0.75, 1);
  });

  it('leaves whole numbers alone', () => {
    expect(roundStochastic(3, () => 0)).toBe(3);
    expect(roundStochastic(3, () => 0.999)).toBe(3);
  });
});
