import { sqliteDateText } from './transaction';

describe('sqliteDateText (the text TypeORM stores for a SQLite datetime)', () => {
  const reference = (value: Date) => value.toISOString().slice(0, 23).replace('T', ' ');

  it('matches toISOString’s form for every millisecond, second, minute and month edge it pads', () => {
    const start = Date.UTC(2026, 0, 1, 0, 0, 0, 0);
    for (let i = 0; i < 20_000; i++) {
      const value = new Date(start + i * 37_123_457 + (i % 1000));
      expect(sqliteDateText(value)).toBe(reference(value));
    }
    expect(sqliteDateText(new Date(Date.UTC(2026, 11, 31, 23, 59, 59, 999)))).toBe('2026-12-31 23:59:59.999');
    expect(sqliteDateText(new Date(Date.UTC(2026, 1, 3, 4, 5, 6, 7)))).toBe('2026-02-03 04:05:06.007');
  });

  it('keeps toISOString’s output for years outside 1000–9999, and throws as it does for an invalid date', () => {
    for (const year of [999, 1000, 9999, 10000, 0, -1]) {
      const value = new Date(Date.UTC(2000, 5, 6, 7, 8, 9, 10));
      value.setUTCFullYear(year);
      expect(sqliteDateText(value)).toBe(reference(value));
    }
    expect(() => sqliteDateText(new Date(NaN))).toThrow(RangeError);
  });
});
