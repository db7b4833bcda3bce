/**
 * Stock quantities are DECIMAL(14,3). Arithmetic happens in integer thousandths so that, say,
 * 0.1 + 0.2 units is exactly 0.3 and a long run of movements never drifts.
 */

/** Largest on-hand quantity a DECIMAL(14,3) column can hold, in thousandths. */
export const MAX_STORABLE_THOUSANDTHS = 99_999_999_999_999;

/**
 * Converts a quantity to integer thousandths; null when it has more than 3 decimals or is not a
 * finite number. Exact: `t / 1000 === value` holds only if the decimal had at most 3 places.
 */
export function toThousandths(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  const t = Math.round(value * 1000);
  return Number.isSafeInteger(t) && t / 1000 === value ? t : null;
}

/** Integer thousandths back to the number stored and shown. */
export function fromThousandths(t: number): number {
  return t / 1000;
}
