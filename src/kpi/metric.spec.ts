import { combine, metric, ratio, reasonCode, undefinedMetric } from './metric';

describe('metric helpers', () => {
  it('builds defined and undefined metrics with reason set iff value is null', () => {
    expect(metric(0.5)).toEqual({ value: 0.5, reason: null });
    expect(undefinedMetric('NO_SAMPLES: no samples in the period')).toEqual({
      value: null,
      reason: 'NO_SAMPLES: no samples in the period',
    });
    expect(reasonCode(undefinedMetric('NO_SAMPLES: none'))).toBe('NO_SAMPLES');
    expect(reasonCode(metric(1))).toBeNull();
  });

  it('throws on non-finite values and on reasons without a CODE: prefix, since both are bugs', () => {
    expect(() => metric(NaN)).toThrow(RangeError);
    expect(() => metric(Infinity)).toThrow(RangeError);
    expect(() => undefinedMetric('no code here')).toThrow(RangeError);
  });

  it('divides only by a positive denominator', () => {
    expect(ratio(1, 4, 'ZERO: zero')).toEqual({ value: 0.25, reason: null });
    expect(ratio(1, 0, 'ZERO: zero').reason).toBe('ZERO: zero');
    expect(ratio(1, -2, 'ZERO: zero').reason).toBe('ZERO: zero');
    expect(ratio(1, -2, 'ZERO: zero', false).value).toBe(-0.5);
  });

  it('combines metrics, passing on the first undefined reason', () => {
    expect(combine([metric(2), metric(3)], (a, b) => a * b).value).toBe(6);
    expect(combine([metric(2), undefinedMetric('A: a'), undefinedMetric('B: b')], (a) => a).reason).toBe('A: a');
  });
});
