import { computeHealth, countHighRisks, DEFAULT_HEALTH_THRESHOLDS } from './health';

const healthy = { projectStatus: 'ACTIVE', spi: 1, cpi: 1, overdueMilestones: 0, highRisks: 0 };

describe('computeHealth', () => {
  it('is ON_TRACK with no reasons when every metric is within thresholds', () => {
    expect(computeHealth(healthy)).toEqual({ status: 'ON_TRACK', reasons: [] });
  });

  // The EVM worked example (CPI 0.8889, SPI 0.8) is OFF_TRACK on schedule and AT_RISK on cost.
  it('takes the worst severity and names metric, value and threshold in each reason', () => {
    const r = computeHealth({ ...healthy, spi: 0.8, cpi: 4000 / 4500 });
    expect(r.status).toBe('OFF_TRACK');
    expect(r.reasons).toEqual([
      { metric: 'SPI', value: 0.8, threshold: 0.85, severity: 'OFF_TRACK', message: 'SPI 0.80 is below the off-track threshold 0.85' },
      { metric: 'CPI', value: 4000 / 4500, threshold: 0.95, severity: 'AT_RISK', message: 'CPI 0.89 is below the at-risk threshold 0.95' },
    ]);
  });

  it('counts overdue milestones and high risks at or above their thresholds', () => {
    expect(computeHealth({ ...healthy, overdueMilestones: 1 }).reasons).toEqual([
      {
        metric: 'OVERDUE_MILESTONES',
        value: 1,
        threshold: 1,
        severity: 'AT_RISK',
        message: '1 overdue milestones reach the at-risk threshold of 1',
      },
    ]);
    expect(computeHealth({ ...healthy, highRisks: 3 }).status).toBe('OFF_TRACK');
    expect(computeHealth({ ...healthy, highRisks: 2 }).status).toBe('AT_RISK');
  });

  it('treats an index exactly at a threshold as not breaching it', () => {
    expect(computeHealth({ ...healthy, spi: 0.95, cpi: 0.85 }).reasons.map((r) => r.severity)).toEqual(['AT_RISK']);
  });

  it('raises nothing for unknown SPI or CPI', () => {
    expect(computeHealth({ ...healthy, spi: null, cpi: null }).status).toBe('ON_TRACK');
  });

  it('reports COMPLETED for a completed project whatever its metrics', () => {
    expect(computeHealth({ ...healthy, projectStatus: 'COMPLETED', spi: 0.1, highRisks: 9 })).toEqual({ status: 'COMPLETED', reasons: [] });
  });

  it('uses caller thresholds', () => {
    const strict = { ...DEFAULT_HEALTH_THRESHOLDS, spiAtRisk: 1.01 };
    expect(computeHealth(healthy, strict).status).toBe('AT_RISK');
  });
});

describe('countHighRisks', () => {
  it('counts scores at or above highRiskScore', () => {
    expect(countHighRisks([4, 15, 16, 25, 14])).toBe(3);
    expect(countHighRisks([])).toBe(0);
  });
});
