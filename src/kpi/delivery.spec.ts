import { computeDeliveryKpis, isInFull, onOrBeforeDay } from './delivery';

const at = (iso: string) => new Date(iso);

describe('computeDeliveryKpis', () => {
  // The worked example, by hand. Four shipments promised for 10 March:
  //   A on time, in full (10 of 10)      → on time, in full, OTIF
  //   B late (11 March), in full (20/20) → in full only
  //   C on time, short (24 of 30)        → on time only
  //   D on time, in full (40 of 40)      → on time, in full, OTIF
  // OTIF = 2 ÷ 4 = 0.5; on time = 3 ÷ 4 = 0.75; in full = 3 ÷ 4 = 0.75;
  // fill rate = (10 + 20 + 24 + 40) ÷ (10 + 20 + 30 + 40) = 94 ÷ 100 = 0.94.
  const promised = at('2026-03-10T00:00:00Z');
  const four = [
    { promisedDate: promised, deliveredAt: at('2026-03-09T15:00:00Z'), lines: [{ promised: 10, delivered: 10 }] },
    { promisedDate: promised, deliveredAt: at('2026-03-11T08:00:00Z'), lines: [{ promised: 20, delivered: 20 }] },
    { promisedDate: promised, deliveredAt: at('2026-03-10T09:00:00Z'), lines: [{ promised: 30, delivered: 24 }] },
    { promisedDate: promised, deliveredAt: at('2026-03-10T23:59:59Z'), lines: [{ promised: 40, delivered: 40 }] },
  ];

  it('computes OTIF 0.5, on time 0.75, in full 0.75 and fill rate 0.94 for the four-shipment example', () => {
    const k = computeDeliveryKpis(four);
    expect(k).toMatchObject({ delivered: 4, onTimeCount: 3, inFullCount: 3, otifCount: 2 });
    expect(k.otif).toEqual({ value: 0.5, reason: null });
    expect(k.onTimeDeliveryRate).toEqual({ value: 0.75, reason: null });
    expect(k.inFullRate).toEqual({ value: 0.75, reason: null });
    expect(k.fillRate).toEqual({ value: 0.94, reason: null });
  });

  it('counts a shipment short when any one line is short, and caps an over-delivered line at its promise', () => {
    // 12 of 10 and 5 of 10: not in full; fill rate = (10 + 5) ÷ 20 = 0.75, not (12 + 5) ÷ 20.
    const k = computeDeliveryKpis([
      {
        promisedDate: promised,
        deliveredAt: promised,
        lines: [
          { promised: 10, delivered: 12 },
          { promised: 10, delivered: 5 },
        ],
      },
    ]);
    expect(k.inFullRate.value).toBe(0);
    expect(k.otif.value).toBe(0);
    expect(k.onTimeDeliveryRate.value).toBe(1);
    expect(k.fillRate.value).toBe(0.75);
  });

  it('adds decimal quantities exactly (0.1 + 0.2 of 0.3 is in full)', () => {
    expect(isInFull([{ promised: 0.3, delivered: 0.1 + 0.2 }])).toBe(true);
    const k = computeDeliveryKpis([{ promisedDate: promised, deliveredAt: promised, lines: [{ promised: 0.3, delivered: 0.1 + 0.2 }] }]);
    expect(k.fillRate.value).toBe(1);
  });

  it('returns NO_DELIVERIES for every rate when nothing was delivered', () => {
    const k = computeDeliveryKpis([]);
    for (const m of [k.otif, k.onTimeDeliveryRate, k.inFullRate, k.fillRate]) {
      expect(m).toEqual({ value: null, reason: 'NO_DELIVERIES: no shipment was delivered in the window' });
    }
  });

  it('returns NO_PROMISED_UNITS for the fill rate of shipments without lines', () => {
    const k = computeDeliveryKpis([{ promisedDate: promised, deliveredAt: promised, lines: [] }]);
    expect(k.fillRate.reason).toMatch(/^NO_PROMISED_UNITS: /);
    expect(k.otif.value).toBe(1);
  });
});

describe('onOrBeforeDay', () => {
  it('counts the whole promised UTC day as on time and the next day as late', () => {
    const promised = at('2026-03-10T12:00:00Z');
    expect(onOrBeforeDay(at('2026-03-10T00:00:00Z'), promised)).toBe(true);
    expect(onOrBeforeDay(at('2026-03-10T23:59:59.999Z'), promised)).toBe(true);
    expect(onOrBeforeDay(at('2026-03-01T00:00:00Z'), promised)).toBe(true);
    expect(onOrBeforeDay(at('2026-03-11T00:00:00Z'), promised)).toBe(false);
  });
});
