import { escalate, riskScore } from './risk';

describe('riskScore', () => {
  // Probability-and-impact matrix (PMBOK Guide, Perform Qualitative Risk Analysis) on 1–5 scales: score = P × I.
  it('multiplies probability by impact and bands the product', () => {
    expect(riskScore(1, 4)).toEqual({ score: 4, band: 'LOW' });
    expect(riskScore(1, 5)).toEqual({ score: 5, band: 'MEDIUM' });
    expect(riskScore(3, 3)).toEqual({ score: 9, band: 'MEDIUM' });
    expect(riskScore(2, 5)).toEqual({ score: 10, band: 'HIGH' });
    expect(riskScore(4, 4)).toEqual({ score: 16, band: 'HIGH' });
    expect(riskScore(4, 5)).toEqual({ score: 20, band: 'CRITICAL' });
    expect(riskScore(5, 5)).toEqual({ score: 25, band: 'CRITICAL' });
  });

  it('bands every cell of the matrix monotonically (exhaustive)', () => {
    const order = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
    for (let p = 1; p <= 5; p++) {
      for (let i = 1; i < 5; i++) {
        expect(order.indexOf(riskScore(p, i + 1).band)).toBeGreaterThanOrEqual(order.indexOf(riskScore(p, i).band));
        expect(riskScore(p, i)).toEqual(riskScore(i, p));
      }
    }
  });

  it('throws on values outside 1–5 or non-integers', () => {
    expect(() => riskScore(0, 3)).toThrow(RangeError);
    expect(() => riskScore(3, 6)).toThrow(RangeError);
    expect(() => riskScore(2.5, 3)).toThrow(RangeError);
  });
});

describe('escalate', () => {
  it('raises one band when the linked milestone is overdue, capped at CRITICAL', () => {
    expect(escalate('LOW', true)).toBe('MEDIUM');
    expect(escalate('HIGH', true)).toBe('CRITICAL');
    expect(escalate('CRITICAL', true)).toBe('CRITICAL');
    expect(escalate('MEDIUM', false)).toBe('MEDIUM');
  });
});
