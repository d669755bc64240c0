import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/rng';
import { C_FLOOR, hsvTax, interest, nextLogProductivity, splitCash, stationaryLogMean, utility, wage } from './model';

describe('the firm', () => {
  // K / L = 8: 8^(1/3) = 2, 8^(-2/3) = 1/4.
  it('pays the marginal product of labour: W = (1 - alpha) (K / L)^alpha', () => {
    expect(wage(8, 1)).toBeCloseTo((2 / 3) * 2, 12);
    expect(wage(16, 2)).toBeCloseTo(4 / 3, 12);
  });
  it('pays the marginal product of capital net of depreciation: r = alpha (K / L)^(alpha - 1) - delta', () => {
    expect(interest(8, 1)).toBeCloseTo(1 / 12 - 0.06, 12);
    expect(interest(8, 1, 0.5, 0.1)).toBeCloseTo(0.5 / Math.sqrt(8) - 0.1, 12);
  });
  it('quotes finite prices when nobody works or nobody saves', () => {
    for (const [K, L] of [[0, 1], [1, 0], [0, 0], [-3, 2]]) {
      expect(Number.isFinite(wage(K, L))).toBe(true);
      expect(Number.isFinite(interest(K, L))).toBe(true);
    }
  });
});

describe('HSV taxes T(x, tau, xi) = x - (1 - tau) / (1 - xi) x^(1 - xi)', () => {
  it('matches hand-computed values', () => {
    // 4 - (0.8 / 0.5) 4^0.5 = 4 - 3.2
    expect(hsvTax(4, 0.2, 0.5)).toBeCloseTo(0.8, 12);
    // xi = 0 is a flat tax at rate tau
    expect(hsvTax(10, 0.3, 0)).toBeCloseTo(3, 12);
    // tau = 1, xi = 0 takes everything
    expect(hsvTax(7, 1, 0)).toBeCloseTo(7, 12);
  });
  it('is progressive for xi > 0: the average rate rises with x', () => {
    const rate = (x: number) => hsvTax(x, 0.2, 0.3) / x;
    expect(rate(1)).toBeLessThan(rate(4));
    expect(rate(4)).toBeLessThan(rate(16));
  });
  it('taxes nothing at or below zero', () => {
    expect(hsvTax(0, 0.5, 0.5)).toBe(0);
    expect(hsvTax(-2, 0.5, 0.5)).toBe(0);
  });
  it('never pays out and never takes more than x: 0 <= T(x) <= x', () => {
    // 4 - (1 / 0.5) 4^0.5 = 0 and 1 - 2 = -1 -> 0: below the break-even point nothing is paid
    expect(hsvTax(4, 0, 0.5)).toBeCloseTo(0, 12);
    expect(hsvTax(1, 0, 0.5)).toBe(0);
    // 9 - 2 * 3 = 3
    expect(hsvTax(9, 0, 0.5)).toBeCloseTo(3, 12);
    for (const x of [0.01, 1, 50]) for (const tau of [0, 0.5, 1]) for (const xi of [0, 0.5, 0.99]) {
      expect(hsvTax(x, tau, xi)).toBeGreaterThanOrEqual(0);
      expect(hsvTax(x, tau, xi)).toBeLessThanOrEqual(x);
    }
  });
  it('stays finite as xi -> 1 and x -> 0', () => {
    // 1 - xi is held at 1e-3: 1e6 - 1000 (1e6)^0.001 = 1e6 - 1013.9
    expect(hsvTax(1e6, 0, 1)).toBeCloseTo(1e6 - 1000 * Math.exp(0.001 * Math.log(1e6)), 6);
    for (const x of [1e-12, 1e-6, 1, 1e6]) for (const xi of [0.999, 1]) expect(Number.isFinite(hsvTax(x, 0.5, xi))).toBe(true);
  });
});

describe('the household', () => {
  it('values consumption and dislikes work: u = log c - h^(1 + zeta) / (1 + zeta)', () => {
    expect(utility(Math.E, 1, 1)).toBeCloseTo(0.5, 12);
    expect(utility(1, 0.5, 2)).toBeCloseTo(-(0.5 ** 3) / 3, 12);
    expect(utility(0, 0, 1)).toBeCloseTo(Math.log(C_FLOOR), 12);
  });
  it('splits cash on hand into savings and consumption, a debtor consuming nothing', () => {
    expect(splitCash(10, 0.3)).toEqual({ assets: 3, consumption: 7 });
    expect(splitCash(-2, 0.5)).toEqual({ assets: -2, consumption: 0 });
  });
});

describe('productivity', () => {
  it('follows log e_(t+1) = rho log e_t + (1 - rho) m + sigma eps', () => {
    // s^2 = 0.04 / 0.19, m = -s^2 / 2
    const m = -0.04 / 0.19 / 2;
    expect(stationaryLogMean(0.9, 0.2)).toBeCloseTo(m, 12);
    expect(nextLogProductivity(0, 0.9, 0.2, 1)).toBeCloseTo(0.1 * m + 0.2, 12);
  });
  it('has stationary mean 1 (seeded simulation, 4000 households x 200 steps)', () => {
    const rng = Rng.fromSeed(3);
    const logE = new Float64Array(4000).fill(stationaryLogMean(0.9, 0.2));
    for (let t = 0; t < 200; t++) for (let i = 0; i < logE.length; i++) logE[i] = nextLogProductivity(logE[i], 0.9, 0.2, rng.normal());
    const meanE = logE.reduce((s, l) => s + Math.exp(l), 0) / logE.length;
    expect(meanE).toBeGreaterThan(0.97);
    expect(meanE).toBeLessThan(1.03);
  });
});
