import { computeEarnedValue, explainActualCost, forecastCompletionDate } from './evm';
import { metric, undefinedMetric } from './metric';
import { randomInt, seededRandom } from './seeded-random';
import { computeProgress, milestonesAt, plannedPercentComplete, type MilestoneRevisionInput } from './progress';

describe('computeEarnedValue', () => {
  // PMP-style textbook example (formulas as in the PMBOK Guide, 6th ed., Control Costs, earned value summary table), checked
  // by hand: BAC 10,000, 50 % planned (PV 5,000), 40 % earned (EV 4,000), AC 4,500.
  it('computes the PMBOK-style worked example', () => {
    const r = computeEarnedValue({ budgetAtCompletion: 10_000, plannedPercent: 0.5, earnedPercent: 0.4, actualCost: 4_500 });
    expect(r.plannedValue.value).toBe(5_000);
    expect(r.earnedValue.value).toBe(4_000);
    expect(r.costVariance.value).toBe(-500);
    expect(r.scheduleVariance.value).toBe(-1_000);
    expect(r.cpi.value).toBeCloseTo(0.8889, 4);
    expect(r.spi.value).toBe(0.8);
    expect(r.estimateAtCompletion.value).toBeCloseTo(11_250, 9);
    expect(r.estimateToComplete.value).toBeCloseTo(6_750, 9);
    expect(r.varianceAtCompletion.value).toBeCloseTo(-1_250, 9);
    expect(r.tcpi.value).toBeCloseTo(1.0909, 4); // 6,000 / 5,500
  });

  // ceboardexamgenerator.com, "Project control and earned value": BAC P5,000,000, EV P1,500,000,
  // AC P1,800,000 → EAC = BAC / CPI = P6,000,000 (CPI 0.8333); and EV 3M, AC 3.5M (CPI 0.857) needs
  // TCPI 1.077, which with TCPI = (BAC − EV) / (BAC − AC) holds for BAC 10M (7M / 6.5M).
  it('reproduces the published EAC and TCPI exercises (in cents)', () => {
    const a = computeEarnedValue({ budgetAtCompletion: 500_000_000, plannedPercent: 0.3, earnedPercent: 0.3, actualCost: 180_000_000 });
    expect(a.cpi.value).toBeCloseTo(0.8333, 4);
    expect(a.estimateAtCompletion.value).toBeCloseTo(600_000_000, 4);
    const b = computeEarnedValue({ budgetAtCompletion: 1_000_000_000, plannedPercent: 0.3, earnedPercent: 0.3, actualCost: 350_000_000 });
    expect(b.cpi.value).toBeCloseTo(0.857, 3);
    expect(b.tcpi.value).toBeCloseTo(1.077, 3);
  });

  it('returns NO_COST for CPI and its dependants when nothing has been spent', () => {
    const r = computeEarnedValue({ budgetAtCompletion: 10_000, plannedPercent: 0.1, earnedPercent: 0.1, actualCost: 0 });
    expect(r.cpi.reason).toMatch(/^NO_COST: /);
    expect(r.estimateAtCompletion.reason).toMatch(/^NO_COST: /);
    expect(r.varianceAtCompletion.reason).toMatch(/^NO_COST: /);
    expect(r.costVariance.value).toBe(1_000);
    expect(r.tcpi.value).toBe(0.9);
  });

  it('returns NO_PLANNED_VALUE for SPI when nothing was planned yet, and NO_EARNED_VALUE for EAC when nothing was earned', () => {
    const r = computeEarnedValue({ budgetAtCompletion: 10_000, plannedPercent: 0, earnedPercent: 0, actualCost: 100 });
    expect(r.spi.reason).toMatch(/^NO_PLANNED_VALUE: /);
    expect(r.cpi.value).toBe(0);
    expect(r.estimateAtCompletion.reason).toMatch(/^NO_EARNED_VALUE: /);
    expect(r.estimateToComplete.reason).toMatch(/^NO_EARNED_VALUE: /);
  });

  it('returns NO_BUDGET for everything derived when BAC is zero', () => {
    const r = computeEarnedValue({ budgetAtCompletion: 0, plannedPercent: 0.5, earnedPercent: 0.5, actualCost: 10 });
    expect(r.plannedValue.reason).toMatch(/^NO_BUDGET: /);
    expect(r.tcpi.reason).toMatch(/^NO_BUDGET: /);
    expect(r.actualCost).toBe(10);
  });

  it('returns BUDGET_EXHAUSTED for TCPI once actual cost reaches the budget', () => {
    expect(
      computeEarnedValue({ budgetAtCompletion: 10_000, plannedPercent: 1, earnedPercent: 0.9, actualCost: 10_000 }).tcpi.reason,
    ).toMatch(/^BUDGET_EXHAUSTED: /);
    expect(
      computeEarnedValue({ budgetAtCompletion: 10_000, plannedPercent: 1, earnedPercent: 0.9, actualCost: 12_000 }).tcpi.reason,
    ).toMatch(/^BUDGET_EXHAUSTED: /);
  });

  it('passes on the reason of a missing plan or progress', () => {
    const r = computeEarnedValue({
      budgetAtCompletion: 10_000,
      plannedPercent: undefinedMetric('NO_MILESTONES: none'),
      earnedPercent: null,
      actualCost: 100,
    });
    expect(r.plannedValue.reason).toBe('NO_MILESTONES: none');
    expect(r.earnedValue.reason).toMatch(/^NO_EARNED_PERCENT: /);
    expect(r.spi.reason).toMatch(/^NO_EARNED_PERCENT: /);
    expect(
      computeEarnedValue({ budgetAtCompletion: 10_000, plannedPercent: metric(0.5), earnedPercent: 0.5, actualCost: 100 }).spi.value,
    ).toBe(1);
    expect(computeEarnedValue({ budgetAtCompletion: -1, plannedPercent: 0.5, earnedPercent: 0.5, actualCost: 100 }).cpi.reason).toMatch(
      /^INVALID_INPUT: /,
    );
  });

  it('keeps the EVM identities CV = AC×(CPI−1), EAC = AC + ETC and VAC = BAC − EAC (property)', () => {
    const rand = seededRandom(748);
    for (let n = 0; n < 500; n++) {
      const bac = randomInt(rand, 1, 10_000_000);
      const ac = randomInt(rand, 1, bac - 1 || 1);
      const r = computeEarnedValue({
        budgetAtCompletion: bac,
        plannedPercent: 0.01 + rand() * 0.99,
        earnedPercent: 0.01 + rand() * 0.99,
        actualCost: ac,
      });
      expect(r.costVariance.value!).toBeCloseTo(ac * (r.cpi.value! - 1), 4);
      expect(r.estimateAtCompletion.value!).toBeCloseTo(ac + r.estimateToComplete.value!, 4);
      expect(r.varianceAtCompletion.value!).toBeCloseTo(bac - r.estimateAtCompletion.value!, 4);
      expect(r.spi.value! * r.plannedValue.value!).toBeCloseTo(r.earnedValue.value!, 4);
    }
  });
});

