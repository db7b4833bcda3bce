/**
 * The common result of every KPI formula: either a number, or `null` with the reason it is undefined.
 * `reason` is set if and only if `value` is null, and always starts with a SCREAMING_SNAKE code and a
 * colon (`'NO_PLANNED_TIME: planned production time is zero'`) so clients can branch on the code and
 * show the text.
 */
export interface Metric {
  value: number | null;
  reason: string | null;
}

/**
 * A defined metric. Throws a `RangeError` for NaN or ±Infinity: formulas must guard their divisions and
 * return {@link undefinedMetric} instead, so a non-finite value here is a bug, not an outcome.
 */
export function metric(value: number): Metric {
  if (!Number.isFinite(value)) throw new RangeError(`metric value must be finite, got ${value}`);
  return { value, reason: null };
}

/**
 * An undefined metric with its reason. Throws a `RangeError` when the reason does not start with a
 * SCREAMING_SNAKE code and a colon, since clients parse that code.
 */
export function undefinedMetric(reason: string): Metric {
  if (!/^[A-Z][A-Z0-9_]*: \S/.test(reason)) throw new RangeError(`reason must look like 'CODE: text', got '${reason}'`);
  return { value: null, reason };
}

/** The SCREAMING_SNAKE code of an undefined metric's reason, or `null` when the metric is defined. */
export function reasonCode(m: Metric): string | null {
  return m.reason === null ? null : m.reason.slice(0, m.reason.indexOf(':'));
}

/**
 * `numerator ÷ denominator` as a metric; when the denominator is zero (or not positive, when
 * `requirePositive` is left on) returns `undefinedMetric(reasonIfZero)` instead of dividing.
 */
export function ratio(numerator: number, denominator: number, reasonIfZero: string, requirePositive = true): Metric {
  const undefinedHere = requirePositive ? !(denominator > 0) : denominator === 0;
  return undefinedHere ? undefinedMetric(reasonIfZero) : metric(numerator / denominator);
}

/**
 * Combines defined metrics with `f`; if any input is undefined, returns the first one's reason
 * unchanged so the root cause (e.g. `NO_PLANNED_TIME`) reaches the client rather than a vaguer one.
 */
export function combine(inputs: Metric[], f: (...values: number[]) => number): Metric {
  const missing = inputs.find((m) => m.value === null);
  if (missing) return undefinedMetric(missing.reason as string);
  return metric(f(...inputs.map((m) => m.value as number)));
}
