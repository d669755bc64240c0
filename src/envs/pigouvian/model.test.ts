import { describe, expect, it } from 'vitest';
import { consumerSurplus, firstBestOutput, firstBestWelfare, nashOutput, nashQuantity, optimalTax, price, profits, welfare } from './model';

/** a = 10, b = 1, c = 2, d = 4 with n = 4 firms (the defaults). */
const m = { a: 10, b: 1, c: 2, d: 4 };

describe('market and welfare', () => {
  it('clears at P = max(0, a - b Q) and pays q_i (P - c - t)', () => {
    expect(price(m, 3)).toBe(7);
    expect(price(m, 12)).toBe(0);
    const out = new Float64Array(2);
    // Q = 1 + 2 = 3, P = 7, t = 1: margins 7 - 2 - 1 = 4.
    expect(profits(m, 1, [1, 2], out)).toBe(7);
    expect(Array.from(out)).toEqual([4, 8]);
    // A subsidy t = -1 raises the margin to 6.
    profits(m, -1, [1, 2], out);
    expect(Array.from(out)).toEqual([6, 12]);
  });

  it('W = CS + (P - c - d) Q, = (a - c - d) Q - b Q^2 / 2 while P > 0, and a^2 / (2 b) - (c + d) Q past a / b', () => {
    // Q = 4: CS = 8, (P - c - d) Q = (6 - 6) 4 = 0, W = 4 x 4 - 8 = 8.
    expect(consumerSurplus(m, 4)).toBe(8);
    expect(welfare(m, 4)).toBe(8);
    // Q = 12 > a / b = 10: CS = 50, P = 0, W = 50 - 6 x 12 = -22.
    expect(consumerSurplus(m, 12)).toBe(50);
    expect(welfare(m, 12)).toBe(-22);
    expect(consumerSurplus({ a: -1, b: 1 }, 3)).toBe(0);
  });

  it('the first best Q° = (a - c - d) / b maximises W: W° = (a - c - d)^2 / (2 b)', () => {
    expect(firstBestOutput(m)).toBe(4);
    expect(firstBestWelfare(m)).toBe(8);
    expect(welfare(m, 3.9)).toBeLessThan(8);
    expect(welfare(m, 4.1)).toBeLessThan(8);
  });
});

describe('Cournot output under a tax, and the best tax', () => {
  it('n = 4, d = 4: t* = 4 - 4 / 4 = 3 brings Q to Q° = 4; W(no tax) 5.12 < W(t = d) 7.68 < W(t*) 8', () => {
    // q(t) = (8 - t) / 5: q(0) = 1.6, Q(0) = 6.4, W = 4 x 6.4 - 6.4^2 / 2 = 25.6 - 20.48 = 5.12.
    expect(nashQuantity(m, 4, 0)).toBeCloseTo(1.6, 12);
    expect(nashOutput(m, 4, 0)).toBeCloseTo(6.4, 12);
    expect(welfare(m, nashOutput(m, 4, 0))).toBeCloseTo(5.12, 12);
    // t = d = 4: Q = 4 x 4 / 5 = 3.2, W = 12.8 - 5.12 = 7.68 (too little output).
    expect(nashOutput(m, 4, 4)).toBeCloseTo(3.2, 12);
    expect(welfare(m, nashOutput(m, 4, 4))).toBeCloseTo(7.68, 12);
    expect(optimalTax(m, 4)).toBe(3);
    expect(nashOutput(m, 4, 3)).toBe(4);
    expect(welfare(m, nashOutput(m, 4, 3))).toBe(8);
  });

  it('n = 2, d = 6: t* = 6 - 2 / 2 = 5, Q(t*) = 2 x 3 / 3 = 2; no tax is worse than no market: W(0) = -32 / 9', () => {
    const m2 = { ...m, d: 6 };
    expect(optimalTax(m2, 2)).toBe(5);
    expect(nashOutput(m2, 2, 5)).toBe(2);
    expect(welfare(m2, 2)).toBe(2);
    // Q(0) = 16 / 3, W = 2 x 16 / 3 - (16 / 3)^2 / 2 = 96 / 9 - 128 / 9.
    expect(welfare(m2, nashOutput(m2, 2, 0))).toBeCloseTo(-32 / 9, 12);
    // t = d = 6: Q = 4 / 3, W = 8 / 3 - 8 / 9 = 16 / 9.
    expect(welfare(m2, nashOutput(m2, 2, 6))).toBeCloseTo(16 / 9, 12);
  });

  it('n = 2, d = 1: market power outweighs the damage, t* = 1 - 7 / 2 = -2.5 is a subsidy raising Q to Q° = 7', () => {
    const m3 = { ...m, d: 1 };
    expect(optimalTax(m3, 2)).toBe(-2.5);
    // q = (8 + 2.5) / 3 = 3.5 each; W = 7 x 7 - 49 / 2 = 24.5.
    expect(nashOutput(m3, 2, -2.5)).toBe(7);
    expect(welfare(m3, 7)).toBe(24.5);
  });

  it('a tax at or above a - c stops output', () => {
    expect(nashOutput(m, 4, 8)).toBe(0);
    expect(nashOutput(m, 4, 9)).toBe(0);
  });
});
