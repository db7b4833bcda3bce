import { maxReceivableThousandths, OVER_RECEIPT_TOLERANCE } from './supply.rules';

describe('maxReceivableThousandths', () => {
  it('allows the ordered quantity plus 5 %, rounded down to a thousandth', () => {
    expect(OVER_RECEIPT_TOLERANCE).toBe(0.05);
    expect(maxReceivableThousandths(100_000)).toBe(105_000); // 100 m ordered: up to 105 m
    expect(maxReceivableThousandths(1)).toBe(1); // 0.001 + 5 % rounds down to 0.001
    expect(maxReceivableThousandths(333)).toBe(349); // 0.333 × 1.05 = 0.34965 → 0.349
  });
});
