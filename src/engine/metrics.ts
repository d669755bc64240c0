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
