/** Delivery KPIs of shipments to customers and stores: OTIF, on-time, in-full and fill rate. */
import { type Metric, ratio, undefinedMetric } from './metric';

/** One line of a delivered shipment: what was promised and what arrived, in the item's unit. */
export interface DeliveryLine {
  promised: number;
  delivered: number;
}

/** A delivered shipment, as the delivery KPIs read it. */
export interface DeliveredShipment {
  /** The promised delivery date; only its UTC calendar day counts. */
  promisedDate: Date;
  deliveredAt: Date;
  lines: DeliveryLine[];
}

export interface DeliveryKpis {
  /** How many delivered shipments the rates are over. */
  delivered: number;
  onTimeCount: number;
  inFullCount: number;
  otifCount: number;
  /** Shipments delivered on time and in full ÷ shipments delivered. */
  otif: Metric;
  /** Shipments delivered on or before their promised date ÷ shipments delivered. */
  onTimeDeliveryRate: Metric;
  /** Shipments with every line delivered in full ÷ shipments delivered. */
  inFullRate: Metric;
  /** Units delivered (each line counted up to its promised quantity) ÷ units promised. */
  fillRate: Metric;
}

const DAY_MS = 86_400_000;

/** The UTC calendar day of an instant, as a day number since the epoch. */
function utcDay(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS);
}

/**
 * True when `at` falls on or before the UTC calendar day of `promisedDate`: a promise is for a
 * day, so anything delivered during that day is on time, whatever the hour.
 */
export function onOrBeforeDay(at: Date, promisedDate: Date): boolean {
  return utcDay(at) <= utcDay(promisedDate);
}

/** Quantities have at most 3 decimals: sums run in integer thousandths so they never drift. */
function thousandths(value: number): number {
  return Math.round(value * 1000);
}

/** True when every line was delivered at least in the promised quantity (a shipment without lines is in full). */
export function isInFull(lines: DeliveryLine[]): boolean {
  return lines.every((l) => thousandths(l.delivered) >= thousandths(l.promised));
}

/**
 * The delivery KPIs of a set of delivered shipments (the caller picks the window and the as-of).
 * On time: delivered on or before the promised day (UTC). In full: every line delivered at least as
 * promised. OTIF: both. Fill rate: Σ min(delivered, promised) ÷ Σ promised over every line, so an
 * over-delivered line does not hide a short one. Every rate is `null` with `NO_DELIVERIES` when no
 * shipment was delivered, and the fill rate with `NO_PROMISED_UNITS` when nothing was promised.
 * Never throws.
 */
export function computeDeliveryKpis(shipments: DeliveredShipment[]): DeliveryKpis {
  let onTimeCount = 0;
  let inFullCount = 0;
  let otifCount = 0;
  let promised = 0;
  let filled = 0;
  for (const s of shipments) {
    const onTime = onOrBeforeDay(s.deliveredAt, s.promisedDate);
    const inFull = isInFull(s.lines);
    if (onTime) onTimeCount++;
    if (inFull) inFullCount++;
    if (onTime && inFull) otifCount++;
    for (const l of s.lines) {
      const p = Math.max(0, thousandths(l.promised));
      promised += p;
      filled += Math.min(Math.max(0, thousandths(l.delivered)), p);
    }
  }
  const delivered = shipments.length;
  const none = 'NO_DELIVERIES: no shipment was delivered in the window';
  return {
    delivered,
    onTimeCount,
    inFullCount,
    otifCount,
    otif: ratio(otifCount, delivered, none),
    onTimeDeliveryRate: ratio(onTimeCount, delivered, none),
    inFullRate: ratio(inFullCount, delivered, none),
    fillRate:
      delivered === 0 ? undefinedMetric(none) : ratio(filled, promised, 'NO_PROMISED_UNITS: the delivered shipments promised no units'),
  };
}
