import { describe, expect, it } from 'vitest';
import { gini, lorenz, meanAbsPctChange, meanInterval, quantileErrors, quantileSorted, sampleStd, tCritical, wasserstein1 } from './metrics';

describe('metrics', () => {
  it('sample std uses the n - 1 denominator', () => {
    // mean 5, squared deviations 9 + 1 + 1 + 9 = 20, over 3.
    expect(sampleStd([2, 4, 6, 8])).toBeCloseTo(Math.sqrt(20 / 3), 12);
    expect(sampleStd([3])).toBe(0);
  });

  it("Student's t critical values match the tables at odd and even degrees of freedom", () => {
    // Two-sided 95%: t(0.975; df) from any table; and one 99% value.
    for (const [df, t] of [[1, 12.706], [2, 4.303], [3, 3.182], [9, 2.262], [30, 2.042], [99, 1.984]]) expect(tCritical(df), `df ${df}`).toBeCloseTo(t, 3);
    expect(tCritical(10, 0.99)).toBeCloseTo(3.169, 3);
  });

  it('the t-interval of a sample: its mean and t(n - 1) s / sqrt(n)', () => {
    // mean 5, s = sqrt(20 / 3), n = 4, t(0.975; 3) = 3.182.
    const { mean, half } = meanInterval([2, 4, 6, 8]);
    expect(mean).toBe(5);
    expect(half).toBeCloseTo((3.182446 * Math.sqrt(20 / 3)) / 2, 4);
    expect(meanInterval([3]).half).toBeNaN();
  });

  it('mean absolute percentage change of D, skipping steps after D = 0', () => {
    // |4-2|/2 = 1, |2-4|/4 = 0.5; after the 0 nothing; |3-3|/3 = 0.
    expect(meanAbsPctChange([[2, 4, 2], [0, 3, 3]])).toBeCloseTo((1 + 0.5 + 0) / 3, 12);
    expect(meanAbsPctChange([[0, 0, 0]])).toBeNaN();
  });

  it('quantiles interpolate between order statistics', () => {
    const x = [1, 2, 4, 8];
    expect(quantileSorted(x, 0)).toBe(1);
    expect(quantileSorted(x, 1)).toBe(8);
    expect(quantileSorted(x, 0.5)).toBe(3); // h = 1.5: halfway from 2 to 4
    expect(quantileSorted(x, 0.25)).toBeCloseTo(1.75, 12); // h = 0.75
  });

  it('the 1-Wasserstein distance matches order statistics to target quantiles', () => {
    // Target 0..10 (11 points): its quantile at level p is 10 p. A sample [1, 9] is matched at
    // levels 1/4 and 3/4, i.e. 2.5 and 7.5: distance (1.5 + 1.5) / 2.
    const target = Array.from({ length: 11 }, (_, i) => i);
    expect(wasserstein1([9, 1], target)).toBeCloseTo(1.5, 12);
    // A shift moves every quantile by the same amount.
    expect(wasserstein1([3.5, 8.5], target)).toBeCloseTo(1, 12);
    expect(wasserstein1([2.5, 7.5], target)).toBeCloseTo(0, 12);
  });

  it('quantile errors: a constant shift c gives MAE = RMSE = c; equal samples give 0', () => {
    const a = Array.from({ length: 101 }, (_, i) => i / 10);
    expect(quantileErrors(a, a)).toEqual({ mae: 0, rmse: 0 });
    const e = quantileErrors(a.map((x) => x + 0.3), a);
    expect(e.mae).toBeCloseTo(0.3, 12);
    expect(e.rmse).toBeCloseTo(0.3, 12);
  });
});

describe('gini and lorenz', () => {
  it('match hand-computed values', () => {
    // (2*1-4-1)*1 + (2*2-5)*2 + (2*3-5)*3 + (2*4-5)*4 = -3 - 2 + 3 + 12 = 10; 10 / (4 * 10)
    expect(gini([1, 2, 3, 4])).toBeCloseTo(0.25, 12);
    expect(gini([5, 5, 5])).toBeCloseTo(0, 12);
    expect(gini([0, 0, 0, 7])).toBeCloseTo(0.75, 12);
    expect(gini([0, 0])).toBeNaN();
    // shares at 0, 1/2, 1 of the population: 0, (1 + 2) / 10, 1
    expect(Array.from(lorenz([1, 2, 3, 4], 3))).toEqual([0, 0.30000001192092896, 1]);
    // halfway through the third household: (1 + 2 + 1.5) / 10
    expect(lorenz([1, 2, 3, 4], 9)[5]).toBeCloseTo(0.45, 6);
  });
});
