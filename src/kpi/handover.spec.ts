import { compareKpi, meetsAllTargets } from './handover';
import { metric, undefinedMetric } from './metric';

describe('compareKpi', () => {
  it('gives signed deltas to the target and the baseline, positive meaning better', () => {
    const c = compareKpi(metric(0.9), 0.85, 0.8);
    expect(c.deltaToTarget).toBeCloseTo(0.05, 12);
    expect(c.deltaToBaseline).toBeCloseTo(0.1, 12);
    expect(c.meetsTarget).toBe(true);
    expect(compareKpi(metric(40), 50, 45)).toMatchObject({ deltaToTarget: -10, deltaToBaseline: -5, meetsTarget: false });
  });

  it('meets a target it equals, allowing for float noise', () => {
    expect(compareKpi(metric(0.1 + 0.2), 0.3, null).meetsTarget).toBe(true);
    expect(compareKpi(metric(0.3 - 1e-6), 0.3, null).meetsTarget).toBe(false);
  });

  it('leaves deltas and meetsTarget null when the actual, target or baseline is missing', () => {
    const none = undefinedMetric('NO_UNITS: no units were produced');
    expect(compareKpi(none, 0.9, 0.8)).toEqual({
      actual: none,
      target: 0.9,
      baseline: 0.8,
      deltaToTarget: null,
      deltaToBaseline: null,
      meetsTarget: null,
    });
    expect(compareKpi(metric(2), null, null)).toMatchObject({ deltaToTarget: null, deltaToBaseline: null, meetsTarget: null });
  });
});

describe('meetsAllTargets', () => {
  it('is null without targets, true when every target is met, false when one is missed or unmeasured', () => {
    expect(meetsAllTargets([compareKpi(metric(1), null, 0.5)])).toBeNull();
    expect(meetsAllTargets([compareKpi(metric(1), 1, null), compareKpi(metric(3), null, null)])).toBe(true);
    expect(meetsAllTargets([compareKpi(metric(1), 1, null), compareKpi(metric(0.5), 0.6, null)])).toBe(false);
    expect(meetsAllTargets([compareKpi(undefinedMetric('NO_RUN_TIME: none'), 1, null)])).toBe(false);
  });
});
