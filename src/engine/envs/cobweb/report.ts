/**
 * What the cobweb environment reports each iteration (a contract with the charts and the CLI:
 * keep the keys), the theory line for its charts, and the statistics behind them.
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { MetricSpec, ReferenceLine } from '../../experiment';
import { histogramShares, quantileSorted } from '../../metrics';
import { calibrationMetrics, type SeriesNames } from '../calibration/figures';
import { rationalPrice } from './model';

/** The calibrated series: the price, in the figures' keys and labels. */
export const PRICE_SERIES: SeriesNames = { key: 'price', label: 'price p_t', unit: 'price units', agents: 'producers' };

export const COBWEB_METRICS: MetricSpec[] = [
  ...calibrationMetrics(PRICE_SERIES, { key: 'Re', label: 'rational-expectations equilibrium p* + eps' }),
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
