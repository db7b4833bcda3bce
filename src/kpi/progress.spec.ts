import { computeProgress, MilestoneInput, plannedPercentComplete } from './progress';
import { randomInt, seededRandom } from './seeded-random';

function ms(weight: number, status: MilestoneInput['status'], percentComplete = 0, due = '2025-06-01'): MilestoneInput {
  return {
    weight,
    percentComplete,
    status,
    dueDate: new Date(`${due}T00:00:00Z`),
    completedAt: status === 'DONE' ? new Date(`${due}T00:00:00Z`) : null,
  };
}

describe('computeProgress', () => {
  // Oracle Primavera P6 help, "Assigning weighted milestones to WBS elements": four milestones of weight
  // 1.0, one completed → 25 %; the completed one weighted 9.0 and the rest 1.0 → 9 / 12 = 75 %.
  it('reproduces the Primavera P6 weighted-milestone example', () => {
    expect(computeProgress([ms(1, 'DONE'), ms(1, 'PLANNED'), ms(1, 'PLANNED'), ms(1, 'PLANNED')]).value.value).toBe(0.25);
    expect(computeProgress([ms(9, 'DONE'), ms(1, 'PLANNED'), ms(1, 'PLANNED'), ms(1, 'PLANNED')]).value.value).toBe(0.75);
  });

  it('counts DONE as 100 % regardless of stored percent and credits partial progress by weight', () => {
    const r = computeProgress([ms(2, 'DONE', 40), ms(2, 'IN_PROGRESS', 50), ms(4, 'PLANNED')]);
    expect(r.weightBased.value).toBe((2 * 1 + 2 * 0.5) / 8);
    expect(r.countBased.value).toBeCloseTo(1 / 3, 12);
    expect(r.rule).toBe('WEIGHT_BASED');
  });

  it('picks the count-based value when asked', () => {
    const r = computeProgress([ms(9, 'DONE'), ms(1, 'PLANNED')], 'COUNT_BASED');
    expect(r.value).toEqual({ value: 0.5, reason: null });
    expect(r.weightBased.value).toBe(0.9);
  });

  it('excludes cancelled milestones from numerator and denominator', () => {
    const r = computeProgress([ms(1, 'DONE'), ms(5, 'CANCELLED', 100), ms(1, 'PLANNED')]);
    expect(r.weightBased.value).toBe(0.5);
    expect(r.countBased.value).toBe(0.5);
  });

  it('clamps stored percentages to 0–100', () => {
    expect(computeProgress([ms(1, 'IN_PROGRESS', 150), ms(1, 'IN_PROGRESS', -20)]).weightBased.value).toBe(0.5);
  });

  it('returns NO_MILESTONES, ZERO_WEIGHT and INVALID_WEIGHT instead of dividing by zero', () => {
    const none = computeProgress([ms(1, 'CANCELLED')]);
    expect(none.value.reason).toMatch(/^NO_MILESTONES: /);
    expect(none.countBased.reason).toMatch(/^NO_MILESTONES: /);
    const zero = computeProgress([ms(0, 'DONE'), ms(0, 'PLANNED')]);
    expect(zero.weightBased.reason).toMatch(/^ZERO_WEIGHT: /);
    expect(zero.countBased.value).toBe(0.5);
    expect(computeProgress([ms(-1, 'DONE')]).weightBased.reason).toMatch(/^INVALID_WEIGHT: /);
  });

  it('stays within 0..1 and equals count-based progress when all weights are equal and nothing is partial (property)', () => {
    const rand = seededRandom(99);
    const statuses = ['PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const;
    for (let n = 0; n < 300; n++) {
      const list = Array.from({ length: randomInt(rand, 1, 12) }, () =>
        ms(randomInt(rand, 0, 10), statuses[randomInt(rand, 0, 3)], randomInt(rand, 0, 100)),
      );
      const r = computeProgress(list);
      if (r.weightBased.value !== null) {
        expect(r.weightBased.value).toBeGreaterThanOrEqual(0);
        expect(r.weightBased.value).toBeLessThanOrEqual(1);
      }
      const equal = list.map((m) => ({ ...m, weight: 3, percentComplete: 0 }));
      const e = computeProgress(equal);
      if (e.countBased.value !== null) expect(e.weightBased.value).toBeCloseTo(e.countBased.value, 12);
    }
  });
});

describe('plannedPercentComplete', () => {
  // Weighted-milestone breakdown (20/40/30/10 % of a 10,000 budget) from the PMP glossary note on the
  // weighted milestone method (jeff-mos-def.github.io, "Weighted Milestone Method"): with M1 and M2 due
  // by the status date, 60 % (6,000) of the value is planned.
  it('sums the weight of milestones due on or before the date', () => {
    const plan = [
      ms(20, 'DONE', 100, '2025-04-10'),
      ms(40, 'IN_PROGRESS', 50, '2025-04-20'),
      ms(30, 'PLANNED', 0, '2025-04-28'),
      ms(10, 'PLANNED', 0, '2025-05-03'),
    ];
    expect(plannedPercentComplete(plan, new Date('2025-04-20T00:00:00Z')).value).toBeCloseTo(0.6, 12);
    expect(plannedPercentComplete(plan, new Date('2025-04-09T00:00:00Z')).value).toBe(0);
    expect(plannedPercentComplete(plan, new Date('2025-12-31T00:00:00Z')).value).toBe(1);
  });

  it('ignores cancelled milestones and reports NO_MILESTONES / ZERO_WEIGHT', () => {
    expect(
      plannedPercentComplete([ms(1, 'CANCELLED', 0, '2025-01-01'), ms(1, 'PLANNED', 0, '2025-12-01')], new Date('2025-06-01')).value,
    ).toBe(0);
    expect(plannedPercentComplete([], new Date()).reason).toMatch(/^NO_MILESTONES: /);
    expect(plannedPercentComplete([ms(0, 'PLANNED')], new Date()).reason).toMatch(/^ZERO_WEIGHT: /);
  });
});
