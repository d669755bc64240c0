/**
 * The figures every calibration reports each iteration, whatever the series (a contract with
 * the charts and the CLI: keep the keys): the calibrator's theta and the lambda_i it drew, the
 * distance to the target, the moments table (mean, std, lag-1 autocorrelation, skewness,
 * excess kurtosis) of the simulated and the target series, and Table 1's quantile errors of the
 * rational copy, of an analytic reference where the environment has one, and of the
 * calibrator's copies. Keys are prefixed by the series' name ('price', 'order').
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { sampleCorrelation, sampleKurtosis, sampleSkewness } from 'simple-statistics';
import type { MetricSpec } from '../../engine/experiment';
import { concat, mean, quantileSorted, sampleStd, wasserstein1 } from '../../engine/metrics';
import type { CalibratedPopulation } from './population';
import type { TargetWindows } from './target-windows';

export interface Moments {
  mean: number;
  std: number;
  skew: number;
  kurt: number;
}

/**
 * Mean, sample std, adjusted skewness and excess kurtosis (the unbiased estimators of Excel,
 * SAS and scipy with bias=False); NaN where the sample is too short or constant.
 */
export function moments(xs: ArrayLike<number>): Moments {
  const arr = Array.from(xs);
  const std = sampleStd(arr);
  const spread = std > 0;
  return {
    mean: mean(arr),
    std,
    skew: spread && arr.length >= 3 ? sampleSkewness(arr) : NaN,
    kurt: spread && arr.length >= 4 ? sampleKurtosis(arr) : NaN,
  };
}

/** Lag-1 autocorrelation: the Pearson correlation of (x_t, x_(t+1)); NaN for a flat path. */
export function acf1(path: ArrayLike<number>): number {
  const x = Array.from(path);
  if (x.length < 3) return NaN;
  const r = sampleCorrelation(x.slice(0, -1), x.slice(1));
  return Number.isFinite(r) ? r : NaN;
}

/** The series a calibration fits, in words, for the figures' labels. */
export interface SeriesNames {
  /** Key prefix: 'price' gives priceMean, priceStd, ... */
  key: string;
  /** Its symbol and name in labels: 'price p_t'. */
  label: string;
  /** Its units: 'price units'. */
  unit: string;
  /** The agents, in labels: 'producers', 'firms'. */
  agents: string;
}

/** An analytic reference whose quantile errors against the target are reported (mae<Key>, rmse<Key>). */
export interface ReferenceNames {
  key: string;
  label: string;
}

/** The figures' specs, in the order tables show them; `final` marks the run's headline figures. */
export function calibrationMetrics(s: SeriesNames, reference?: ReferenceNames): MetricSpec[] {
  // The quantile MAEs (Table 1's comparison of the rational, reference and calibrated copies) are headline figures.
  const q = (key: string, label: string): MetricSpec[] => [
    { key: `mae${key}`, label: `quantile MAE, ${label} vs target (${s.unit})`, final: true },
    { key: `rmse${key}`, label: `quantile RMSE, ${label} vs target (${s.unit})` },
  ];
  const stats = (prefix: string, what: string): MetricSpec[] => [
    { key: `${prefix}Mean`, label: `${what}, mean (${s.unit})` },
    { key: `${prefix}Std`, label: `${what}, std (${s.unit})` },
    { key: `${prefix}Acf1`, label: `${what}, lag-1 autocorrelation` },
    { key: `${prefix}Skew`, label: `${what}, skewness` },
    { key: `${prefix}Kurt`, label: `${what}, excess kurtosis` },
  ];
  return [
    { key: 'mu', label: 'mu: mean of lambda_i set by the calibrator, mean over its markets', final: true },
    { key: 'sigma', label: 'sigma: std of lambda_i set by the calibrator, mean over its markets', final: true },
    { key: 'lambdaMean', label: 'lambda_i drawn in the calibrator’s markets this episode, mean', final: true },
    { key: 'lambdaStd', label: 'lambda_i drawn in the calibrator’s markets this episode, std' },
    { key: 'w1', label: `1-Wasserstein distance of this episode’s ${s.label} to the target (${s.unit})`, final: true },
    ...stats(s.key, `simulated ${s.label}`),
    ...stats('target', `target ${s.label}`),
    ...(reference ? q(reference.key, reference.label) : []),
    ...q('Rational', `learning ${s.agents} with lambda = 0`),
    ...q('Calibrated', 'calibrated simulator'),
  ];
}

