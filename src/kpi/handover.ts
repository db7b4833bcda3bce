/** Comparisons of an operation's actual KPIs against the targets and pilot baseline of its handover. */
import type { Metric } from './metric';

/** Slack for float noise: an actual within this of its target counts as meeting it. */
export const TARGET_TOLERANCE = 1e-9;

/** One KPI next to its target and baseline. Every KPI compared here is higher-is-better. */
export interface KpiComparison {
  actual: Metric;
  target: number | null;
  baseline: number | null;
  /** actual − target; null when either is missing. */
  deltaToTarget: number | null;
  /** actual − baseline; null when either is missing. */
  deltaToBaseline: number | null;
  /** actual ≥ target (within {@link TARGET_TOLERANCE}); null when there is no target or no actual. */
  meetsTarget: boolean | null;
}

/**
 * Compares a measured KPI with its target and baseline. Deltas are signed (positive = better, as
 * every handover KPI is higher-is-better) and unrounded. An undefined actual gives null deltas and
 * a null `meetsTarget` rather than guessing. Never throws.
 */
export function compareKpi(actual: Metric, target: number | null, baseline: number | null): KpiComparison {
  const value = actual.value;
  return {
    actual,
    target,
    baseline,
    deltaToTarget: value !== null && target !== null ? value - target : null,
    deltaToBaseline: value !== null && baseline !== null ? value - baseline : null,
    meetsTarget: value !== null && target !== null ? value >= target - TARGET_TOLERANCE : null,
  };
}

/**
 * Whether every KPI that has a target meets it: null when no KPI has a target; false when any
 * target is missed or its actual is undefined (nothing shows it is met); true otherwise.
 */
export function meetsAllTargets(comparisons: KpiComparison[]): boolean | null {
  const targeted = comparisons.filter((c) => c.target !== null);
  if (targeted.length === 0) return null;
  return targeted.every((c) => c.meetsTarget === true);
}
