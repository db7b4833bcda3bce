/**
 * Production-order KPIs: when an open order will finish (forecast over the shift calendar), and the
 * schedule KPIs of an operation's orders over a window: on-time completion rate, schedule adherence
 * and average lateness. Pure: every time and count is passed in.
 */
import { type CalendarRules, plannedIntervals } from './calendar';
import { type Metric, metric, ratio, undefinedMetric } from './metric';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** How far ahead a forecast looks for planned time before it gives up (a year and a day). */
export const FORECAST_HORIZON_DAYS = 366;

/** The look-back over which the final process's recent good-unit rate is measured. */
export const FORECAST_LOOKBACK_MINUTES = 7 * 24 * 60;

/** How a completion forecast was made. */
export type ForecastMethod =
  /** The order is COMPLETED: the forecast is its completion time. */
  | 'COMPLETED'
  /** It has produced its quantity and only waits to be completed: the forecast is `asOf` (or its planned start, if later). */
  | 'QUANTITY_REACHED'
  /** Remaining units at the final process's good-unit rate per planned minute over the look-back, laid over the calendar. */
  | 'RECENT_RATE'
  /** The final process made no good units in the look-back: its target rate (× target yield, if set) over the calendar. */
  | 'TARGET_RATE'
  /** No forecast: the order is cancelled, or no rate or planned time is known (see `reason`). */
  | 'NONE';

export interface ForecastInput {
  status: 'PLANNED' | 'RELEASED' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED';
  quantity: number;
  producedQuantity: number;
  plannedStart: Date;
  dueDate: Date;
  completedAt: Date | null;
  /** The instant the forecast is made at. */
  asOf: Date;
  /** Good units of the operation's final process in the look-back window ending at `asOf`. */
  recentGoodUnits: number;
  /** Planned production minutes of the final process's calendar in that look-back window. */
  recentPlannedMinutes: number;
  /** The final process's target rate per planned hour (fallback when it made nothing recently); null without a final process. */
  targetRatePerHour: number | null;
  /** The final process's target yield 0–1, applied to the target rate; null when not set. */
  targetYield: number | null;
  /** The final process's calendar; null means 24/7. */
  calendar: CalendarRules | null;
}

export interface Forecast {
  /** When the order is expected to be (or was) complete; null with `reason` when unknown. */
  completion: Date | null;
  method: ForecastMethod;
  /** The good-unit rate used, per planned hour; null unless RECENT_RATE or TARGET_RATE. */
  ratePerHour: number | null;
  /** Planned production minutes still needed at that rate; null unless RECENT_RATE or TARGET_RATE. */
  plannedMinutesNeeded: number | null;
  /** Whether `completion` is after the due date; null when there is no completion. */
  late: boolean | null;
  /** Why `completion` is null, as 'CODE: text'; null when it is set. */
  reason: string | null;
}

/** The instant `minutes` of planned time after `start` on the calendar, or null if not within `horizonDays`. */
export function addPlannedMinutes(
  calendar: CalendarRules | null,
  start: Date,
  minutes: number,
  horizonDays = FORECAST_HORIZON_DAYS,
): Date | null {
  if (!(minutes > 0)) return new Date(start.getTime());
  if (calendar === null) return minutes * MINUTE_MS <= horizonDays * DAY_MS ? new Date(start.getTime() + minutes * MINUTE_MS) : null;
  let left = minutes * MINUTE_MS;
  const end = start.getTime() + horizonDays * DAY_MS;
  // A week at a time: planned time is additive over adjacent pieces, and most forecasts end in the first.
  for (let from = start.getTime(); from < end; from += WEEK_MS) {
    for (const interval of plannedIntervals(calendar, new Date(from), new Date(Math.min(from + WEEK_MS, end)))) {
      const length = interval.end.getTime() - interval.start.getTime();
      if (length >= left) return new Date(interval.start.getTime() + left);
      left -= length;
    }
  }
  return null;
}

function none(reason: string): Forecast {
  return { completion: null, method: 'NONE', ratePerHour: null, plannedMinutesNeeded: null, late: null, reason };
}

/**
 * When an order will be complete. COMPLETED: its completion time. CANCELLED: none. Otherwise the
 * remaining units (quantity − produced, never below 0) are made from max(asOf, plannedStart) on:
 * at the final process's recent rate (good units ÷ planned minutes over the look-back) if it made
 * any good units then, else at its target rate × target yield; the planned minutes needed are laid
 * over its shift calendar (24/7 without one). It assumes the final process works on this order
 * alone. `late` is completion > dueDate. None (with a reason) when there is no final process
 * (`NO_FINAL_PROCESS`), the calendar has no planned time (`NO_PLANNED_TIME`) or the completion lies
 * beyond FORECAST_HORIZON_DAYS (`BEYOND_HORIZON`). Never throws for valid calendars.
 */