describe('forecastCompletionDate', () => {
  const startDate = new Date('2025-01-01T00:00:00Z');
  const dueDate = new Date('2025-01-11T00:00:00Z'); // 10 days planned

  it('divides the planned duration by SPI', () => {
    // SPI 0.8 from the worked example above: 10 days ÷ 0.8 = 12.5 days.
    expect(forecastCompletionDate({ startDate, dueDate, spi: 0.8, asOf: new Date('2025-01-05T00:00:00Z') })).toEqual({
      date: new Date('2025-01-13T12:00:00Z'),
      method: 'SPI_DURATION',
      reason: null,
    });
  });

  it('never forecasts a finish before asOf', () => {
    const asOf = new Date('2025-01-09T00:00:00Z');
    expect(forecastCompletionDate({ startDate, dueDate, spi: 2, asOf }).date).toEqual(asOf);
  });

  it('returns a reason instead of a date without a usable SPI or plan', () => {
    const asOf = new Date('2025-01-05T00:00:00Z');
    expect(forecastCompletionDate({ startDate, dueDate, spi: null, asOf }).reason).toMatch(/^NO_SPI: /);
    expect(forecastCompletionDate({ startDate, dueDate, spi: 0, asOf })).toMatchObject({
      date: null,
      reason: expect.stringMatching(/^ZERO_SPI: /),
    });
    expect(forecastCompletionDate({ startDate, dueDate: startDate, spi: 1, asOf }).reason).toMatch(/^NO_PLANNED_DURATION: /);
  });
});

