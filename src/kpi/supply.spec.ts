import { computeSupplierKpis } from './supply';

const at = (iso: string) => new Date(iso);

describe('computeSupplierKpis', () => {
  // Worked by hand: one order placed 1 March 00:00, promised for 15 March, received in three deliveries:
  //   10 March 00:00 → on time, 9 days
  //   15 March 18:00 → on time (the promised day), 14.75 days
  //   20 March 00:00 → late, 19 days
  // on-time delivery rate = 2 ÷ 3; average lead time = (9 + 14.75 + 19) ÷ 3 = 42.75 ÷ 3 = 14.25 days.
  const orderedAt = at('2026-03-01T00:00:00Z');
  const promisedDate = at('2026-03-15T00:00:00Z');
  const receipts = [
    { orderedAt, promisedDate, receivedAt: at('2026-03-10T00:00:00Z') },
    { orderedAt, promisedDate, receivedAt: at('2026-03-15T18:00:00Z') },
    { orderedAt, promisedDate, receivedAt: at('2026-03-20T00:00:00Z') },
  ];

  it('rates each receipt on time against the promised day and averages the lead time in days', () => {
    const k = computeSupplierKpis(receipts);
    expect(k.receipts).toBe(3);
    expect(k.onTimeCount).toBe(2);
    expect(k.onTimeDeliveryRate.value).toBeCloseTo(2 / 3, 12);
    expect(k.averageLeadTimeDays).toEqual({ value: 14.25, reason: null });
  });

  it('returns NO_RECEIPTS for both when nothing was received', () => {
    const k = computeSupplierKpis([]);
    expect(k.onTimeDeliveryRate.reason).toMatch(/^NO_RECEIPTS: /);
    expect(k.averageLeadTimeDays).toEqual({ value: null, reason: k.onTimeDeliveryRate.reason });
  });

  it('counts a receipt dated before its order as a lead time of 0 days', () => {
    const k = computeSupplierKpis([{ orderedAt, promisedDate, receivedAt: at('2026-02-28T00:00:00Z') }]);
    expect(k.averageLeadTimeDays.value).toBe(0);
    expect(k.onTimeDeliveryRate.value).toBe(1);
  });
});
