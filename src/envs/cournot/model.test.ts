import { describe, expect, it } from 'vitest';
import { bestResponse, firmCosts, nashQuantities, nashQuantity, price, profits } from './model';

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

describe('unequal costs', () => {
  const m1 = { a: 100, b: 1 };

  it('spreads c_i evenly over c ± spread, cheapest first', () => {
    expect(Array.from(firmCosts(3, 10, 5))).toEqual([5, 10, 15]);
    expect(Array.from(firmCosts(4, 10, 0))).toEqual([10, 10, 10, 10]);
  });

  it('q_i* = (a - (n + 1) c_i + sum c_j) / (b (n + 1)): each a best response to the others', () => {
    // Costs 5, 10, 15: q* = (130 - 4 c_i) / 4 = 27.5, 22.5, 17.5; Q = 67.5, P = 32.5.
    const q = nashQuantities(m1, [5, 10, 15]);
    expect(Array.from(q)).toEqual([27.5, 22.5, 17.5]);
    [5, 10, 15].forEach((c, i) => expect(bestResponse(m1, 67.5 - q[i], c)).toBeCloseTo(q[i], 12));
    // Equal costs: the symmetric formula.
    expect(Array.from(nashQuantities(m, [10, 10, 10, 10]))).toEqual([9, 9, 9, 9]);
  });

  it('a firm too costly to produce leaves, and the others solve again without it', () => {
    // Costs 10, 10, 90: the formula gives firm 3 (100 - 360 + 110) / 4 < 0; without it (100 - 30 + 20) / 3 = 30 each.
    const q = nashQuantities(m1, [10, 10, 90]);
    expect(Array.from(q)).toEqual([30, 30, 0]);
    expect(bestResponse(m1, 60, 90)).toBe(0);
  });
});
