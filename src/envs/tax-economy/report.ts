/**
 * The tax economy's figures per episode: behaviour, prices and welfare in the government's
 * economies against the free market and the flat tax, and the inequality of wealth and income
 * (Gini, Lorenz curves). Keys are a contract with the charts (README).
 */
import type { MetricSpec } from '../../engine/experiment';
import { gini, histogramShares, lorenz, mean } from '../../engine/metrics';
import { THETA_DIM, THETA_NAMES } from './config';

/** Sums over an episode's steps, per copy (household means are taken per step). */
export interface EpisodeTotals {
  steps: number;
  hours: Float64Array;
  savings: Float64Array;
  utility: Float64Array;
  wage: Float64Array;
  interest: Float64Array;
  revenue: Float64Array;
}

/** What the summary reads from the environment. */
interface EconomyState {
  agents: number;
  leaderCopies: number;
  freeMarketCopy: number;
  flatTaxCopy: number;
  theta: Float32Array;
  assets: Float64Array;
  income: Float64Array;
}

/** Points on each Lorenz curve (population shares 0, 0.05, ..., 1). */
export const LORENZ_POINTS = 21;
/**
 * Histograms of wealth and income over log10 x: bins of LOG_BIN_WIDTH from LOG_LO (0.001) to
 * 100; the end bins take what falls outside (the first also x <= 0).
 */
export const LOG_LO = -3;
export const LOG_BIN_WIDTH = 0.25;
export const LOG_BINS = 20;

const logHistogram = (sorted: Float64Array) => histogramShares(Array.from(sorted, (x) => (x > 0 ? Math.log10(x) : -Infinity)), LOG_LO, LOG_BIN_WIDTH, LOG_BINS);

/** The environment's figures per iteration (means over the government's economies unless named). */
export const TAX_ECONOMY_METRICS: MetricSpec[] = [
  { key: 'tauI', label: 'tau_i: income tax level', final: true },
  { key: 'xiI', label: 'xi_i: income tax progressivity', final: true },
  { key: 'tauA', label: 'tau_a: asset tax level', final: true },
  { key: 'xiA', label: 'xi_a: asset tax progressivity', final: true },
  { key: 'hours', label: 'mean work hours h (0 to 1)', final: true },
  { key: 'savings', label: 'mean savings ratio p (0 to 1)', final: true },
  { key: 'wage', label: 'wage W per unit of effective labour', final: true },
  { key: 'interest', label: 'return on capital r per step' },
  { key: 'revenue', label: 'tax revenue per household and step (returned as the transfer)' },
  { key: 'welfareGov', label: 'social welfare: mean household utility per step, under the government', final: true },
  { key: 'welfareGovMin', label: "social welfare under the government, lowest of its economies (and of the seeds run side by side)" },
  { key: 'welfareGovMax', label: "social welfare under the government, highest of its economies (and of the seeds run side by side)" },
  { key: 'welfareFree', label: 'social welfare in the free market (no taxes)', final: true },
  { key: 'welfareFlat', label: 'social welfare under the flat income tax', final: true },
  { key: 'welfareBestFlat', label: 'social welfare at the best flat income tax of a grid 0 to 0.9, households frozen (evaluation mode only)', final: true },
  { key: 'bestFlatRate', label: 'that best flat income tax rate (evaluation mode only)', final: true },
  { key: 'welfareGovOverBestFlat', label: "social welfare under the government minus at the best flat income tax (evaluation mode only)", final: true },
  { key: 'giniWealth', label: 'Gini of wealth a at the episode end, under the government', final: true },
  { key: 'giniWealthFree', label: 'Gini of wealth a in the free market', final: true },
  { key: 'giniIncome', label: 'Gini of pre-tax income i in the last step, under the government' },
  { key: 'giniIncomeFree', label: 'Gini of pre-tax income i in the free market' },
];

/** Figures of evaluation mode alone (evaluate.ts, bestFlatFigures): undefined (NaN) in a training iteration. */
export const EVALUATION_ONLY = ['welfareBestFlat', 'bestFlatRate', 'welfareGovOverBestFlat'];

export function summarise(env: EconomyState, totals: EpisodeTotals): { metrics: Record<string, number>; snapshots: Record<string, Float32Array> } {
  const { agents: N, leaderCopies: G } = env;
  const perStep = (x: Float64Array, e: number) => x[e] / (totals.steps * N);
  const government = (x: Float64Array) => mean(Array.from({ length: G }, (_, e) => perStep(x, e)));
  const sortedOf = (x: Float64Array, copies: number[]) => Float64Array.from(copies.flatMap((e) => Array.from(x.subarray(e * N, (e + 1) * N)))).sort();
  const govCopies = Array.from({ length: G }, (_, e) => e);
  const wealth = sortedOf(env.assets, govCopies);
  const wealthFree = sortedOf(env.assets, [env.freeMarketCopy]);
  const income = sortedOf(env.income, govCopies);
  const incomeFree = sortedOf(env.income, [env.freeMarketCopy]);
  const theta = Object.fromEntries(THETA_NAMES.map((name, k) => [name, mean(Array.from({ length: G }, (_, e) => env.theta[e * THETA_DIM + k]))]));
  return {
    metrics: {
      ...theta,
      hours: government(totals.hours),
      savings: government(totals.savings),
      wage: mean(totals.wage.subarray(0, G)) / totals.steps,
      interest: mean(totals.interest.subarray(0, G)) / totals.steps,
      revenue: mean(totals.revenue.subarray(0, G)) / totals.steps,
      welfareGov: government(totals.utility),
      welfareGovMin: Math.min(...govCopies.map((e) => perStep(totals.utility, e))),
      welfareGovMax: Math.max(...govCopies.map((e) => perStep(totals.utility, e))),
      welfareFree: perStep(totals.utility, env.freeMarketCopy),
      welfareFlat: perStep(totals.utility, env.flatTaxCopy),
      giniWealth: gini(wealth),
      giniWealthFree: gini(wealthFree),
      giniIncome: gini(income),
      giniIncomeFree: gini(incomeFree),
      ...Object.fromEntries(EVALUATION_ONLY.map((key) => [key, NaN])),
    },
    snapshots: {
      lorenzWealth: lorenz(wealth, LORENZ_POINTS),
      lorenzWealthFree: lorenz(wealthFree, LORENZ_POINTS),
      lorenzIncome: lorenz(income, LORENZ_POINTS),
      lorenzIncomeFree: lorenz(incomeFree, LORENZ_POINTS),
      histWealth: logHistogram(wealth),
      histWealthFree: logHistogram(wealthFree),
      histIncome: logHistogram(income),
      histIncomeFree: logHistogram(incomeFree),
    },
  };
}
