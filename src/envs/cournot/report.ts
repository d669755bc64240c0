/**
 * What the Cournot environment reports each iteration (a contract with the charts and the CLI:
 * keep the keys), the theory lines for its charts, and the histograms behind them.
 */
import type { MetricSpec, ReferenceLine } from '../../engine/experiment';
import { histogramBin, histogramShares, mean } from '../../engine/metrics';
import { calibrationMetrics, type SeriesNames } from '../calibration/figures';
import type { CournotParams } from './config';
import { firmCosts, nashQuantities, price } from './model';

/** The calibrated series: the price, in the figures' keys and labels. */
export const PRICE_SERIES: SeriesNames = { key: 'price', label: 'price P_t', unit: 'price units', agents: 'firms' };

export const COURNOT_METRICS: MetricSpec[] = [
  ...calibrationMetrics(PRICE_SERIES, { key: 'Nash', label: 'Nash equilibrium P* + eps' }),
  { key: 'quantityRational', label: 'mean quantity q_i of the rational market’s firms (lambda = 0), over the episode', final: true },
  { key: 'quantityCalibrated', label: 'mean quantity q_i of the calibrator’s firms, over the episode', final: true },
  { key: 'quantityLowLambda', label: 'mean quantity q_i of the calibrator’s firms with the smaller half of lambda_i' },
  { key: 'quantityHighLambda', label: 'mean quantity q_i of the calibrator’s firms with the larger half of lambda_i' },
  { key: 'quantityStdRational', label: 'std of q_i,t over the rational market’s firms and steps' },
  { key: 'quantityStdCalibrated', label: 'std of q_i,t over the calibrator’s firms and steps' },
  { key: 'profitRational', label: 'mean profit q_i (P_t - c_i) per firm and step, rational market' },
  { key: 'profitCalibrated', label: 'mean profit q_i (P_t - c_i) per firm and step, calibrator’s markets' },
];

/** The Nash quantities, price and profits of a scenario's market (the rational reference). */
export function nashOf(p: Pick<CournotParams, 'n' | 'a' | 'b' | 'c' | 'costSpread'>): { q: Float64Array; price: number; profit: Float64Array } {
  const costs = firmCosts(p.n, p.c, p.costSpread);
  const q = nashQuantities(p, costs);
  const P = price(p, q.reduce((s, x) => s + x, 0));
  return { q, price: P, profit: q.map((x, i) => x * (P - costs[i])) };
}

/** The theory lines: [0] the mean Nash quantity q*, [1] the Nash price P*, [2] the mean Nash profit pi*. */
export function cournotReferences(p: Pick<CournotParams, 'n' | 'a' | 'b' | 'c' | 'costSpread'>): ReferenceLine[] {
  const nash = nashOf(p);
  return [
    { id: 'nashQuantity', label: 'Nash quantity q*', value: mean(nash.q) },
    { id: 'nashPrice', label: 'Nash price P*', value: nash.price },
    { id: 'nashProfit', label: 'Nash profit π*', value: mean(nash.profit) },
  ];
}

/** Price histograms: PRICE_BINS bins of P / a over [0, 1]; values outside go to the end bins. */
export const PRICE_BINS = 40;
export const priceHistogram = (values: ArrayLike<number>, a: number): Float32Array => histogramShares(values, 0, a / PRICE_BINS, PRICE_BINS);

/** Profit histograms: PROFIT_BINS bins of profit / pi* over [PROFIT_LO, PROFIT_LO + PROFIT_BINS PROFIT_WIDTH] = [-1, 2]. */
export const PROFIT_BINS = 30;
export const PROFIT_LO = -1;
export const PROFIT_WIDTH = 0.1;
/** The bin of a profit / pi* value (end bins take what falls outside). */
export const profitBin = (ratio: number) => histogramBin(ratio, PROFIT_LO, PROFIT_WIDTH, PROFIT_BINS);
