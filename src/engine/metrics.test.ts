import { describe, expect, it } from 'vitest';
import { meanAbsPctChange, sampleStd } from './metrics';

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
});
