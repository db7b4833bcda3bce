/** Risk scoring on a 5 × 5 probability–impact matrix. */

export type RiskBand = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface RiskScore {
  /** probability × impact, 1..25. */
  score: number;
  band: RiskBand;
}

const BANDS: RiskBand[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/**
 * Score = probability × impact on 1–5 scales, banded as 1–4 LOW, 5–9 MEDIUM, 10–16 HIGH, 20–25
 * CRITICAL (the products 17–19 cannot occur on a 5 × 5 matrix). Throws a `RangeError` for values that
 * are not integers 1–5: the risk input is validated before it reaches here, so this is a bug.
 */
export function riskScore(probability: number, impact: number): RiskScore {
  for (const [name, v] of [
    ['probability', probability],
    ['impact', impact],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 5) throw new RangeError(`${name} must be an integer 1–5, got ${v}`);
  }
  const score = probability * impact;
  return { score, band: score >= 20 ? 'CRITICAL' : score >= 10 ? 'HIGH' : score >= 5 ? 'MEDIUM' : 'LOW' };
}

/** Raises a band by one when the risk's linked milestone is overdue (CRITICAL stays CRITICAL); otherwise returns it unchanged. */
export function escalate(band: RiskBand, milestoneOverdue: boolean): RiskBand {
  if (!milestoneOverdue) return band;
  return BANDS[Math.min(BANDS.indexOf(band) + 1, BANDS.length - 1)];
}