/**
 * The figures of calibrationMetrics for the episode just played: aggregates[t * copies + e] is
 * copy e's series, T its steps; `reference` the analytic reference's quantile errors, if any.
 */
export function calibrationFigures(
  s: SeriesNames,
  population: CalibratedPopulation,
  windows: TargetWindows,
  aggregates: Float64Array,
  T: number,
  reference?: { key: string; errors: (sortedTarget: Float64Array) => { mae: number; rmse: number } },
): { metrics: Record<string, number>; own: Float64Array[]; pooled: Float64Array; target: Float64Array | null; targetPath: Float32Array } {
  const { copies, leaderCopies: L, lambda } = population;
  const n = lambda.length / copies;
  const path = (e: number) => Float64Array.from({ length: T }, (_, t) => aggregates[t * copies + e]);
  const own = Array.from({ length: L }, (_, e) => path(e));
  const pooled = concat(own);
  const target = windows.target();
  const sim = moments(pooled);
  // The target's own moments: the target copies' paths this episode, or the data in its order.
  const targetPaths = windows.data ? [windows.data] : Array.from({ length: population.targetCopies }, (_, k) => path(population.firstTargetCopy + k));
  const tgt = targetPaths.length ? moments(concat(targetPaths)) : null;
  const lambdas = lambda.subarray(0, L * n);
  const { rational, calibrated } = windows.quantileErrors();
  const ref = reference && target ? reference.errors(target) : { mae: NaN, rmse: NaN };
  const metrics: Record<string, number> = {
    mu: population.mu,
    sigma: population.sigma,
    lambdaMean: mean(lambdas),
    lambdaStd: sampleStd(lambdas),
    w1: target ? wasserstein1(pooled, target) : NaN,
    [`${s.key}Mean`]: sim.mean,
    [`${s.key}Std`]: sim.std,
    [`${s.key}Acf1`]: mean(own.map(acf1)),
    [`${s.key}Skew`]: sim.skew,
    [`${s.key}Kurt`]: sim.kurt,
    targetMean: tgt?.mean ?? NaN,
    targetStd: tgt?.std ?? NaN,
    targetAcf1: targetPaths.length ? mean(targetPaths.map(acf1)) : NaN,
    targetSkew: tgt?.skew ?? NaN,
    targetKurt: tgt?.kurt ?? NaN,
    ...(reference ? { [`mae${reference.key}`]: ref.mae, [`rmse${reference.key}`]: ref.rmse } : {}),
    maeRational: rational.mae,
    rmseRational: rational.rmse,
    maeCalibrated: calibrated.mae,
    rmseCalibrated: calibrated.rmse,
  };
  // What the target charts show: a stretch of the data, or the first target copy this episode.
  const targetPath = windows.data ? windows.dataStretch(T) : population.targetCopies ? Float32Array.from(path(population.firstTargetCopy)) : new Float32Array(0);
  return { metrics, own, pooled, target, targetPath };
}

/**
 * Table 1's quantile errors (1% to 99%) of an analytic reference whose series is
 * centre + eps, eps ~ N(0, std) (an equilibrium price plus the model's noise): its q-quantile is
 * centre + std Phi^-1(q), exactly.
 */
export function gaussianQuantileErrors(centre: number, std: number, sortedTarget: ArrayLike<number>): { mae: number; rmse: number } {
  let abs = 0;
  let sq = 0;
  for (let k = 1; k <= 99; k++) {
    const diff = centre + std * normalQuantile(k / 100, 0, 1) - quantileSorted(sortedTarget, k / 100);
    abs += Math.abs(diff);
    sq += diff * diff;
  }
  return { mae: abs / 99, rmse: Math.sqrt(sq / 99) };
}