describe('earned value at a status date (issue 15 worked example)', () => {
  // A project created today (2026-12-06) with start 2026-01-01, due 2026-05-01, BAC 100,000 (in cents), two
  // equal-weight milestones due 2026-03-01 and 2026-05-01, the first at 80 % effective by 2026-03-01, and
  // 45,000 of cost incurred 2026-02-28 but recorded today. Report at status date 2026-03-01.
  const day = (d: string) => new Date(`${d}T00:00:00.000Z`);
  const today = day('2026-12-06');
  const statusDate = day('2026-03-01');
  const revisions: MilestoneRevisionInput[] = [
    // Created today; a milestone belongs to the plan from the project start.
    {
      milestoneId: 1,
      sequence: 1,
      effectiveAt: day('2026-01-01'),
      weight: 1,
      percentComplete: 0,
      status: 'PLANNED',
      dueDate: day('2026-03-01'),
      completedAt: null,
    },
    {
      milestoneId: 2,
      sequence: 2,
      effectiveAt: day('2026-01-01'),
      weight: 1,
      percentComplete: 0,
      status: 'PLANNED',
      dueDate: day('2026-05-01'),
      completedAt: null,
    },
    // Recorded today, stated effective 2026-03-01.
    {
      milestoneId: 1,
      sequence: 3,
      effectiveAt: day('2026-03-01'),
      weight: 1,
      percentComplete: 80,
      status: 'IN_PROGRESS',
      dueDate: day('2026-03-01'),
      completedAt: null,
    },
  ];

  it('gives PV 50,000, EV 40,000, AC 45,000, CPI 0.8889, SPI 0.8, EAC 112,500, TCPI 1.0909', () => {
    const milestones = milestonesAt(revisions, statusDate);
    expect(milestones.map((m) => m.percentComplete)).toEqual([80, 0]);
    const planned = plannedPercentComplete(milestones, statusDate);
    expect(planned.value).toBe(0.5); // the first of two equal weights is due by 1 March
    const r = computeEarnedValue({
      budgetAtCompletion: 10_000_000,
      plannedPercent: planned,
      earnedPercent: computeProgress(milestones).weightBased,
      actualCost: 4_500_000,
    });
    expect(r.plannedValue.value).toBe(5_000_000);
    expect(r.earnedValue.value).toBe(4_000_000);
    expect(r.cpi.value).toBeCloseTo(0.8889, 4);
    expect(r.spi.value).toBe(0.8);
    expect(r.estimateAtCompletion.value).toBeCloseTo(11_250_000, 6);
    expect(r.tcpi.value).toBeCloseTo(1.0909, 4);
    expect(explainActualCost({ actualCost: 4_500_000, laterEntries: 0, statusDate, asOf: today })).toBeNull();
  });

  it('leaves out progress that takes effect after the status date', () => {
    expect(milestonesAt(revisions, day('2026-02-28')).map((m) => m.percentComplete)).toEqual([0, 0]);
    expect(milestonesAt(revisions, day('2025-12-31'))).toEqual([]);
    // Same effective instant: the later recorded revision wins.
    const again = { ...revisions[2], sequence: 4, percentComplete: 85 };
    expect(milestonesAt([...revisions, again], statusDate)[0].percentComplete).toBe(85);
  });

  it('explains an actual cost of 0 when the cost was recorded after asOf', () => {
    const yesterday = day('2026-12-05');
    expect(explainActualCost({ actualCost: 0, laterEntries: 1, statusDate, asOf: yesterday })).toBe(
      'NOT_YET_RECORDED: 1 cost entry was incurred by the status date 2026-03-01T00:00:00.000Z but recorded after asOf 2026-12-05T00:00:00.000Z',
    );
    expect(explainActualCost({ actualCost: 0, laterEntries: 0, statusDate, asOf: yesterday })).toMatch(/^NO_COST: /);
    const r = computeEarnedValue({ budgetAtCompletion: 10_000_000, plannedPercent: 0.5, earnedPercent: 0.4, actualCost: 0 });
    expect(r.cpi.reason).toMatch(/^NO_COST: /);
  });
});
