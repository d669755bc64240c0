import { describe, expect, it } from 'vitest';
import { bestResponse, nashQuantity, price, profits } from './model';

const m = { a: 100, b: 2 };

describe('Cournot oligopoly equations', () => {
  it('clears at P = max(0, a - b Q)', () => {
    expect(price(m, 10)).toBe(80);
    expect(price(m, 50)).toBe(0);
    expect(price(m, 60)).toBe(0);
  });

  it('pays each firm q_i (P - c_i)', () => {
    const out = new Float64Array(3);
    // Q = 5 + 10 + 15 = 30, P = 100 - 60 = 40.
    expect(profits(m, [5, 10, 15], [10, 20, 50], out)).toBe(40);
    expect(Array.from(out)).toEqual([150, 200, -150]);
  });

  it('the Nash quantity (a - c) / (b (n + 1)) is each firm\'s best response to the others playing it', () => {
    // n = 4, c = 10: q* = 90 / 10 = 9; the others' total 27; best response (100 - 10 - 54) / 4 = 9.
    expect(nashQuantity(m, 4, 10)).toBe(9);
    expect(bestResponse(m, 3 * 9, 10)).toBe(9);
    for (const n of [1, 2, 5, 20]) {
      const q = nashQuantity(m, n, 10);
      expect(bestResponse(m, (n - 1) * q, 10)).toBeCloseTo(q, 12);
    }
    // Monopoly (n = 1): (a - c) / (2 b).
    expect(nashQuantity(m, 1, 10)).toBe(22.5);
  });

  it('a cost above the demand intercept produces nothing', () => {
    expect(nashQuantity(m, 3, 120)).toBe(0);
    expect(bestResponse(m, 0, 120)).toBe(0);
    expect(bestResponse(m, 60, 10)).toBe(0);
  });
});
