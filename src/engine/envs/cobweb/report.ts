/**
 * What the cobweb environment reports each iteration (a contract with the charts and the CLI:
 * keep the keys), the theory line for its charts, and the statistics behind them.
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { sampleCorrelation, sampleKurtosis, sampleSkewness } from 'simple-statistics';
import type { MetricSpec, ReferenceLine } from '../../experiment';
import { histogramShares, mean, quantileSorted, sampleStd } from '../../metrics';
import { rationalPrice } from './model';

export const COBWEB_METRICS: MetricSpec[] = [
  { key: 'mu', label: 'mu: mean of lambda_i set by the calibrator (reward / 1300 units), mean over its markets', final: true },
  { key: 'sigma', label: 'sigma: std of lambda_i set by the calibrator, mean over its markets', final: true },
  { key: 'lambdaMean', label: 'lambda_i drawn in the calibrator’s markets this episode, mean', final: true },
  { key: 'lambdaStd', label: 'lambda_i drawn in the calibrator’s markets this episode, std' },
  { key: 'w1', label: '1-Wasserstein distance of this episode’s prices to the target (price units)', final: true },
  { key: 'priceMean', label: 'simulated price p_t, mean (price units)' },
  { key: 'priceStd', label: 'simulated price p_t, std (price units)' },
  { key: 'priceAcf1', label: 'simulated price p_t, lag-1 autocorrelation' },
  { key: 'priceSkew', label: 'simulated price p_t, skewness' },
  { key: 'priceKurt', label: 'simulated price p_t, excess kurtosis' },
  { key: 'targetMean', label: 'target price, mean (price units)' },
  { key: 'targetStd', label: 'target price, std (price units)' },
  { key: 'targetAcf1', label: 'target price, lag-1 autocorrelation' },
  { key: 'targetSkew', label: 'target price, skewness' },
  { key: 'targetKurt', label: 'target price, excess kurtosis' },
  { key: 'maeRe', label: 'quantile MAE, rational-expectations equilibrium p* + eps vs target (price units)' },
  { key: 'rmseRe', label: 'quantile RMSE, rational-expectations equilibrium vs target (price units)' },
  { key: 'maeRational', label: 'quantile MAE, learning producers with lambda = 0 vs target (price units)' },
  { key: 'rmseRational', label: 'quantile RMSE, learning producers with lambda = 0 vs target (price units)' },
  { key: 'maeCalibrated', label: 'quantile MAE, calibrated simulator vs target (price units)', final: true },
  { key: 'rmseCalibrated', label: 'quantile RMSE, calibrated simulator vs target (price units)' },
  { key: 'predictionError', label: 'mean |p-hat - p| of the calibrator’s producers (price units)' },
];

/** The theory line on the price charts. */
export function cobwebReferences(p: { n: number }): ReferenceLine[] {
  return [{ label: 'rational-expectations price p*', value: rationalPrice(p.n) }];
}

/** Histogram bins for prices: HIST_BINS of width HIST_WIDTH from 0. */
export const HIST_BINS = 40;
export const HIST_WIDTH = 0.25;

/** Share of values in each bin; values below 0 or from 10 up go to the end bins. */
export function priceHistogram(values: ArrayLike<number>): Float32Array {
  return histogramShares(values, 0, HIST_WIDTH, HIST_BINS);
}

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

/**
 * Table 1's quantile errors of the rational-expectations equilibrium, whose prices are
 * p* + eps, eps ~ N(0, noiseStd): its q-quantile is p* + noiseStd Phi^-1(q), exactly.
 */
export function reQuantileErrors(pStar: number, noiseStd: number, sortedTarget: ArrayLike<number>): { mae: number; rmse: number } {
  let abs = 0;
  let sq = 0;
  for (let k = 1; k <= 99; k++) {
    const diff = pStar + noiseStd * normalQuantile(k / 100, 0, 1) - quantileSorted(sortedTarget, k / 100);
    abs += Math.abs(diff);
    sq += diff * diff;
  }
  return { mae: abs / 99, rmse: Math.sqrt(sq / 99) };
}
