import { Max, Min } from 'class-validator';
import { FUTURE_SKEW_MS } from '../../common/clock';

/*
 * The rules a throughput sample must pass, defined once:
 * - its counts lie in SAMPLE_COUNT_RANGES: the single-sample input applies them as class-validator
 *   decorators (`@SampleCountRange()`), a batch checks them with `countProblems` (the same words,
 *   without class-validator's cost per sample);
 * - its period is checked by `periodProblem` for both (order, length, future skew, downtime);
 * - the writer refuses periods that `periodsOverlap` a stored or an earlier one of the process.
 */

/** Largest batch `recordThroughputBatch` accepts. */
export const MAX_BATCH_SAMPLES = 500;
/** Most good or rejected units one sample may report. */
export const MAX_SAMPLE_UNITS = 10_000_000;
/** Most downtime one sample may report, in minutes (a sample lasts at most a day). */
export const MAX_SAMPLE_DOWNTIME_MINUTES = 1440;
/** The longest period one sample may cover; KPI queries rely on it to bound index ranges. */
export const MAX_SAMPLE_PERIOD_MS = 24 * 60 * 60 * 1000;

/** The counts of a sample and the closed range each must lie in. */
export const SAMPLE_COUNT_RANGES = {
  goodUnits: { min: 0, max: MAX_SAMPLE_UNITS },
  rejectedUnits: { min: 0, max: MAX_SAMPLE_UNITS },
  downtimeMinutes: { min: 0, max: MAX_SAMPLE_DOWNTIME_MINUTES },
} as const;

/** A count of a sample: `goodUnits`, `rejectedUnits` or `downtimeMinutes`. */
export type SampleCount = keyof typeof SAMPLE_COUNT_RANGES;

/**
 * Property decorator for a count of an input class: class-validator's `@Min` and `@Max` of the
 * property's range in SAMPLE_COUNT_RANGES. Throws at class definition for a property not in it.
 */
export function SampleCountRange(): PropertyDecorator {
  return (target, property) => {
    const range = SAMPLE_COUNT_RANGES[property as SampleCount];
    if (!range) throw new Error(`SampleCountRange: ${String(property)} is not a sample count`);
    Min(range.min)(target, property);
    Max(range.max)(target, property);
  };
}

/** What is wrong with one field, in class-validator's words. */
export interface FieldProblems {
  property: SampleCount;
  problems: string[];
}

/**
 * What class-validator would say about a sample's counts ("goodUnits must not be less than 0"), in
 * SAMPLE_COUNT_RANGES order. A batch checks its samples with this instead of `@ValidateNested`:
 * class-validator walks its metadata again for each of up to 500 samples, which cost more CPU than
 * storing them. Returns [] when every count is in range.
 */
export function countProblems(sample: Readonly<Record<SampleCount, number>>): FieldProblems[] {
  const out: FieldProblems[] = [];
  for (const property of Object.keys(SAMPLE_COUNT_RANGES) as SampleCount[]) {
    const { min, max } = SAMPLE_COUNT_RANGES[property];
    const value = sample[property];
    if (value < min) out.push({ property, problems: [`${property} must not be less than ${min}`] });
    else if (value > max) out.push({ property, problems: [`${property} must not be greater than ${max}`] });
  }
  return out;
}

/** A period: from `periodStart` (inclusive) to `periodEnd` (exclusive). */
export interface SamplePeriod {
  periodStart: Date;
  periodEnd: Date;
}

/** The first period rule a sample breaks: the field to name and what is wrong with it. */
export interface PeriodProblem {
  field: 'periodEnd' | 'downtimeMinutes';
  problem: string;
}

/**
 * Checks a sample's period against `now`, in this order: it ends after it starts, lasts at most
 * MAX_SAMPLE_PERIOD_MS, ends at most FUTURE_SKEW_MS after `now`, and holds its downtime. Returns the
 * first rule broken (the caller throws BAD_USER_INPUT naming the field), or null.
 */
export function periodProblem(sample: SamplePeriod & { downtimeMinutes: number }, now: Date): PeriodProblem | null {
  const start = sample.periodStart.getTime();
  const end = sample.periodEnd.getTime();
  if (end <= start) return { field: 'periodEnd', problem: 'must be after periodStart' };
  if (end - start > MAX_SAMPLE_PERIOD_MS) return { field: 'periodEnd', problem: 'a period may last at most 24 hours' };
  if (end > now.getTime() + FUTURE_SKEW_MS) return { field: 'periodEnd', problem: 'must not be in the future' };
  if (sample.downtimeMinutes > (end - start) / 60000)
    return { field: 'downtimeMinutes', problem: 'cannot exceed the length of the period' };
  return null;
}

/** Whether two periods of one process share an instant (periods that only touch do not: the end is exclusive). */
export function periodsOverlap(a: SamplePeriod, b: SamplePeriod): boolean {
  return a.periodStart.getTime() < b.periodEnd.getTime() && a.periodEnd.getTime() > b.periodStart.getTime();
}

/*
 * Attribution to production orders: a sample may name the order its units were made for. The order
 * must belong to the sample's operation and be RELEASED or IN_PROGRESS (ATTRIBUTABLE_STATUSES); the
 * first attributed sample moves a RELEASED order to IN_PROGRESS. Only the good units of the
 * operation's final process count toward the order's producedQuantity: what earlier processes make
 * is work in progress, and counting it too would count each garment once per step.
 */

/** Whether a sample's good units count toward its production order: only samples of the operation's final (highest-sequence) process do. */
export function countsTowardOrder(processRowId: number, finalProcessRowId: number | undefined): boolean {
  return finalProcessRowId !== undefined && processRowId === finalProcessRowId;
}
