/** Summary statistics shared by environments, leaders and charts. */

export function mean(xs: ArrayLike<number>, start = 0, end = xs.length): number {
  let s = 0;
  for (let i = start; i < end; i++) s += xs[i];
  return end > start ? s / (end - start) : NaN;
}

/** Sample standard deviation (n - 1 denominator), as the papers report std(D). */
export function sampleStd(xs: ArrayLike<number>, start = 0, end = xs.length): number {
  const n = end - start;
  if (n < 2) return 0;
  const m = mean(xs, start, end);
  let s = 0;
  for (let i = start; i < end; i++) s += (xs[i] - m) * (xs[i] - m);
  return Math.sqrt(s / (n - 1));
}

/**
 * The paper's second volatility figure: the mean over every market and step of
 * |D_t - D_(t-1)| / D_(t-1). A step after D = 0 has no percentage change and is skipped;
 * NaN if none is left.
 */
export function meanAbsPctChange(markets: readonly ArrayLike<number>[]): number {
  let sum = 0;
  let count = 0;
  for (const d of markets) {
    for (let t = 1; t < d.length; t++) {
      if (d[t - 1] === 0) continue;
      sum += Math.abs(d[t] - d[t - 1]) / d[t - 1];
      count++;
    }
  }
  return count ? sum / count : NaN;
}
