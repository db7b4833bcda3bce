import { belowReorderPoint, daysOfCover } from './inventory';

describe('daysOfCover', () => {
  // Days supply = inventory on hand ÷ average daily usage. Published examples:
  // pharmacytutor.com, "Master these formulas to excel in days supply calculations": 600 units at 30/day → 20 days;
  // calculator.academy, "Days of Supply Calculator": 500 units at 50/day → 10 days.
  it('divides stock on hand by average daily consumption over the look-back window', () => {
    expect(daysOfCover(600, 900, 30)).toEqual({ value: 20, reason: null }); // 900 over 30 days = 30/day
    expect(daysOfCover(500, 350, 7).value).toBe(10); // 350 over 7 days = 50/day
  });

  it('returns NO_CONSUMPTION instead of dividing by zero', () => {
    expect(daysOfCover(600, 0, 30)).toEqual({ value: null, reason: 'NO_CONSUMPTION: nothing was consumed in the look-back window' });
  });

  it('returns NO_LOOKBACK for an empty window and 0 days for backorders', () => {
    expect(daysOfCover(600, 10, 0).reason).toMatch(/^NO_LOOKBACK: /);
    expect(daysOfCover(-5, 10, 10).value).toBe(0);
  });
});

describe('belowReorderPoint', () => {
  it('triggers at and below the reorder point', () => {
    expect(belowReorderPoint(10, 10)).toBe(true);
    expect(belowReorderPoint(9, 10)).toBe(true);
    expect(belowReorderPoint(11, 10)).toBe(false);
  });
});
