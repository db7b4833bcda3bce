/**
 * Deterministic generators of demo time series: throughput samples and stock movements. Pure:
 * every random draw comes from the `rand` passed in and every time is relative to `end`.
 */
import { randomInt } from '../kpi/seeded-random';
import { StockMovementKind } from '../modules/inventory/inventory.entity';
import { idealUnits, roundStochastic } from './units';

export const SAMPLE_MINUTES = 15;
const SAMPLE_MS = SAMPLE_MINUTES * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** How one process behaves over the demo period. */
export interface ProcessProfile {
  /**
   * The ideal rate (ISO 22400: ideal cycle time = 60 / rate minutes), which the API also uses as the
   * target. No sample is ever faster than it, so performance and OEE stay at or below 100 %.
   */
  targetRatePerHour: number;
  /** Share of the ideal rate reached on average over a day shift (1 = at the ideal rate). Default 0.96. */
  performance?: number;
  /** Share of units rejected on normal days. Default 0.015. */
  rejectRate?: number;
  /** Reject rate during the last `dipDays` days (a quality dip). */
  dipRejectRate?: number;
  dipDays?: number;
}

export interface SampleRow {
  periodStart: Date;
  periodEnd: Date;
  goodUnits: number;
  rejectedUnits: number;
  downtimeMinutes: number;
  recordedAt: Date;
}

/** The end of the sample grid: `now` rounded down to a 15-minute boundary, so no sample ends in the future. */
export function sampleGridEnd(now: Date): Date {
  return new Date(Math.floor(now.getTime() / SAMPLE_MS) * SAMPLE_MS);
}

/**
 * 15-minute samples over `days` days up to `end`: two day shifts (06:00–22:00 UTC) at the profile's
 * pace and a night shift a little slower, ±3% noise, a 2% chance per sample of 5–15 minutes of
 * unplanned downtime (output drops in proportion) and an optional quality dip at the end. Units are
 * rounded stochastically and never exceed {@link idealUnits} for the sample's run time.
 */
export function generateSamples(profile: ProcessProfile, end: Date, days: number, rand: () => number): SampleRow[] {
  const count = Math.round((days * DAY_MS) / SAMPLE_MS);
  const performance = profile.performance ?? 0.96;
  const rows: SampleRow[] = [];
  const dipFrom = end.getTime() - (profile.dipDays ?? 0) * DAY_MS;
  for (let i = count; i > 0; i--) {
    const start = new Date(end.getTime() - i * SAMPLE_MS);
    const hour = start.getUTCHours();
    // Without a shift calendar a process is planned 24/7: nights run a little slower, not idle.
    const shift = hour >= 6 && hour < 22 ? 1 : 0.9;
    const noise = 0.97 + rand() * 0.06;
    const downtime = rand() < 0.02 ? randomInt(rand, 5, 15) : 0;
    const run = SAMPLE_MINUTES - downtime;
    const ideal = (profile.targetRatePerHour * run) / 60;
    const units = Math.min(idealUnits(profile.targetRatePerHour, run), roundStochastic(ideal * performance * shift * noise, rand));
    const dip = profile.dipRejectRate !== undefined && start.getTime() >= dipFrom;
    const rate = (dip ? profile.dipRejectRate! : (profile.rejectRate ?? 0.015)) * (0.6 + rand() * 0.8);
    const rejected = Math.min(units, roundStochastic(units * rate, rand));
    const periodEnd = new Date(start.getTime() + SAMPLE_MS);
    rows.push({
      periodStart: start,
      periodEnd,
      goodUnits: units - rejected,
      rejectedUnits: rejected,
      downtimeMinutes: downtime,
      recordedAt: new Date(periodEnd.getTime() + 60_000),
    });
  }
  return rows;
}

/** How one inventory item moves over the demo period (quantities in whole units). */
export interface StockProfile {
  opening: number;
  /** Receipt every `receiptEveryDays` days of `receipt` units (0 = none). */
  receipt: number;
  receiptEveryDays: number;
  /** First day (days ago) with a receipt. */
  firstReceiptDaysAgo: number;
  /** Daily outflow range. */
  outflow: [number, number];
  outflowKind: StockMovementKind.CONSUMPTION | StockMovementKind.SHIPMENT;
  /** Daily receipts from production instead of periodic deliveries (finished goods). */
  dailyInflow?: [number, number];
  /** Outflows carry decimals (metres of fabric); pieces do not. */
  fractional?: boolean;
  /** A stock-take correction `days` ago. */
  adjustment?: { daysAgo: number; quantity: number };
}

export interface MovementRow {
  kind: StockMovementKind;
  delta: number;
  onHandAfter: number;
  note: string;
  occurredAt: Date;
  recordedAt: Date;
}

/**
 * Movements over `days` days before `end`, opening stock first. On-hand is tracked in integer
 * thousandths and an outflow never takes it below zero (it is cut to what is there), so the
 * result obeys the same rule as recordStockMovement. Returns the rows and the final on-hand.
 */
export function generateMovements(
  profile: StockProfile,
  end: Date,
  days: number,
  rand: () => number,
): { rows: MovementRow[]; onHand: number } {
  const rows: MovementRow[] = [];
  let onHand = 0;
  const dayStart = Math.floor(end.getTime() / DAY_MS) * DAY_MS;
  const push = (kind: StockMovementKind, delta: number, at: number, note: string) => {
    if (delta === 0) return;
    onHand += delta;
    const occurredAt = new Date(at);
    rows.push({ kind, delta: delta / 1000, onHandAfter: onHand / 1000, note, occurredAt, recordedAt: new Date(at + 2 * 60_000) });
  };
  push(StockMovementKind.RECEIPT, profile.opening * 1000, dayStart - (days + 1) * DAY_MS + 8 * 3600_000, 'Opening stock');
  for (let d = days; d >= 1; d--) {
    const base = dayStart - d * DAY_MS;
    const receiptDay =
      profile.receipt > 0 && d <= profile.firstReceiptDaysAgo && (profile.firstReceiptDaysAgo - d) % profile.receiptEveryDays === 0;
    if (receiptDay)
      push(StockMovementKind.RECEIPT, profile.receipt * 1000, base + 8 * 3600_000, `Delivery note DN-${(base / DAY_MS) % 100000}`);
    if (profile.dailyInflow) {
      push(StockMovementKind.RECEIPT, randomInt(rand, ...profile.dailyInflow) * 1000, base + 14 * 3600_000, 'From packing');
    }
    if (profile.adjustment?.daysAgo === d) {
      const q = Math.max(-onHand, profile.adjustment.quantity * 1000);
      push(StockMovementKind.ADJUSTMENT, q, base + 18 * 3600_000, 'Stock-take correction');
    }
    const out = Math.min(onHand, randomInt(rand, ...profile.outflow) * 1000 + (profile.fractional ? randomInt(rand, 0, 999) : 0));
    push(
      profile.outflowKind,
      -out,
      base + 20 * 3600_000,
      profile.outflowKind === StockMovementKind.SHIPMENT ? 'Customer orders' : 'Issued to cutting',
    );
  }
  return { rows, onHand: onHand / 1000 };
}
