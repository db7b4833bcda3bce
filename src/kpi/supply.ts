/** Supplier KPIs computed from purchase receipts: on-time delivery rate and average lead time. */
import { type Metric, metric, ratio, undefinedMetric } from './metric';
import { onOrBeforeDay } from './delivery';

/** One receipt against a purchase order, as the supplier KPIs read it. */
export interface SupplierReceipt {
  /** When the purchase order was placed. */
  orderedAt: Date;
  /** The purchase order's promised date; only its UTC calendar day counts. */
  promisedDate: Date;
  /** When the goods arrived. */
  receivedAt: Date;
}

export interface SupplierKpis {
  /** How many receipts the numbers are over. */
  receipts: number;
  onTimeCount: number;
  /** Receipts on or before the order's promised day ÷ receipts. */
  onTimeDeliveryRate: Metric;
  /** Mean of (received at − ordered at) in days, over receipts. */
  averageLeadTimeDays: Metric;
}

const DAY_MS = 86_400_000;

/**
 * A supplier's on-time delivery rate and average lead time over a set of receipts (the caller picks
 * the window and the as-of). Every receipt counts once, so an order received in two deliveries
 * counts twice: each delivery was on time or not. On time: received on or before the promised day
 * (UTC). Lead time: days from the order to the receipt, unrounded (a receipt dated before its order
 * counts as 0). Both are `null` with `NO_RECEIPTS` when there is no receipt. Never throws.
 */
export function computeSupplierKpis(receipts: SupplierReceipt[]): SupplierKpis {
  let onTimeCount = 0;
  let leadMs = 0;
  for (const r of receipts) {
    if (onOrBeforeDay(r.receivedAt, r.promisedDate)) onTimeCount++;
    leadMs += Math.max(0, r.receivedAt.getTime() - r.orderedAt.getTime());
  }
  const none = 'NO_RECEIPTS: nothing was received from this supplier in the window';
  return {
    receipts: receipts.length,
    onTimeCount,
    onTimeDeliveryRate: ratio(onTimeCount, receipts.length, none),
    averageLeadTimeDays: receipts.length === 0 ? undefinedMetric(none) : metric(leadMs / DAY_MS / receipts.length),
  };
}
