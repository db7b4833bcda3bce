import 'reflect-metadata';
import { Money } from './types';

describe('Money.of', () => {
  it('keeps whole cents exact, in currency units and as a decimal string', () => {
    expect(Money.of(11_250_000, 'EUR')).toEqual(
      Object.assign(new Money(), { amount: 112_500, cents: '11250000', currency: 'EUR', formatted: '€112,500.00' }),
    );
    expect(Money.of(-1_375_000, 'EUR')).toMatchObject({ amount: -13_750, cents: '-1375000', formatted: '-€13,750.00' });
  });

  it('rounds a computed fraction of a cent to the nearest cent, halves away from zero, never to -0', () => {
    expect(Money.of(11_250_000.000000002, 'EUR').cents).toBe('11250000'); // BAC ÷ CPI in floating point
    expect(Money.of(33.5, 'EUR')).toMatchObject({ amount: 0.34, cents: '34' });
    expect(Money.of(-33.5, 'EUR')).toMatchObject({ amount: -0.34, cents: '-34' });
    expect(Money.of(-0.4, 'EUR')).toMatchObject({ amount: 0, cents: '0', formatted: '€0.00' });
    expect(Object.is(Money.of(-0.4, 'EUR').amount, -0)).toBe(false);
  });
});
