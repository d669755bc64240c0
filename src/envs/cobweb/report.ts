/**
 * What the cobweb environment reports each iteration (a contract with the charts and the CLI:
 * keep the keys), the theory line for its charts, and the statistics behind them.
 */
import type { MetricSpec, ReferenceLine } from '../../engine/experiment';
import { histogramShares } from '../../engine/metrics';
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
  return [{ id: 'rationalPrice', label: 'rational-expectations price p*', value: rationalPrice(p.n) }];
}

/** Histogram bins for prices: HIST_BINS of width HIST_WIDTH from 0. */
export const HIST_BINS = 40;
export const HIST_WIDTH = 0.25;

/** Share of values in each bin; values below 0 or from 10 up go to the end bins. */
export function priceHistogram(values: ArrayLike<number>): Float32Array {
  return histogramShares(values, 0, HIST_WIDTH, HIST_BINS);
}
