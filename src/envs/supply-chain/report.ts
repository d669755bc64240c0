/**
 * What the supply chain reports each iteration (a contract with the charts and the CLI: keep
 * the keys), the theory lines for its charts, and the statistics behind them: the bullwhip
 * ratios (order variance over demand variance, per stage), the pass-through reference and the
 * base-stock chain (base-stock.ts).
 */
import type { MetricSpec, ReferenceLine } from '../../engine/experiment';
import { histogramShares, mean, sampleStd } from '../../engine/metrics';
import { calibrationMetrics, type SeriesNames } from '../calibration/figures';
import { STAGE_NAMES, STAGES } from './model';

/** The calibrated series: the factory's orders, in the figures' keys and labels. */
export const ORDER_SERIES: SeriesNames = { key: 'order', label: 'factory order q_3,t', unit: 'units', agents: 'stages' };

/** The analytic reference of the order distribution: every stage passes demand through (q_k = D_t), as a base-stock chain does once at its levels. */
export const PASS_THROUGH = { key: 'PassThrough', label: 'pass-through base-stock policy (every order = demand)' };

const perStage = (key: string, label: (stage: string) => string, final = false): MetricSpec[] => STAGE_NAMES.map((name, k) => ({ key: `${key}${k}`, label: label(name), final }));

export const SUPPLY_CHAIN_METRICS: MetricSpec[] = [
  ...calibrationMetrics(ORDER_SERIES, PASS_THROUGH),
  ...perStage('bullwhip', (s) => `bullwhip ratio of the ${s}: var(orders) / var(demand) in the calibrator’s chains`, true),
  ...perStage('bullwhipRational', (s) => `bullwhip ratio of the ${s} in the rational chain (every lambda_i = 0; beside bounded stages it shares their policy)`, true),
  ...perStage('bullwhipBaseStock', (s) => `bullwhip ratio of the ${s} in the base-stock chain (the rational chain's demand)`, true),
  ...perStage('cost', (s) => `${s}’s mean cost per week in the calibrator’s chains (h I + p B)`),
  ...perStage('costRational', (s) => `${s}’s mean cost per week in the rational chain`),
  { key: 'chainCost', label: 'total cost of a chain per week (four stages), the calibrator’s chains', final: true },
  { key: 'chainCostRational', label: 'total cost of the rational chain per week (beside bounded stages it shares their policy)', final: true },
  { key: 'chainCostBaseStock', label: 'total cost per week of the base-stock chain (order-up-to heuristic) on the rational chain’s demand', final: true },
  { key: 'adjustment', label: 'mean |q_k - o_k| (units) of the calibrator’s stages: how far orders depart from the incoming order' },
];

/** The theory lines: the pass-through bullwhip ratio 1 and the mean demand. */
export function supplyChainReferences(p: { demandMean: number }): ReferenceLine[] {
  return [
    { id: 'passThrough', label: 'pass-through (orders = demand): variance ratio 1', value: 1 },
    { id: 'meanDemand', label: 'mean demand m', value: p.demandMean },
  ];
}

/** Cost histogram: COST_BINS bins of COST_WIDTH (cost per week) from 0, the last taking what lies above. */
export const COST_BINS = 20;
export const COST_WIDTH = 4;
export const costHistogram = (values: ArrayLike<number>) => histogramShares(values, 0, COST_WIDTH, COST_BINS);

/** Order histogram: ORDER_BINS bins of ORDER_WIDTH units from 0. */
export const ORDER_BINS = 30;
export const ORDER_WIDTH = 2;
export const orderHistogram = (values: ArrayLike<number>) => histogramShares(values, 0, ORDER_WIDTH, ORDER_BINS);

/**
 * Bullwhip ratios of chains [from, to) over the episode's first T weeks, per stage: the sum over
 * those chains of the sample variance of q_k,t over the sum of that of D_t (pooling chains this
 * way weighs each by its demand's variance, and a single chain gives its own ratio). NaN where
 * demand did not vary. `orders[(t * copies + e) * STAGES + k]`, `demand[t * copies + e]`.
 */
export function bullwhipRatios(orders: Float64Array, demand: Float64Array, copies: number, from: number, to: number, T: number): Float64Array {
  const out = new Float64Array(STAGES);
  let demandVar = 0;
  const q = new Float64Array(T);
  for (let e = from; e < to; e++) {
    for (let t = 0; t < T; t++) q[t] = demand[t * copies + e];
    demandVar += sampleStd(q) ** 2;
    for (let k = 0; k < STAGES; k++) {
      for (let t = 0; t < T; t++) q[t] = orders[(t * copies + e) * STAGES + k];
      out[k] += sampleStd(q) ** 2;
    }
  }
  for (let k = 0; k < STAGES; k++) out[k] = demandVar > 0 ? out[k] / demandVar : NaN;
  return out;
}

/** Mean per stage of per-agent values (copy-major, STAGES per copy) over copies [from, to). */
export function stageMeans(values: ArrayLike<number>, from: number, to: number): Float64Array {
  const out = new Float64Array(STAGES);
  for (let k = 0; k < STAGES; k++) out[k] = mean(Array.from({ length: to - from }, (_, j) => values[(from + j) * STAGES + k]));
  return out;
}