export function forecastCompletion(i: ForecastInput): Forecast {
  if (i.status === 'CANCELLED') return none('CANCELLED: a cancelled order will not be completed');
  if (i.status === 'COMPLETED') {
    const at = i.completedAt ?? i.asOf;
    return { completion: at, method: 'COMPLETED', ratePerHour: null, plannedMinutesNeeded: null, late: at > i.dueDate, reason: null };
  }
  const start = new Date(Math.max(i.asOf.getTime(), i.plannedStart.getTime()));
  const remaining = Math.max(0, i.quantity - i.producedQuantity);
  if (remaining === 0) {
    return {
      completion: start,
      method: 'QUANTITY_REACHED',
      ratePerHour: null,
      plannedMinutesNeeded: null,
      late: start > i.dueDate,
      reason: null,
    };
  }
  let method: ForecastMethod;
  let perMinute: number;
  if (i.recentGoodUnits > 0 && i.recentPlannedMinutes > 0) {
    method = 'RECENT_RATE';
    perMinute = i.recentGoodUnits / i.recentPlannedMinutes;
  } else if (i.targetRatePerHour !== null && i.targetRatePerHour > 0) {
    method = 'TARGET_RATE';
    perMinute = (i.targetRatePerHour * (i.targetYield ?? 1)) / 60;
    if (!(perMinute > 0)) return none('NO_RATE: the final process has a target yield of 0');
  } else {
    return none('NO_FINAL_PROCESS: the operation has no process to measure a rate on');
  }
  const needed = remaining / perMinute;
  const completion = addPlannedMinutes(i.calendar, start, needed);
  const base = { method, ratePerHour: perMinute * 60, plannedMinutesNeeded: needed };
  if (completion === null) {
    const empty = i.calendar !== null && plannedIntervals(i.calendar, start, new Date(start.getTime() + WEEK_MS)).length === 0;
    return {
      ...base,
      completion: null,
      late: null,
      reason: empty
        ? 'NO_PLANNED_TIME: the final process has no planned production time in the week ahead'
        : `BEYOND_HORIZON: at ${(perMinute * 60).toFixed(2)} good units per planned hour it would take more than ${FORECAST_HORIZON_DAYS} days`,
    };
  }
  return { ...base, completion, late: completion > i.dueDate, reason: null };
}

/** One production order as the schedule KPIs read it. */
export interface ScheduledOrder {
  quantity: number;
  dueDate: Date;
  status: 'PLANNED' | 'RELEASED' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED';
  /** When it was completed (as known at the as-of instant); null if not completed then. */
  completedAt: Date | null;
  /** Good units of the final process attributed to it from samples that ended by its due date (and recorded by the as-of instant). */
  producedByDueDate: number;
}

export interface ScheduleKpis {
  /** Orders completed in the window. */
  completed: number;
  /** Of those, completed at or before their due date. */
  completedOnTime: number;
  /** Orders due in the window that were not cancelled. */
  due: number;
  /** completedOnTime ÷ completed. */
  onTimeCompletionRate: Metric;
  /** Σ min(produced by the due date, quantity) ÷ Σ quantity over orders due in the window. */
  scheduleAdherence: Metric;
  /** Mean of (completedAt − dueDate) in days over orders completed late in the window. */
  averageLatenessDays: Metric;
}

/**
 * The schedule KPIs of an operation's orders over [from, to): an order counts as completed in the
 * window when its completedAt is inside it, and as due when its dueDate is (cancelled orders never
 * count). On time: completedAt <= dueDate (an order completed short still counts as completed).
 * Adherence caps each order at its quantity, so overproduction of one order cannot hide another's
 * shortfall. Undefined: `NO_COMPLETED_ORDERS`, `NO_ORDERS_DUE`, `NO_LATE_ORDERS`. Never throws.
 */
export function computeScheduleKpis(orders: ScheduledOrder[], from: Date, to: Date): ScheduleKpis {
  const inWindow = (d: Date) => d >= from && d < to;
  let completed = 0;
  let completedOnTime = 0;
  let lateMs = 0;
  let late = 0;
  let due = 0;
  let planned = 0;
  let produced = 0;
  for (const o of orders) {
    if (o.status === 'CANCELLED') continue;
    if (o.status === 'COMPLETED' && o.completedAt && inWindow(o.completedAt)) {
      completed++;
      if (o.completedAt <= o.dueDate) completedOnTime++;
      else {
        late++;
        lateMs += o.completedAt.getTime() - o.dueDate.getTime();
      }
    }
    if (inWindow(o.dueDate)) {
      due++;
      planned += o.quantity;
      produced += Math.min(Math.max(0, o.producedByDueDate), o.quantity);
    }
  }
  return {
    completed,
    completedOnTime,
    due,
    onTimeCompletionRate: ratio(completedOnTime, completed, 'NO_COMPLETED_ORDERS: no production order was completed in the window'),
    scheduleAdherence: ratio(produced, planned, 'NO_ORDERS_DUE: no production order was due in the window'),
    averageLatenessDays:
      late === 0 ? undefinedMetric('NO_LATE_ORDERS: no production order was completed late in the window') : metric(lateMs / DAY_MS / late),
  };
}
