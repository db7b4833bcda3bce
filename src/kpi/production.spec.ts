import type { CalendarRules } from './calendar';
import { addPlannedMinutes, computeScheduleKpis, type ForecastInput, forecastCompletion, type ScheduledOrder } from './production';

/** Monday to Friday 06:00–14:00 UTC with a 10:00–10:30 break: 450 planned minutes a day. */
const DAY_SHIFT: CalendarRules = {
  timeZone: 'UTC',
  shifts: [1, 2, 3, 4, 5].map((dayOfWeek) => ({
    name: 'Day',
    dayOfWeek,
    start: '06:00',
    end: '14:00',
    breaks: [{ start: '10:00', end: '10:30' }],
  })),
};

const d = (iso: string) => new Date(iso);

function input(overrides: Partial<ForecastInput>): ForecastInput {
  return {
    status: 'IN_PROGRESS',
    quantity: 1000,
    producedQuantity: 400,
    plannedStart: d('2025-03-01T00:00:00Z'),
    dueDate: d('2025-03-04T12:00:00Z'),
    completedAt: null,
    // Monday 08:00
    asOf: d('2025-03-03T08:00:00Z'),
    // The last week: 5 days × 450 planned minutes, 3,000 good units → 80 per planned hour.
    recentGoodUnits: 3000,
    recentPlannedMinutes: 2250,
    targetRatePerHour: 100,
    targetYield: 0.9,
    calendar: DAY_SHIFT,
    ...overrides,
  };
}

describe('forecastCompletion (worked examples)', () => {
  it('lays the remaining units at the recent rate over the shifts: 600 units at 80/h need 450 planned minutes → Tuesday 08:00', () => {
    // Monday 08:00–10:00 (120) + 10:30–14:00 (210) = 330; the last 120 minutes are Tuesday 06:00–08:00.
    const f = forecastCompletion(input({}));
    expect(f).toEqual({
      completion: d('2025-03-04T08:00:00Z'),
      method: 'RECENT_RATE',
      ratePerHour: 80,
      plannedMinutesNeeded: 450,
      late: false,
      reason: null,
    });
  });

  it('is late when that is after the due date', () => {
    expect(forecastCompletion(input({ dueDate: d('2025-03-04T07:00:00Z') })).late).toBe(true);
  });

  it('falls back to target rate × target yield when the final process made nothing recently (90/h: 400 minutes → Tuesday 07:10)', () => {
    const f = forecastCompletion(input({ recentGoodUnits: 0 }));
    expect(f.method).toBe('TARGET_RATE');
    expect(f.ratePerHour).toBeCloseTo(90, 10);
    expect(f.plannedMinutesNeeded).toBeCloseTo(400, 10);
    expect(f.completion).toEqual(d('2025-03-04T07:10:00Z'));
  });

  it('starts at the planned start when that is later than as-of', () => {
    // Planned to start Wednesday 06:00: 450 minutes is exactly Wednesday's shift → 14:00.
    const f = forecastCompletion(
      input({ status: 'RELEASED', plannedStart: d('2025-03-05T06:00:00Z'), dueDate: d('2025-03-07T00:00:00Z') }),
    );
    expect(f.completion).toEqual(d('2025-03-05T14:00:00Z'));
    expect(f.late).toBe(false);
  });

  it('skips the weekend: from Friday 13:00, 120 minutes end Monday 07:00', () => {
    expect(addPlannedMinutes(DAY_SHIFT, d('2025-03-07T13:00:00Z'), 120)).toEqual(d('2025-03-10T07:00:00Z'));
  });

  it('is as-of (or the planned start) once the quantity is reached, and the completion time once completed', () => {
    expect(forecastCompletion(input({ producedQuantity: 1000 }))).toMatchObject({
      method: 'QUANTITY_REACHED',
      completion: d('2025-03-03T08:00:00Z'),
      late: false,
    });
    const done = forecastCompletion(input({ status: 'COMPLETED', completedAt: d('2025-03-05T09:00:00Z') }));
    expect(done).toMatchObject({ method: 'COMPLETED', completion: d('2025-03-05T09:00:00Z'), late: true });
  });

  it('is null with a reason when cancelled, without a final process, without planned time, or beyond the horizon', () => {
    expect(forecastCompletion(input({ status: 'CANCELLED' }))).toMatchObject({ completion: null, method: 'NONE', late: null });
    expect(forecastCompletion(input({ recentGoodUnits: 0, targetRatePerHour: null })).reason).toMatch(/^NO_FINAL_PROCESS: /);
    const noShifts = forecastCompletion(input({ calendar: { timeZone: 'UTC', shifts: [] } }));
    expect(noShifts).toMatchObject({ completion: null, method: 'RECENT_RATE', late: null });
    expect(noShifts.reason).toMatch(/^NO_PLANNED_TIME: /);
    expect(forecastCompletion(input({ quantity: 10_000_000, recentGoodUnits: 1 })).reason).toMatch(/^BEYOND_HORIZON: /);
  });

  it('counts 24/7 without a calendar', () => {
    expect(forecastCompletion(input({ calendar: null })).completion).toEqual(d('2025-03-03T15:30:00Z'));
  });
});

