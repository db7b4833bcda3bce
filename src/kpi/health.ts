/** Project health (RAG status) from schedule, cost, overdue milestones and high risks. */

/** Thresholds for {@link computeHealth}; see {@link DEFAULT_HEALTH_THRESHOLDS}. */
export interface HealthThresholds {
  /** SPI below this is AT_RISK. */
  spiAtRisk: number;
  /** SPI below this is OFF_TRACK. */
  spiOffTrack: number;
  cpiAtRisk: number;
  cpiOffTrack: number;
  /** This many overdue milestones or more is AT_RISK. */
  overdueMilestonesAtRisk: number;
  overdueMilestonesOffTrack: number;
  /** A risk scoring this or more counts as high (see {@link countHighRisks}). */
  highRiskScore: number;
  /** This many high risks or more is AT_RISK. */
  highRisksAtRisk: number;
  highRisksOffTrack: number;
}

/** Defaults: indices below 0.95 at risk and below 0.85 off track; 1/3 overdue milestones; risk score >= 15 is high; 1/3 high risks. */
export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = Object.freeze({
  spiAtRisk: 0.95,
  spiOffTrack: 0.85,
  cpiAtRisk: 0.95,
  cpiOffTrack: 0.85,
  overdueMilestonesAtRisk: 1,
  overdueMilestonesOffTrack: 3,
  highRiskScore: 15,
  highRisksAtRisk: 1,
  highRisksOffTrack: 3,
});

export type HealthSeverity = 'AT_RISK' | 'OFF_TRACK';
export type HealthStatus = 'ON_TRACK' | 'AT_RISK' | 'OFF_TRACK' | 'COMPLETED';

export interface HealthReason {
  metric: 'SPI' | 'CPI' | 'OVERDUE_MILESTONES' | 'HIGH_RISKS';
  value: number;
  /** The threshold that was crossed (the off-track one when both were). */
  threshold: number;
  severity: HealthSeverity;
  message: string;
}

export interface HealthInput {
  /** The project's own status; only 'COMPLETED' is special. */
  projectStatus: string;
  spi: number | null;
  cpi: number | null;
  overdueMilestones: number;
  highRisks: number;
}

export interface HealthResult {
  status: HealthStatus;
  reasons: HealthReason[];
}

/**
 * COMPLETED (with no reasons) when the project is completed; otherwise the worst severity among the
 * reasons, ON_TRACK when there are none. Indices alert when *below* their thresholds, counts when *at
 * or above* them. A null SPI or CPI (no plan or no cost yet) raises no reason: missing data is not
 * evidence of trouble. Reasons come in the order SPI, CPI, overdue milestones, high risks. Never throws.
 */
export function computeHealth(input: HealthInput, thresholds: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS): HealthResult {
  if (input.projectStatus === 'COMPLETED') return { status: 'COMPLETED', reasons: [] };
  const reasons = [
    indexReason('SPI', input.spi, thresholds.spiAtRisk, thresholds.spiOffTrack),
    indexReason('CPI', input.cpi, thresholds.cpiAtRisk, thresholds.cpiOffTrack),
    countReason(
      'OVERDUE_MILESTONES',
      'overdue milestones',
      input.overdueMilestones,
      thresholds.overdueMilestonesAtRisk,
      thresholds.overdueMilestonesOffTrack,
    ),
    countReason('HIGH_RISKS', 'high risks', input.highRisks, thresholds.highRisksAtRisk, thresholds.highRisksOffTrack),
  ].filter((r): r is HealthReason => r !== null);
  const status = reasons.some((r) => r.severity === 'OFF_TRACK') ? 'OFF_TRACK' : reasons.length > 0 ? 'AT_RISK' : 'ON_TRACK';
  return { status, reasons };
}

/** How many risk scores are at or above `thresholds.highRiskScore`. */
export function countHighRisks(scores: number[], thresholds: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS): number {
  return scores.filter((s) => s >= thresholds.highRiskScore).length;
}

function indexReason(metric: 'SPI' | 'CPI', value: number | null, atRisk: number, offTrack: number): HealthReason | null {
  if (value === null) return null;
  const [severity, threshold] =
    value < offTrack ? (['OFF_TRACK', offTrack] as const) : value < atRisk ? (['AT_RISK', atRisk] as const) : [null, 0];
  if (severity === null) return null;
  const label = severity === 'OFF_TRACK' ? 'off-track' : 'at-risk';
  return { metric, value, threshold, severity, message: `${metric} ${value.toFixed(2)} is below the ${label} threshold ${threshold}` };
}

function countReason(
  metric: 'OVERDUE_MILESTONES' | 'HIGH_RISKS',
  noun: string,
  value: number,
  atRisk: number,
  offTrack: number,
): HealthReason | null {
  const [severity, threshold] =
    value >= offTrack ? (['OFF_TRACK', offTrack] as const) : value >= atRisk ? (['AT_RISK', atRisk] as const) : [null, 0];
  if (severity === null) return null;
  const label = severity === 'OFF_TRACK' ? 'off-track' : 'at-risk';
  return { metric, value, threshold, severity, message: `${value} ${noun} reach the ${label} threshold of ${threshold}` };
}
