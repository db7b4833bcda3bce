/**
 * Overall equipment effectiveness and throughput statistics on the ISO 22400-2:2014 time model:
 * planned production time (PBT) − downtime = run time (APT); fully productive time = good units ×
 * ideal cycle time.
 */
import { combine, Metric, ratio, undefinedMetric } from './metric';

/** One period of production for a process. All fields must be finite and >= 0. */
export interface ThroughputInput {
  /** Planned production time in minutes (from the shift calendar). */
  plannedMinutes: number;
  /** Unplanned stop time in minutes within the planned time. */
  downtimeMinutes: number;
  goodUnits: number;
  rejectedUnits: number;
  /** Ideal rate in units per hour; the ideal cycle time is 60 / rate minutes. */
  targetRatePerHour: number;
}

export interface OeeResult {
  availability: Metric;
  performance: Metric;
  quality: Metric;
  oee: Metric;
}

/**
 * Availability = run ÷ planned, performance = ideal cycle time × total units ÷ run, quality = good ÷
 * total, OEE = A × P × Q, all as fractions (0.85, not 85). Run time is `max(0, planned − downtime)`:
 * downtime above the planned time is clamped rather than giving negative run time. Performance (and so
 * OEE) is not capped at 1, since a value above 1 means the target rate is set too low and should be
 * visible. Never throws and never divides by zero: undefined factors are `null` with reasons
 * `NO_PLANNED_TIME`, `NO_RUN_TIME`, `ZERO_TARGET`, `NO_UNITS` or `INVALID_INPUT`, and OEE is `null`
 * with the first undefined factor's reason.
 */
export function computeOee(i: ThroughputInput): OeeResult {
  const invalid = invalidInput(i);
  if (invalid) return { availability: invalid, performance: invalid, quality: invalid, oee: invalid };
  const run = runMinutes(i);
  const total = i.goodUnits + i.rejectedUnits;
  const availability = ratio(run, i.plannedMinutes, 'NO_PLANNED_TIME: planned production time is zero');
  const performance =
    i.targetRatePerHour > 0
      ? ratio((60 / i.targetRatePerHour) * total, run, 'NO_RUN_TIME: run time is zero (downtime covers all planned time)')
      : undefinedMetric('ZERO_TARGET: target rate is zero, so there is no ideal cycle time');
  const quality = ratio(i.goodUnits, total, 'NO_UNITS: no units were produced');
  const oee = combine([availability, performance, quality], (a, p, q) => a * p * q);
  return { availability, performance, quality, oee };
}

/**
 * What {@link computeThroughputStats} returns for one period. (The GraphQL type `ThroughputStats` is
 * built from it in modules/throughput.)
 */
export interface ThroughputResult {
  goodUnits: number;
  rejectedUnits: number;
  totalUnits: number;
  plannedMinutes: number;
  downtimeMinutes: number;
  /** max(0, planned − downtime). */
  runMinutes: number;
  /** Total (good + rejected) units per hour of run time. */
  unitsPerHour: Metric;
  targetRatePerHour: number;
  /** Good units ÷ (target rate × planned hours): output against plan. */
  attainment: Metric;
  /** Good ÷ total units. */
  yield: Metric;
  /** Rejected ÷ total units. */
  defectRate: Metric;
  oee: OeeResult;
}

/**
 * Throughput statistics for one period, with the same clamping and reasons as {@link computeOee}.
 * `unitsPerHour` counts good and rejected units per hour of *run* time (null `NO_RUN_TIME`);
 * `attainment` compares good units with what the target rate would give over the *planned* time (null
 * `NO_PLANNED_TIME` or `ZERO_TARGET`). Fractions are unrounded. Never throws.
 */
