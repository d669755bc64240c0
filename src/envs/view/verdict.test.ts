import { describe, expect, it } from 'vitest';
import type { PresetClaim } from './types';
import { verdictOf } from './verdict';

const claim = (than: PresetClaim['than'], better: PresetClaim['better']): PresetClaim => ({ key: 'v', than, better, text: '', paper: '' });
/** n rows of v = f(i) (and w = g(i)), i from 0. */
const rows = (n: number, f: (i: number) => number, g: (i: number) => number = () => 0) => Array.from({ length: n }, (_, i) => ({ v: f(i), w: g(i) }));

describe("a preset's claim judged on a run", () => {
  // Differences alternate -1.1, -0.9: mean -1, sample std 0.1·sqrt(10/9), half = t(0.975, 9) 2.2622 · that / sqrt(10) = 0.07541.
  const run = rows(10, (i) => 1 + 0.1 * (i % 2));
  const baseline = rows(10, (i) => 2 + 0.1 * ((i + 1) % 2));

  it('holds where the paired difference lies on the claimed side beyond its interval', () => {
    const v = verdictOf(claim('baseline', 'lower'), run, baseline)!;
    expect(v.verdict).toBe('holds');
    expect(v.difference.mean).toBeCloseTo(-1, 12);
    expect(v.difference.half).toBeCloseTo(0.07541, 4);
    expect(v.run.mean).toBeCloseTo(1.05, 12);
    expect(v.compared.mean).toBeCloseTo(2.05, 12);
    expect([v.from, v.to]).toEqual([1, 10]);
  });

  it('does not hold where it lies beyond its interval on the other side', () => {
    expect(verdictOf(claim('baseline', 'higher'), run, baseline)!.verdict).toBe('does not hold');
  });

  it('is not clear where the interval reaches 0, or with a single iteration', () => {
    const noisy = rows(10, (i) => 2 + (i % 2 ? 1 : -1));
    expect(verdictOf(claim('baseline', 'lower'), noisy, baseline)!.verdict).toBe('not clear');
    expect(verdictOf(claim('baseline', 'lower'), run.slice(0, 1), baseline)!.verdict).toBe('not clear');
  });

  it('judges the last iterations both runs have reached', () => {
    const v = verdictOf(claim('baseline', 'lower'), rows(15, (i) => i), rows(12, () => 100))!;
    expect([v.from, v.to]).toEqual([3, 12]);
    // Iterations 3 to 12 are i = 2 to 11: mean 6.5.
    expect(v.run.mean).toBe(6.5);
  });

  it('compares with another figure of the run, or with a fixed value', () => {
    const both = rows(10, (i) => 1 + 0.1 * (i % 2), (i) => 3 + 0.1 * (i % 2));
    const byKey = verdictOf(claim({ key: 'w' }, 'lower'), both, null)!;
    expect(byKey.verdict).toBe('holds');
    expect(byKey.difference.mean).toBeCloseTo(-2, 12);
    expect(byKey.difference.half).toBeCloseTo(0, 12);
    expect(verdictOf(claim({ value: 1.2 }, 'lower'), both, null)!.verdict).toBe('holds');
    expect(verdictOf(claim({ value: 1.06 }, 'lower'), both, null)!.verdict).toBe('not clear');
  });

  it('has nothing to judge before an iteration, or without the baseline it needs', () => {
    expect(verdictOf(claim('baseline', 'lower'), run, null)).toBeNull();
    expect(verdictOf(claim('baseline', 'lower'), [], baseline)).toBeNull();
  });
});
