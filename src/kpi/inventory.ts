/** Inventory coverage KPIs. */
import { Metric, metric, undefinedMetric } from './metric';

/**
 * How many days the stock on hand lasts at the average daily consumption of the look-back window:
 * `onHand ÷ (consumedInLookback ÷ lookbackDays)`, unrounded. Negative on-hand (backorders) gives 0,
 * since there is no cover. Returns `null` with `NO_CONSUMPTION` when nothing was consumed (cover is
 * unbounded, not a number) and `NO_LOOKBACK` when the window is not positive. Never throws.
 */
export function daysOfCover(onHand: number, consumedInLookback: number, lookbackDays: number): Metric {
  if (!(lookbackDays > 0)) return undefinedMetric('NO_LOOKBACK: the look-back window must be longer than zero days');
  if (!(consumedInLookback > 0)) return undefinedMetric('NO_CONSUMPTION: nothing was consumed in the look-back window');
  return metric(Math.max(0, onHand) / (consumedInLookback / lookbackDays));
}

/** True when stock is at or below the reorder point (`onHand <= reorderPoint`): reaching it is the trigger. */
export function belowReorderPoint(onHand: number, reorderPoint: number): boolean {
  return onHand <= reorderPoint;
}
