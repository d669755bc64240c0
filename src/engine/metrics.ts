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

/**
 * The p-quantile of an ascending sample, linearly interpolated between order statistics
 * (the sample's own empirical quantile function, type 7 as R and NumPy default).
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const i = Math.floor(h);
  return i + 1 < sorted.length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[sorted.length - 1];
}

/**
 * The 1-Wasserstein distance between a sample and a target given sorted: the mean over the
 * sample's order statistics x_(k) of |x_(k) - q(k + 1/2 over n)|, q the target's quantile
 * function. 0 exactly when the sample sits on the target's quantiles.
 */
export function wasserstein1(sample: ArrayLike<number>, sortedTarget: ArrayLike<number>): number {
  const x = Float64Array.from(sample).sort();
  let sum = 0;
  for (let k = 0; k < x.length; k++) sum += Math.abs(x[k] - quantileSorted(sortedTarget, (k + 0.5) / x.length));
  return sum / x.length;
}

/**
 * How far one distribution's quantiles lie from another's, at the levels 1%, 2%, ..., 99%:
 * the mean absolute error and the root mean squared error (the paper's Table 1 measures).
 */
export function quantileErrors(sortedSample: ArrayLike<number>, sortedTarget: ArrayLike<number>): { mae: number; rmse: number } {
  let abs = 0;
  let sq = 0;
  for (let k = 1; k <= 99; k++) {
    const diff = quantileSorted(sortedSample, k / 100) - quantileSorted(sortedTarget, k / 100);
    abs += Math.abs(diff);
    sq += diff * diff;
  }
  return { mae: abs / 99, rmse: Math.sqrt(sq / 99) };
}

/**
 * The Gini coefficient of an ascending sample, sum_k (2k - n - 1) x_(k) / (n sum x) with k
 * from 1: 0 when everyone holds the same, (n - 1) / n when one holds everything. Negative
 * holdings (debt) can push it above 1; NaN when the total is not positive.
 */
export function gini(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  let total = 0;
  let weighted = 0;
  for (let k = 0; k < n; k++) {
    total += sorted[k];
    weighted += (2 * (k + 1) - n - 1) * sorted[k];
  }
  return total > 0 ? weighted / (n * total) : NaN;
}

/**
 * The Lorenz curve of an ascending sample at `points` evenly spaced population shares 0, ...,
 * 1: the share of the total held by the poorest fraction (interpolated between households).
 */
export function lorenz(sorted: ArrayLike<number>, points: number): Float32Array {
  const n = sorted.length;
  const cumulative = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) cumulative[k + 1] = cumulative[k] + sorted[k];
  const total = cumulative[n];
  return Float32Array.from({ length: points }, (_, j) => {
    const h = (j / (points - 1)) * n;
    const k = Math.min(Math.floor(h), n - 1);
    return (cumulative[k] + (h - k) * sorted[k]) / total;
  });
}

/** The bin of `value` among `bins` bins of `width` from `lo`; the end bins take what falls outside. */
export const histogramBin = (value: number, lo: number, width: number, bins: number) => Math.min(bins - 1, Math.max(0, Math.floor((value - lo) / width)));

/**
 * Shares of a sample in `bins` bins of `width` from `lo`; the end bins also take what falls
 * below or above the range.
 */
export function histogramShares(values: ArrayLike<number>, lo: number, width: number, bins: number): Float32Array {
  const h = new Float32Array(bins);
  for (let i = 0; i < values.length; i++) h[histogramBin(values[i], lo, width, bins)]++;
  for (let b = 0; b < bins; b++) h[b] /= values.length || 1;
  return h;
}

/**
 * Student's t critical value t with P(|T| <= t) = level for T ~ t(df), df a positive integer:
 * the 95% interval's factor is tCritical(n - 1). Solved by bisection on theta = atan(t / sqrt(df)),
 * in which P(|T| <= t) has a closed form for integer df (Abramowitz & Stegun 26.7.3-4) that
 * rises from 0 at theta = 0 to 1 at pi / 2. Written here because @stdlib's t quantile brings
 * 232 packages, one of them a `new Function` global lookup that the lab's CSP refuses.
 */
export function tCritical(df: number, level = 0.95): number {
  const within = (theta: number) => {
    const c = Math.cos(theta);
    const s = Math.sin(theta);
    // Odd df: (2/pi)(theta + sin cos (1 + 2/3 cos^2 + (2*4)/(3*5) cos^4 + ...)); even df: sin (1 + 1/2 cos^2 + (1*3)/(2*4) cos^4 + ...).
    const odd = df % 2 === 1;
    let term = 1;
    let sum = df > (odd ? 1 : 0) ? 1 : 0;
    for (let k = odd ? 3 : 2; k < df; k += 2) {
      term *= ((k - 1) / k) * c * c;
      sum += term;
    }
    return odd ? (2 / Math.PI) * (theta + s * c * sum) : s * sum;
  };
  let lo = 0;
  let hi = Math.PI / 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (within(mid) < level) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(df) * Math.tan((lo + hi) / 2);
}

/** A mean with the half-width of its 95% interval (Student's t over the sample; NaN below two values). */
export interface MeanInterval {
  mean: number;
  half: number;
  n: number;
}

/** The mean of xs and its 95% t-interval: mean ± t(0.975, n - 1) s / sqrt(n). */
export function meanInterval(xs: readonly number[]): MeanInterval {
  const n = xs.length;
  const m = mean(xs);
  return { mean: m, half: n < 2 ? NaN : tCritical(n - 1) * (sampleStd(xs) / Math.sqrt(n)), n };
}

/** "1.234 ± 0.0567": the interval to 3 significant digits, the mean to the same decimals (the mean alone where there is no interval). */
export function formatMeanInterval({ mean, half }: MeanInterval): string {
  if (!Number.isFinite(mean)) return '—';
  const digits = Math.max(0, Math.min(6, 2 - Math.floor(Math.log10(Math.abs(Number.isFinite(half) && half > 0 ? half : mean) || 1))));
  return Number.isFinite(half) ? `${mean.toFixed(digits)} ± ${half.toFixed(digits)}` : mean.toFixed(digits);
}

/** Final figures average the last iterations: one episode's std(D) swings a lot. */
export const FINAL_WINDOW = 10;
export type FinalMetrics = Record<string, number>;

/** Each final figure of a run: the mean over its last FINAL_WINDOW iterations (all, if fewer ran). */
export function finalMetrics(rows: readonly Record<string, number>[], keys: readonly string[], window = FINAL_WINDOW): FinalMetrics {
  const last = rows.slice(-window);
  return Object.fromEntries(keys.map((key) => [key, mean(last.map((r) => r[key]))]));
}

/** The parts one after another, in one array. */
export function concat(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let j = 0;
  for (const p of parts) {
    out.set(p, j);
    j += p.length;
  }
  return out;
}
