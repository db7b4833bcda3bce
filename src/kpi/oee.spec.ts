import { plannedMinutes } from './calendar';
import { aggregateSamples, computeOee, computeThroughputStats, prorate, ThroughputInput, SamplePeriod } from './oee';
import { randomInt, seededRandom } from './seeded-random';

// Worked example from oee.com, "OEE Calculation" (https://www.oee.com/calculating-oee/): an 8 h shift
// with 60 min of breaks → planned production time 420 min; 47 min down time → run time 373 min; ideal
// cycle time 1.0 s (3600/h); total count 19,271, reject count 423, good count 18,848.
// Published: availability 88.81 %, performance 86.11 %, quality 97.80 %, OEE 74.79 %.
const oeeDotCom: ThroughputInput = {
  plannedMinutes: 420,
  downtimeMinutes: 47,
  goodUnits: 18_848,
  rejectedUnits: 423,
  targetRatePerHour: 3600,
};

describe('computeOee', () => {
  it('reproduces the oee.com worked example', () => {
    const r = computeOee(oeeDotCom);
    expect(r.availability.value).toBeCloseTo(0.8881, 4); // 373 / 420
    expect(r.performance.value).toBeCloseTo(0.8611, 4); // 19,271 s / 22,380 s
    expect(r.quality.value).toBeCloseTo(0.978, 4); // 18,848 / 19,271
    expect(r.oee.value).toBeCloseTo(0.7479, 4); // 18,848 s fully productive / 25,200 s planned
    expect([r.availability, r.performance, r.quality, r.oee].every((m) => m.reason === null)).toBe(true);
  });

  it('gets the example’s 420 planned minutes from a shift calendar with three breaks', () => {
    const calendar = {
      timeZone: 'UTC',
      shifts: [
        {
          name: 'Early',
          dayOfWeek: 1,
          start: '06:00',
          end: '14:00',
          breaks: [
            { start: '09:00', end: '09:15' },
            { start: '11:00', end: '11:30' },
            { start: '12:30', end: '12:45' },
          ],
        },
      ],
    };
    expect(plannedMinutes(calendar, new Date('2025-01-06T00:00:00Z'), new Date('2025-01-07T00:00:00Z'))).toBe(420);
  });

  it('returns NO_PLANNED_TIME instead of dividing by zero planned time', () => {
    const r = computeOee({ ...oeeDotCom, plannedMinutes: 0, downtimeMinutes: 0 });
    expect(r.availability).toEqual({ value: null, reason: 'NO_PLANNED_TIME: planned production time is zero' });
    expect(r.performance.reason).toMatch(/^NO_RUN_TIME: /);
    expect(r.oee.reason).toMatch(/^NO_PLANNED_TIME: /);
  });

  it('clamps downtime above planned time to zero run time', () => {
    const r = computeOee({ ...oeeDotCom, downtimeMinutes: 500 });
    expect(r.availability.value).toBe(0);
    expect(r.performance.reason).toMatch(/^NO_RUN_TIME: /);
    expect(r.oee.value).toBeNull();
  });

  it('returns NO_UNITS for quality when nothing was produced, and ZERO_TARGET without a target rate', () => {
    expect(computeOee({ ...oeeDotCom, goodUnits: 0, rejectedUnits: 0 }).quality.reason).toMatch(/^NO_UNITS: /);
    const noTarget = computeOee({ ...oeeDotCom, targetRatePerHour: 0 });
    expect(noTarget.performance.reason).toMatch(/^ZERO_TARGET: /);
    expect(noTarget.oee.reason).toMatch(/^ZERO_TARGET: /);
  });

  it('returns INVALID_INPUT for negative or non-finite inputs', () => {
    const r = computeOee({ ...oeeDotCom, goodUnits: -1 });
    expect(r.oee.reason).toBe('INVALID_INPUT: goodUnits must be a finite number >= 0, got -1');
    expect(computeOee({ ...oeeDotCom, plannedMinutes: NaN }).availability.reason).toMatch(/^INVALID_INPUT: /);
  });

  it('does not cap performance above 1 when the target rate is set too low', () => {
    expect(computeOee({ ...oeeDotCom, targetRatePerHour: 1800 }).performance.value).toBeCloseTo(1.7222, 4);
  });

  it('satisfies A×P×Q = OEE = fully productive time ÷ planned time (property)', () => {
    const rand = seededRandom(22400);
    for (let n = 0; n < 500; n++) {
      const i: ThroughputInput = {
        plannedMinutes: randomInt(rand, 1, 1440),
        downtimeMinutes: 0,
        goodUnits: randomInt(rand, 0, 50_000),
        rejectedUnits: randomInt(rand, 0, 5_000),
        targetRatePerHour: 1 + rand() * 5000,
      };
      i.downtimeMinutes = rand() * (i.plannedMinutes - 0.5);
      if (i.goodUnits + i.rejectedUnits === 0) i.goodUnits = 1;
      const r = computeOee(i);
      const [a, p, q, oee] = [r.availability.value!, r.performance.value!, r.quality.value!, r.oee.value!];
      expect(a * p * q).toBeCloseTo(oee, 10);
      const fullyProductiveMinutes = i.goodUnits * (60 / i.targetRatePerHour);
      expect(oee).toBeCloseTo(fullyProductiveMinutes / i.plannedMinutes, 10);
      expect(a).toBeGreaterThan(0);
      expect(a).toBeLessThanOrEqual(1);
      expect(q).toBeLessThanOrEqual(1);
    }
  });
});

