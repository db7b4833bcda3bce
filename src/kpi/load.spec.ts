import { allocatedHoursBetween, computeLoad, staffingCoverage, WEEK_MS } from './load';

const at = (iso: string) => new Date(iso);
const week = (n: number) => new Date(at('2026-03-02T00:00:00Z').getTime() + n * WEEK_MS);

describe('computeLoad', () => {
  // The worked example: capacity 40 h/week; 30 h/week on an operation for four weeks and
  // 20 h/week on a project for weeks 2–3.
  //   week 1: 30 ÷ 40 = 0.75    week 2: (30 + 20) ÷ 40 = 1.25
  //   week 3: 50 ÷ 40 = 1.25    week 4: 30 ÷ 40 = 0.75
  //   four weeks: (4 × 30 + 2 × 20) ÷ (4 × 40) = 160 ÷ 160 = 1.0; over capacity in weeks 2 and 3.
  const example = {
    capacityHoursPerWeek: 40,
    calendar: null,
    allocations: [
      { key: 'operation', hoursPerWeek: 30, from: week(0), to: week(4) },
      { key: 'project', hoursPerWeek: 20, from: week(1), to: week(3) },
    ],
    from: week(0),
    to: week(4),
  };

  it('works the issue example week by week and over the four weeks', () => {
    const load = computeLoad(example);
    expect(load.weeks.map((w) => w.utilisation.value)).toEqual([0.75, 1.25, 1.25, 0.75]);
    expect(load.weeks.map((w) => w.allocatedHours)).toEqual([30, 50, 50, 30]);
    expect(load.allocatedHours).toBe(160);
    expect(load.capacityHours).toBe(160);
    expect(load.utilisation).toEqual({ value: 1, reason: null });
    expect(load.overCapacityWeeks.map((w) => w.start)).toEqual([week(1), week(2)]);
    expect(load.shares).toEqual([
      { key: 'operation', hours: 120 },
      { key: 'project', hours: 40 },
    ]);
  });

  it('counts a short last week pro rata and an open-ended allocation to the end of the window', () => {
    const load = computeLoad({
      capacityHoursPerWeek: 40,
      calendar: null,
      allocations: [{ key: 'op', hoursPerWeek: 40, from: week(0), to: null }],
      from: week(0),
      to: new Date(week(1).getTime() + WEEK_MS / 2),
    });
    expect(load.weeks.map((w) => [w.capacityHours, w.allocatedHours])).toEqual([
      [40, 40],
      [20, 20],
    ]);
    expect(load.overCapacityWeeks).toEqual([]);
  });

  it('places hours by the working calendar: a weekend-only window of a Monday–Friday person holds none', () => {
    const shifts = [1, 2, 3, 4, 5].map((d) => ({ name: 'Day', dayOfWeek: d, start: '09:00', end: '17:00', breaks: [] }));
    const calendar = { timeZone: 'UTC', shifts };
    const allocations = [{ key: 'op', hoursPerWeek: 20, from: week(0), to: null }];
    // Monday 2 March 00:00 to Monday 00:00: a full working week.
    const full = computeLoad({ capacityHoursPerWeek: 40, calendar, allocations, from: week(0), to: week(1) });
    expect(full.capacityHours).toBeCloseTo(40, 9);
    expect(full.utilisation.value).toBeCloseTo(0.5, 9);
    // Saturday and Sunday alone: no working time, so no capacity and no allocated hours.
    const weekend = computeLoad({ capacityHoursPerWeek: 40, calendar, allocations, from: at('2026-03-07T00:00:00Z'), to: week(1) });
    expect(weekend.capacityHours).toBe(0);
    expect(weekend.allocatedHours).toBe(0);
    expect(weekend.utilisation.reason).toMatch(/^NO_CAPACITY: /);
    // Monday alone: a fifth of the week's working time.
    const monday = computeLoad({ capacityHoursPerWeek: 40, calendar, allocations, from: week(0), to: at('2026-03-03T00:00:00Z') });
    expect(monday.capacityHours).toBeCloseTo(8, 9);
    expect(monday.allocatedHours).toBeCloseTo(4, 9);
  });

  it('reports NO_CAPACITY for zero capacity, and any allocation then is over capacity', () => {
    const load = computeLoad({ ...example, capacityHoursPerWeek: 0 });
    expect(load.utilisation.reason).toMatch(/^NO_CAPACITY: /);
    expect(load.overCapacityWeeks).toHaveLength(4);
  });

  it('has no weeks for an empty window', () => {
    const load = computeLoad({ ...example, to: example.from });
    expect(load.weeks).toEqual([]);
    expect(load.utilisation.reason).toMatch(/^NO_CAPACITY: /);
  });
});

describe('allocatedHoursBetween and staffingCoverage', () => {
  it('sums allocations evenly over the window and compares them with an estimate when there is one', () => {
    const hours = allocatedHoursBetween(
      [
        { hoursPerWeek: 20, from: week(1), to: week(3) },
        { hoursPerWeek: 10, from: week(0), to: null },
      ],
      week(0),
      week(4),
    );
    expect(hours).toBe(80);
    expect(staffingCoverage(hours, 160)).toEqual({ value: 0.5, reason: null });
    expect(staffingCoverage(hours, null).reason).toMatch(/^NO_ESTIMATE: /);
  });
});
