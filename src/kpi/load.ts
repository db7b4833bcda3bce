/**
 * A person's load: the hours allocated to them (operations and projects alike) against their
 * capacity, week by week.
 *
 * Rules (one place, used by `Person.load`, `Person.overAllocated`, the people filter, the alert and
 * the staffing totals):
 * - A window [from, to) is cut into weeks of 7 days counted from `from`; the last week may be short.
 * - Capacity and allocations are hours per week. How much of a week's hours falls in a part of that
 *   week follows the person's working calendar: the share of the week's working minutes inside the
 *   part. Without a calendar the hours are spread evenly over the whole week (24/7), so a full week
 *   holds exactly `hoursPerWeek`.
 * - An allocation counts from its `from` to its `to` (open-ended when `to` is null).
 * - Utilisation = allocated hours ÷ capacity hours (undefined when capacity is zero); a week is over
 *   capacity when its allocated hours exceed its capacity hours by more than a rounding tolerance.
 */
import { type CalendarRules, plannedMinutes } from './calendar';
import { type Metric, ratio } from './metric';

const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
/** Hours below this are rounding noise (a second of work a week): never "over capacity" for it. */
const TOLERANCE_HOURS = 1e-6;

/** One allocation as the formula reads it. */
export interface LoadAllocation {
  /** Whatever the caller keys shares by (the allocation's target: an operation or a project). */
  key: string;
  hoursPerWeek: number;
  from: Date;
  /** Exclusive end; null = open-ended. */
  to: Date | null;
}

export interface LoadInput {
  capacityHoursPerWeek: number;
  /** The person's working calendar; null = capacity spread over the whole week. */
  calendar: CalendarRules | null;
  allocations: LoadAllocation[];
  from: Date;
  to: Date;
}

/** One week of a load. */
export interface WeekLoad {
  start: Date;
  end: Date;
  allocatedHours: number;
  capacityHours: number;
  utilisation: Metric;
  overCapacity: boolean;
}

/** Hours of the window that went to one key. */
export interface LoadShare {
  key: string;
  hours: number;
}

export interface LoadResult {
  allocatedHours: number;
  capacityHours: number;
  utilisation: Metric;
  weeks: WeekLoad[];
  /** The weeks whose allocated hours exceed their capacity. */
  overCapacityWeeks: WeekLoad[];
  /** Hours per key, largest first (ties by key). */
  shares: LoadShare[];
}

const NO_CAPACITY = 'NO_CAPACITY: the person has no capacity in this window (capacity 0 h/week, or no working time in the calendar)';

/**
 * The fraction of the week [weekStart, weekStart + 7 days) that [a, b) holds: working minutes of the
 * part ÷ working minutes of the whole week (0 when the week has none).
 */
function weekFraction(calendar: CalendarRules | null, weekStart: number, a: number, b: number): number {
  if (!(b > a)) return 0;
  if (calendar === null) return (b - a) / WEEK_MS;
  const whole = plannedMinutes(calendar, new Date(weekStart), new Date(weekStart + WEEK_MS));
  return whole > 0 ? plannedMinutes(calendar, new Date(a), new Date(b)) / whole : 0;
}

/** The load of one person over [from, to); an empty window has no weeks and undefined utilisation. */
export function computeLoad(input: LoadInput): LoadResult {
  const fromMs = input.from.getTime();
  const toMs = input.to.getTime();
  const weeks: WeekLoad[] = [];
  const shares = new Map<string, number>();
  let allocatedHours = 0;
  let capacityHours = 0;
  for (let start = fromMs; start < toMs; start += WEEK_MS) {
    const end = Math.min(start + WEEK_MS, toMs);
    const capacity = input.capacityHoursPerWeek * weekFraction(input.calendar, start, start, end);
    let allocated = 0;
    for (const a of input.allocations) {
      const lo = Math.max(start, a.from.getTime());
      const hi = Math.min(end, a.to ? a.to.getTime() : Infinity);
      const hours = a.hoursPerWeek * weekFraction(input.calendar, start, lo, hi);
      if (hours > 0) {
        allocated += hours;
        shares.set(a.key, (shares.get(a.key) ?? 0) + hours);
      }
    }
    weeks.push({
      start: new Date(start),
      end: new Date(end),
      allocatedHours: allocated,
      capacityHours: capacity,
      utilisation: ratio(allocated, capacity, NO_CAPACITY),
      overCapacity: allocated > capacity + TOLERANCE_HOURS,
    });
    allocatedHours += allocated;
    capacityHours += capacity;
  }
  return {
    allocatedHours,
    capacityHours,
    utilisation: ratio(allocatedHours, capacityHours, NO_CAPACITY),
    weeks,
    overCapacityWeeks: weeks.filter((w) => w.overCapacity),
    shares: [...shares.entries()].map(([key, hours]) => ({ key, hours })).sort((a, b) => b.hours - a.hours || (a.key < b.key ? -1 : 1)),
  };
}

/**
 * Hours allocated in [from, to) by allocations spread evenly over each week (24/7): what a project
 * or an operation receives, summed over its people without their calendars.
 */
export function allocatedHoursBetween(allocations: Omit<LoadAllocation, 'key'>[], from: Date, to: Date): number {
  let hours = 0;
  for (const a of allocations) {
    const lo = Math.max(from.getTime(), a.from.getTime());
    const hi = Math.min(to.getTime(), a.to ? a.to.getTime() : Infinity);
    if (hi > lo) hours += (a.hoursPerWeek * (hi - lo)) / WEEK_MS;
  }
  return hours;
}

/** Allocated hours ÷ needed hours, or NO_ESTIMATE when no estimate of the needed hours exists. */
export function staffingCoverage(allocatedHours: number, neededHours: number | null): Metric {
  if (neededHours === null) return ratio(0, 0, 'NO_ESTIMATE: no estimate of the hours the work needs; only allocated hours are known');
  return ratio(allocatedHours, neededHours, 'NO_ESTIMATE: the estimate of the hours the work needs is zero');
}
