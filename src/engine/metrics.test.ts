import { describe, expect, it } from 'vitest';
import { meanAbsPctChange, quantileErrors, quantileSorted, sampleStd, wasserstein1 } from './metrics';

describe('metrics', () => {
  it('sample std uses the n - 1 denominator', () => {
    // mean 5, squared deviations 9 + 1 + 1 + 9 = 20, over 3.
    expect(sampleStd([2, 4, 6, 8])).toBeCloseTo(Math.sqrt(20 / 3), 12);
    expect(sampleStd([3])).toBe(0);
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
