import { validateSync } from 'class-validator';
import { FUTURE_SKEW_MS } from '../../common/clock';
import { ThroughputSampleInput } from './process.inputs';
import { countProblems, MAX_SAMPLE_PERIOD_MS, periodProblem, periodsOverlap, SAMPLE_COUNT_RANGES } from './sample.rules';

const NOW = new Date('2026-03-02T12:00:00Z');
const minutesBefore = (m: number) => new Date(NOW.getTime() - m * 60_000);

function input(counts: Partial<Record<'goodUnits' | 'rejectedUnits' | 'downtimeMinutes', number>>): ThroughputSampleInput {
  return Object.assign(new ThroughputSampleInput(), {
    processId: 'x',
    periodStart: minutesBefore(60),
    periodEnd: NOW,
    goodUnits: 10,
    rejectedUnits: 0,
    downtimeMinutes: 0,
    ...counts,
  });
}

/** What class-validator says about the single-sample input's decorated counts, in countProblems' shape. */
function classValidatorSays(sample: ThroughputSampleInput) {
  return validateSync(sample).map((e) => ({ property: e.property, problems: Object.values(e.constraints ?? {}) }));
}

describe('countProblems', () => {
  const cases: Record<string, Parameters<typeof input>[0]> = {
    'counts in range': {},
    'every count at its bounds': { goodUnits: 0, rejectedUnits: SAMPLE_COUNT_RANGES.rejectedUnits.max, downtimeMinutes: 1440 },
    'negative good units': { goodUnits: -1 },
    'too many rejected units and too much downtime': { rejectedUnits: 10_000_001, downtimeMinutes: 1441 },
    'every count out of range': { goodUnits: 10_000_001, rejectedUnits: -5, downtimeMinutes: -0.5 },
  };

  it.each(Object.entries(cases))('says what class-validator says about the single-sample input: %s', (_name, counts) => {
    const sample = input(counts);
    expect(countProblems(sample)).toEqual(classValidatorSays(sample));
  });

  it("names each field out of range in class-validator's words, in field order", () => {
    expect(countProblems(input({ downtimeMinutes: 2000, goodUnits: -1 }))).toEqual([
      { property: 'goodUnits', problems: ['goodUnits must not be less than 0'] },
      { property: 'downtimeMinutes', problems: ['downtimeMinutes must not be greater than 1440'] },
    ]);
  });
});

describe('periodProblem', () => {
  const period = (startMinutesBefore: number, endMinutesBefore: number, downtimeMinutes = 0) => ({
    periodStart: minutesBefore(startMinutesBefore),
    periodEnd: minutesBefore(endMinutesBefore),
    downtimeMinutes,
  });

  it('accepts a period that ends after it starts, lasts at most 24 h, is not in the future and holds its downtime', () => {
    expect(periodProblem(period(60, 0, 60), NOW)).toBeNull();
    expect(periodProblem({ ...period(24 * 60, 0) }, NOW)).toBeNull();
  });

  it('refuses a period that does not end after it starts', () => {
    expect(periodProblem(period(30, 30), NOW)).toEqual({ field: 'periodEnd', problem: 'must be after periodStart' });
    expect(periodProblem(period(20, 30), NOW)).toEqual({ field: 'periodEnd', problem: 'must be after periodStart' });
  });

  it('refuses a period longer than 24 hours', () => {
    const sample = { periodStart: new Date(NOW.getTime() - MAX_SAMPLE_PERIOD_MS - 1), periodEnd: NOW, downtimeMinutes: 0 };
    expect(periodProblem(sample, NOW)).toEqual({ field: 'periodEnd', problem: 'a period may last at most 24 hours' });
  });

  it('allows the clock skew of a line terminal, and no more', () => {
    const end = (ms: number) => ({ periodStart: minutesBefore(60), periodEnd: new Date(NOW.getTime() + ms), downtimeMinutes: 0 });
    expect(periodProblem(end(FUTURE_SKEW_MS), NOW)).toBeNull();
    expect(periodProblem(end(FUTURE_SKEW_MS + 1), NOW)).toEqual({ field: 'periodEnd', problem: 'must not be in the future' });
  });

  it('refuses more downtime than the period lasts, naming downtimeMinutes', () => {
    expect(periodProblem(period(60, 0, 60.5), NOW)).toEqual({
      field: 'downtimeMinutes',
      problem: 'cannot exceed the length of the period',
    });
  });

  it('reports the first rule broken: order before length before the future before downtime', () => {
    expect(
      periodProblem({ periodStart: NOW, periodEnd: new Date(NOW.getTime() + 2 * MAX_SAMPLE_PERIOD_MS), downtimeMinutes: 1e9 }, NOW),
    ).toEqual({
      field: 'periodEnd',
      problem: 'a period may last at most 24 hours',
    });
  });
});

describe('periodsOverlap', () => {
  const p = (from: number, to: number) => ({ periodStart: minutesBefore(-from), periodEnd: minutesBefore(-to) });

  it('tells periods that touch (the end is exclusive) from periods that share an instant', () => {
    expect(periodsOverlap(p(0, 60), p(60, 120))).toBe(false);
    expect(periodsOverlap(p(60, 120), p(0, 60))).toBe(false);
    expect(periodsOverlap(p(0, 61), p(60, 120))).toBe(true);
    expect(periodsOverlap(p(0, 120), p(30, 60))).toBe(true);
    expect(periodsOverlap(p(30, 60), p(0, 120))).toBe(true);
  });
});
