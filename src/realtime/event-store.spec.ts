import { asStored } from './event-store';

describe('asStored (an event payload as a reader of its stored JSON gets it)', () => {
  const payloads: Record<string, unknown>[] = [
    { sampleRowId: 1, processRowId: 2, operationRowId: 3, productionOrderRowId: null },
    { change: 'STARTED', status: 'IN_PROGRESS', producedQuantity: 12.5, done: false },
    {},
    { zero: -0 },
    { missing: undefined, kept: 1 },
    { notANumber: NaN, infinite: Infinity },
    { at: new Date(Date.UTC(2026, 1, 3)) },
    { nested: { a: 1 }, list: [1, 'two'] },
  ];

  it.each(payloads.map((p) => [JSON.stringify(p), p]))('gives what JSON.parse of the stored text gives: %s', (json, payload) => {
    const stored = asStored(payload as Record<string, unknown>, json as string);
    expect(stored).toStrictEqual(JSON.parse(json as string));
    expect(Object.keys(stored)).toEqual(Object.keys(JSON.parse(json as string)));
    expect(stored).not.toBe(payload);
  });
});
