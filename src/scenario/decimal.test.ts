import { describe, expect, it } from 'vitest';
import { decimalNumber } from './decimal';

describe('decimalNumber', () => {
  it('reads decimal notation', () => {
    expect(['0', '20', '-3', '0.25', '.5', '5.', '1e-4', '2E3', '-0', '1e-320', '1.7976931348623157e308'].map(decimalNumber)).toEqual([0, 20, -3, 0.25, 0.5, 5, 1e-4, 2000, -0, 1e-320, 1.7976931348623157e308]);
  });

  it('refuses what Number() reads but a person would not write, and values beyond a double', () => {
    for (const text of ['0x10', '0b101', '0o7', '+20', ' 20', '20 ', '', ' ', '1_000', 'Infinity', '-Infinity', 'NaN', '1e', 'e5', '1,5', '1e-400', '0.0001e-330', '1e309', '--1', '20abc']) {
      expect(decimalNumber(text), text).toBeNull();
    }
    // Zero written with an exponent that underflows is still zero.
    expect(decimalNumber('0e-400')).toBe(0);
  });
});