describe('computeScheduleKpis (worked example: March 2025)', () => {
  const from = d('2025-03-01T00:00:00Z');
  const to = d('2025-04-01T00:00:00Z');
  const order = (o: Partial<ScheduledOrder>): ScheduledOrder => ({
    quantity: 100,
    dueDate: from,
    status: 'COMPLETED',
    completedAt: null,
    producedByDueDate: 0,
    ...o,
  });
  const orders: ScheduledOrder[] = [
    // On time, in full.
    order({ quantity: 100, dueDate: d('2025-03-10T00:00:00Z'), completedAt: d('2025-03-09T00:00:00Z'), producedByDueDate: 100 }),
    // 2.5 days late; 150 of 200 made by the due date.
    order({ quantity: 200, dueDate: d('2025-03-15T00:00:00Z'), completedAt: d('2025-03-17T12:00:00Z'), producedByDueDate: 150 }),
    // 4 days late, completed short; 20 of 50 by the due date.
    order({ quantity: 50, dueDate: d('2025-03-20T00:00:00Z'), completedAt: d('2025-03-24T00:00:00Z'), producedByDueDate: 20 }),
    // Still running: due in the window, 60 of 100 by the due date.
    order({ quantity: 100, dueDate: d('2025-03-25T00:00:00Z'), status: 'IN_PROGRESS', producedByDueDate: 60 }),
    // Cancelled: counts nowhere.
    order({ quantity: 80, dueDate: d('2025-03-12T00:00:00Z'), status: 'CANCELLED', producedByDueDate: 10 }),
    // Completed before the window, due before it: counts nowhere.
    order({ quantity: 70, dueDate: d('2025-02-28T00:00:00Z'), completedAt: d('2025-02-27T00:00:00Z'), producedByDueDate: 70 }),
    // Overproduced: capped at its quantity (40 of 40), so it cannot hide the others' shortfall.
    order({ quantity: 40, dueDate: d('2025-03-28T00:00:00Z'), status: 'IN_PROGRESS', producedByDueDate: 55 }),
  ];

  it('on-time completion 1 of 3, adherence 370 ÷ 490, average lateness (2.5 + 4) ÷ 2 = 3.25 days', () => {
    const k = computeScheduleKpis(orders, from, to);
    expect(k.completed).toBe(3);
    expect(k.completedOnTime).toBe(1);
    expect(k.due).toBe(5);
    expect(k.onTimeCompletionRate.value).toBeCloseTo(1 / 3, 12);
    expect(k.scheduleAdherence.value).toBeCloseTo((100 + 150 + 20 + 60 + 40) / (100 + 200 + 50 + 100 + 40), 12);
    expect(k.averageLatenessDays.value).toBeCloseTo(3.25, 12);
  });

  it('says why each is undefined for an empty window', () => {
    const k = computeScheduleKpis([], from, to);
    expect(k.onTimeCompletionRate.reason).toMatch(/^NO_COMPLETED_ORDERS: /);
    expect(k.scheduleAdherence.reason).toMatch(/^NO_ORDERS_DUE: /);
    expect(k.averageLatenessDays.reason).toMatch(/^NO_LATE_ORDERS: /);
  });
});