export function computeThroughputStats(i: ThroughputInput): ThroughputResult {
  const oee = computeOee(i);
  const invalid = invalidInput(i);
  const run = invalid ? 0 : runMinutes(i);
  const total = i.goodUnits + i.rejectedUnits;
  // One object literal per branch, no spread: this runs once per process and window of every
  // dashboard response, and copying a base object cost more than the formulas.
  if (invalid)
    return {
      goodUnits: i.goodUnits,
      rejectedUnits: i.rejectedUnits,
      totalUnits: total,
      plannedMinutes: i.plannedMinutes,
      downtimeMinutes: i.downtimeMinutes,
      runMinutes: run,
      targetRatePerHour: i.targetRatePerHour,
      oee,
      unitsPerHour: invalid,
      attainment: invalid,
      yield: invalid,
      defectRate: invalid,
    };
  return {
    goodUnits: i.goodUnits,
    rejectedUnits: i.rejectedUnits,
    totalUnits: total,
    plannedMinutes: i.plannedMinutes,
    downtimeMinutes: i.downtimeMinutes,
    runMinutes: run,
    targetRatePerHour: i.targetRatePerHour,
    oee,
    unitsPerHour: ratio(total, run / 60, 'NO_RUN_TIME: run time is zero (downtime covers all planned time)'),
    attainment:
      i.plannedMinutes > 0
        ? ratio(i.goodUnits, (i.targetRatePerHour * i.plannedMinutes) / 60, 'ZERO_TARGET: target rate is zero, so nothing was planned')
        : undefinedMetric('NO_PLANNED_TIME: planned production time is zero'),
    yield: ratio(i.goodUnits, total, 'NO_UNITS: no units were produced'),
    defectRate: ratio(i.rejectedUnits, total, 'NO_UNITS: no units were produced'),
  };
}

/**
 * What {@link prorate} needs of a production sample covering [periodStart, periodEnd): a stored
 * `ThroughputSample` (modules/process) is one.
 */
export interface SamplePeriod {
  periodStart: Date;
  periodEnd: Date;
  goodUnits: number;
  rejectedUnits: number;
  downtimeMinutes: number;
}

export interface SampleCounts {
  goodUnits: number;
  rejectedUnits: number;
  downtimeMinutes: number;
}

/**
 * The share of a sample that falls in [from, to): every count is multiplied by the fraction of the
 * sample's period inside the window, assuming production was even across the sample. Results are not
 * rounded (fractional units are expected; round only for display). A zero-length sample counts in
 * full when its instant lies in [from, to), otherwise not at all. Never throws.
 */
export function prorate(sample: SamplePeriod, from: Date, to: Date): SampleCounts {
  const start = sample.periodStart.getTime();
  const end = sample.periodEnd.getTime();
  let fraction: number;
  if (end <= start) fraction = start >= from.getTime() && start < to.getTime() ? 1 : 0;
  else fraction = Math.max(0, Math.min(end, to.getTime()) - Math.max(start, from.getTime())) / (end - start);
  return {
    goodUnits: sample.goodUnits * fraction,
    rejectedUnits: sample.rejectedUnits * fraction,
    downtimeMinutes: sample.downtimeMinutes * fraction,
  };
}

/** Sum of {@link prorate} over the samples; all zeros for no samples. Unrounded. */
export function aggregateSamples(samples: SamplePeriod[], from: Date, to: Date): SampleCounts {
  const sum: SampleCounts = { goodUnits: 0, rejectedUnits: 0, downtimeMinutes: 0 };
  for (const s of samples) {
    const p = prorate(s, from, to);
    sum.goodUnits += p.goodUnits;
    sum.rejectedUnits += p.rejectedUnits;
    sum.downtimeMinutes += p.downtimeMinutes;
  }
  return sum;
}

function runMinutes(i: ThroughputInput): number {
  return Math.max(0, i.plannedMinutes - i.downtimeMinutes);
}

function invalidInput(i: ThroughputInput): Metric | null {
  for (const key of ['plannedMinutes', 'downtimeMinutes', 'goodUnits', 'rejectedUnits', 'targetRatePerHour'] as const) {
    if (!Number.isFinite(i[key]) || i[key] < 0) return undefinedMetric(`INVALID_INPUT: ${key} must be a finite number >= 0, got ${i[key]}`);
  }
  return null;
}