describe('computeThroughputStats', () => {
  it('derives rates, attainment, yield and defect rate from the oee.com example', () => {
    const s = computeThroughputStats(oeeDotCom);
    expect(s.totalUnits).toBe(19_271);
    expect(s.runMinutes).toBe(373);
    expect(s.unitsPerHour.value).toBeCloseTo(19_271 / (373 / 60), 9); // ≈ 3099.9 per run hour
    expect(s.attainment.value).toBeCloseTo(18_848 / 25_200, 12); // 420 min × 3600/h = 25,200 planned units
    expect(s.yield.value).toBeCloseTo(0.97805, 5);
    expect(s.defectRate.value).toBeCloseTo(423 / 19_271, 12);
    expect(s.oee.oee.value).toBeCloseTo(0.7479, 4);
  });

  it('returns reasons instead of dividing by zero', () => {
    const s = computeThroughputStats({ plannedMinutes: 0, downtimeMinutes: 0, goodUnits: 0, rejectedUnits: 0, targetRatePerHour: 0 });
    expect(s.unitsPerHour.reason).toMatch(/^NO_RUN_TIME: /);
    expect(s.attainment.reason).toMatch(/^NO_PLANNED_TIME: /);
    expect(s.yield.reason).toMatch(/^NO_UNITS: /);
    expect(s.defectRate.reason).toMatch(/^NO_UNITS: /);
    expect(computeThroughputStats({ ...oeeDotCom, targetRatePerHour: 0 }).attainment.reason).toMatch(/^ZERO_TARGET: /);
  });

  it('keeps yield + defect rate = 1 and units/hour × run hours = total (property)', () => {
    const rand = seededRandom(7);
    for (let n = 0; n < 300; n++) {
      const s = computeThroughputStats({
        plannedMinutes: randomInt(rand, 60, 1440),
        downtimeMinutes: randomInt(rand, 0, 59),
        goodUnits: randomInt(rand, 1, 10_000),
        rejectedUnits: randomInt(rand, 0, 1_000),
        targetRatePerHour: randomInt(rand, 1, 3600),
      });
      expect(s.yield.value! + s.defectRate.value!).toBeCloseTo(1, 12);
      expect((s.unitsPerHour.value! * s.runMinutes) / 60).toBeCloseTo(s.totalUnits, 8);
    }
  });
});

describe('prorate / aggregateSamples', () => {
  const hourSample: SamplePeriod = {
    periodStart: new Date('2025-01-06T10:00:00Z'),
    periodEnd: new Date('2025-01-06T11:00:00Z'),
    goodUnits: 60,
    rejectedUnits: 3,
    downtimeMinutes: 10,
  };

  it('scales a sample by the fraction of its period inside the window, without rounding', () => {
    expect(prorate(hourSample, new Date('2025-01-06T10:30:00Z'), new Date('2025-01-06T12:00:00Z'))).toEqual({
      goodUnits: 30,
      rejectedUnits: 1.5,
      downtimeMinutes: 5,
    });
    expect(prorate(hourSample, new Date('2025-01-06T09:00:00Z'), new Date('2025-01-06T12:00:00Z'))).toEqual({
      goodUnits: 60,
      rejectedUnits: 3,
      downtimeMinutes: 10,
    });
    expect(prorate(hourSample, new Date('2025-01-06T11:00:00Z'), new Date('2025-01-06T12:00:00Z'))).toEqual({
      goodUnits: 0,
      rejectedUnits: 0,
      downtimeMinutes: 0,
    });
  });

  it('counts a zero-length sample in full only when its instant is inside [from, to)', () => {
    const instant = { ...hourSample, periodEnd: hourSample.periodStart };
    expect(prorate(instant, hourSample.periodStart, hourSample.periodEnd).goodUnits).toBe(60);
    expect(prorate(instant, new Date('2025-01-06T09:00:00Z'), hourSample.periodStart).goodUnits).toBe(0);
  });

  it('returns zeros for no samples', () => {
    expect(aggregateSamples([], new Date(0), new Date(1))).toEqual({ goodUnits: 0, rejectedUnits: 0, downtimeMinutes: 0 });
  });

  it('adds up across a split window to the same totals as the whole window (property)', () => {
    const rand = seededRandom(42);
    const t0 = Date.parse('2025-01-06T00:00:00Z');
    for (let n = 0; n < 100; n++) {
      const samples: SamplePeriod[] = Array.from({ length: randomInt(rand, 0, 20) }, () => {
        const start = t0 + randomInt(rand, 0, 24 * 60) * 60_000;
        return {
          periodStart: new Date(start),
          periodEnd: new Date(start + randomInt(rand, 1, 240) * 60_000),
          goodUnits: randomInt(rand, 0, 1000),
          rejectedUnits: randomInt(rand, 0, 50),
          downtimeMinutes: randomInt(rand, 0, 30),
        };
      });
      const [from, to] = [new Date(t0), new Date(t0 + 2 * 24 * 3600_000)];
      const split = new Date(t0 + rand() * 2 * 24 * 3600_000);
      const whole = aggregateSamples(samples, from, to);
      const a = aggregateSamples(samples, from, split);
      const b = aggregateSamples(samples, split, to);
      expect(a.goodUnits + b.goodUnits).toBeCloseTo(whole.goodUnits, 8);
      expect(a.downtimeMinutes + b.downtimeMinutes).toBeCloseTo(whole.downtimeMinutes, 8);
      // Every sample lies inside the two days, so nothing is lost.
      expect(whole.goodUnits).toBeCloseTo(
        samples.reduce((sum, s) => sum + s.goodUnits, 0),
        8,
      );
    }
  });
});
