/**
 * What each environment shows: its charts (over iterations, over the latest snapshot, or a
 * histogram) and the headline figures under the progress bar, keyed by the metric and snapshot
 * names its engine reports (see envs/registry.ts).
 */
import type { EnvId } from '../../scenario/schema';
import { PALETTE } from './palette';

export interface SeriesSpec {
  key: string;
  name: string;
  color: string;
  dashed?: boolean;
  /** Drawn but not listed in the legend (the second edge of a band). */
  unlisted?: boolean;
}

/** A mean drawn with a band of ± one std (both metric keys). */
export interface BandSpec {
  mean: string;
  std: string;
  name: string;
  color: string;
}

interface ChartBase {
  testId: string;
  title: string;
  caption: string;
  yLabel: string;
}

interface WithReferences {
  /** Which of the environment's reference lines to draw (indices into its list). */
  refs?: number[];
}

/** Metrics per iteration. */
export interface IterationChart extends ChartBase, WithReferences {
  kind: 'iterations';
  series: SeriesSpec[];
  bands?: BandSpec[];
  yFromZero?: boolean;
}

/** Snapshot arrays as lines against their index + 1 (e.g. the steps of the latest episode). */
export interface SnapshotChart extends ChartBase, WithReferences {
  kind: 'snapshot';
  series: SeriesSpec[];
  xLabel: string;
}

/**
 * Snapshot arrays as bars over equal bins of [lo, hi] (histograms): stacked when the groups
 * partition one population, side by side when they are two distributions to compare.
 */
export interface HistogramChart extends ChartBase {
  kind: 'histogram';
  groups: SeriesSpec[];
  xLabel: string;
  range: [number, number];
  stacked: boolean;
}

/** A figure of the simulation against the same figure of the target, and when they match. */
export interface MomentSpec {
  label: string;
  sim: string;
  target: string;
  /** Matched when |simulated - target| is at most this (given the target's std). */
  tolerance: (targetStd: number) => number;
  toleranceText: string;
}

/** Simulated against target moments, each marked matched or not. */
export interface MomentsTable extends ChartBase {
  kind: 'moments';
  moments: MomentSpec[];
  /** The metric holding the target's std, for relative tolerances. */
  targetStd: string;
}

/** Distribution errors of several simulators against the target, beside a paper's figures. */
export interface ErrorsTable extends ChartBase {
  kind: 'errors';
  rows: { label: string; mae: string; rmse: string; paperMae: number; paperRmse: number }[];
}

export type ChartSpec = IterationChart | SnapshotChart | HistogramChart | MomentsTable | ErrorsTable;

/** Tables summarise this many recent iterations: one episode's moments are noisy. */
export const TABLE_WINDOW = 10;

export interface HeadlineSpec {
  key: string;
  label: string;
  digits: number;
  /** A reference line to show beside the value (index into the environment's list). */
  ref?: number;
}

export interface EnvView {
  charts: ChartSpec[];
  headline: HeadlineSpec[];
}

const entrance: EnvView = {
  charts: [
    {
      kind: 'iterations',
      testId: 'chart-attendance',
      title: 'Attendance',
      caption: 'mean number of traders entering per step, averaged over markets',
      yLabel: 'D (traders)',
      series: [{ key: 'attendance', name: 'mean attendance D', color: PALETTE.blue }],
      refs: [0, 1],
    },
    {
      kind: 'iterations',
      testId: 'chart-volatility',
      title: 'Volatility',
      caption: "std of D over each episode (sample std), mean over markets; the leader's objective when reducing volatility",
      yLabel: 'std(D) (traders)',
      series: [{ key: 'volatility', name: 'std(D)', color: PALETTE.vermillion }],
    },
    {
      kind: 'iterations',
      testId: 'chart-tax',
      title: 'Tax path τ',
      caption: "the leader's tax, mean over markets (band: ± std across markets)",
      yLabel: 'τ (share of r*)',
      series: [],
      bands: [{ mean: 'theta', std: 'thetaStd', name: 'mean τ', color: PALETTE.green }],
      yFromZero: true,
    },
    {
      kind: 'iterations',
      testId: 'chart-welfare',
      title: 'Welfare',
      caption: 'mean trader reward per step after tax (β = 1 for staying out)',
      yLabel: 'reward per step',
      series: [{ key: 'welfare', name: 'mean reward', color: PALETTE.purple }],
    },
    {
      kind: 'snapshot',
      testId: 'chart-episode',
      title: 'Latest episode',
      caption: 'attendance D_t step by step in market 1 during the most recent episode',
      yLabel: 'D_t (traders)',
      series: [{ key: 'episode', name: 'D_t', color: PALETTE.blue }],
      xLabel: 'step t',
      refs: [0],
    },
    {
      kind: 'iterations',
      testId: 'chart-learning',
      title: 'Learning diagnostics',
      caption: "followers' PPO: policy entropy (nats) and value loss",
      yLabel: 'value',
      series: [
        { key: 'entropy', name: 'entropy', color: PALETTE.orange },
        { key: 'valueLoss', name: 'value loss', color: PALETTE.sky },
      ],
    },
  ],
  headline: [
    { key: 'attendance', label: 'attendance D', digits: 2, ref: 0 },
    { key: 'volatility', label: 'std(D)', digits: 2 },
    { key: 'theta', label: 'τ', digits: 3 },
    { key: 'welfare', label: 'welfare', digits: 2 },
  ],
};

const G1 = PALETTE.blue;
const G2 = PALETTE.orange;

const entranceDiff: EnvView = {
  charts: [
    {
      kind: 'iterations',
      testId: 'chart-attendance',
      title: 'Attendance',
      caption: 'mean attendance probability over all agents and runs',
      yLabel: 'a (probability)',
      series: [{ key: 'attendance', name: 'mean a', color: PALETTE.black }],
      refs: [0, 1],
      yFromZero: true,
    },
    {
      kind: 'histogram',
      testId: 'chart-strategies',
      title: 'Strategies now',
      caption: 'share of all agents (every run) by attendance probability a_i, by group',
      yLabel: 'share of agents',
      xLabel: 'a_i',
      range: [0, 1],
      stacked: true,
      groups: [
        { key: 'histG1', name: 'G1 (from the start)', color: G1 },
        { key: 'histG2', name: 'G2 (late)', color: G2 },
      ],
    },
    {
      kind: 'iterations',
      testId: 'chart-groups',
      title: 'Attendance by group',
      caption: 'mean attendance probability of each group; G2 is held at 0 until ι_G2',
      yLabel: 'a (probability)',
      series: [
        { key: 'attendanceG1', name: 'G1 (from the start)', color: G1 },
        { key: 'attendanceG2', name: 'G2 (late)', color: G2 },
      ],
      yFromZero: true,
    },
    {
      kind: 'iterations',
      testId: 'chart-fairness',
      title: 'Fairness',
      caption: 'Gini coefficient of cumulative returns (0 = everyone equal), mean over runs (band: ± std across runs)',
      yLabel: 'Gini',
      series: [],
      bands: [{ mean: 'gini', std: 'giniStd', name: 'Gini', color: PALETTE.vermillion }],
      yFromZero: true,
    },
    {
      kind: 'iterations',
      testId: 'chart-tax',
      title: 'Tax path τ',
      caption: "the over-use tax, mean over runs (band: ± std across runs)",
      yLabel: 'τ',
      series: [],
      bands: [{ mean: 'tau', std: 'tauStd', name: 'mean τ', color: PALETTE.green }],
      yFromZero: true,
    },
    {
      kind: 'iterations',
      testId: 'chart-taxes-paid',
      title: 'Taxes paid',
      caption: 'tax paid per agent and iteration, a_i τ max(a_i − m, 0), mean over each group',
      yLabel: 'tax',
      series: [
        { key: 'taxG1', name: 'G1', color: G1 },
        { key: 'taxG2', name: 'G2', color: G2 },
      ],
      yFromZero: true,
    },
  ],
  headline: [
    { key: 'attendance', label: 'mean a', digits: 3, ref: 0 },
    { key: 'gap', label: 'gap G1 − G2', digits: 3 },
    { key: 'tau', label: 'τ', digits: 4 },
    { key: 'gini', label: 'Gini', digits: 3 },
  ],
};

/** Moment tolerances: location and spread relative to the target's std, shape in absolute terms. */
const relative = (k: number) => (targetStd: number) => k * targetStd;
const absolute = (k: number) => () => k;

const cobweb: EnvView = {
  charts: [
    {
      kind: 'snapshot',
      testId: 'chart-prices',
      title: 'Prices',
      caption: 'the latest episode of the first calibrated market against the target (a target market, or a stretch of the data)',
      yLabel: 'price p_t',
      xLabel: 'step t',
      series: [
        { key: 'prices', name: 'simulated', color: PALETTE.blue },
        { key: 'targetPrices', name: 'target', color: PALETTE.black, dashed: true },
      ],
      refs: [0],
    },
    {
      kind: 'histogram',
      testId: 'chart-price-histogram',
      title: 'Price distribution',
      caption: "share of prices per bin: the calibrated markets' latest episode against the target",
      yLabel: 'share of prices',
      xLabel: 'price',
      range: [0, 10],
      stacked: false,
      groups: [
        { key: 'histSim', name: 'simulated', color: PALETTE.blue },
        { key: 'histTarget', name: 'target', color: PALETTE.orange },
      ],
    },
    {
      kind: 'iterations',
      testId: 'chart-calibration',
      title: 'Calibrated parameters',
      caption: "the calibrator's mu and sigma of lambda_i ~ N(mu, sigma) truncated at 0 (mean over its markets), and the mean lambda drawn",
      yLabel: 'λ (KL weight)',
      series: [
        { key: 'mu', name: 'μ', color: PALETTE.blue },
        { key: 'sigma', name: 'σ', color: PALETTE.orange },
        { key: 'lambdaMean', name: 'mean λ_i drawn', color: PALETTE.green, dashed: true },
      ],
      refs: [1, 2],
      yFromZero: true,
    },
    {
      kind: 'snapshot',
      testId: 'chart-predictions',
      title: 'Predictions and prices',
      caption: "the producers' mean prediction p̂ and the realised price, step by step, in the first calibrated market",
      yLabel: 'price',
      xLabel: 'step t',
      series: [
        { key: 'predictions', name: 'mean prediction p̂', color: PALETTE.purple },
        { key: 'prices', name: 'realised price p_t', color: PALETTE.blue },
      ],
      refs: [0],
    },
    {
      kind: 'iterations',
      testId: 'chart-distance',
      title: 'Distance to the target',
      caption: "1-Wasserstein distance of the calibrated markets' prices to the target (the calibrator's loss), and the quantile MAE of each simulator",
      yLabel: 'price units',
      series: [
        { key: 'w1', name: 'W1 calibrated', color: PALETTE.blue },
        { key: 'maeCalibrated', name: 'MAE calibrated', color: PALETTE.sky },
        { key: 'maeRational', name: 'MAE rational (λ = 0)', color: PALETTE.vermillion },
        { key: 'maeRe', name: 'MAE RE equilibrium', color: PALETTE.black, dashed: true },
      ],
      yFromZero: true,
    },
    {
      kind: 'moments',
      testId: 'table-moments',
      title: 'Moments',
      caption: `target against the calibrated markets, mean of the last ${TABLE_WINDOW} iterations: many settings can match the same moments, and some never match`,
      yLabel: '',
      targetStd: 'targetStd',
      moments: [
        { label: 'mean', sim: 'priceMean', target: 'targetMean', tolerance: relative(0.1), toleranceText: '± 0.1 target std' },
        { label: 'std', sim: 'priceStd', target: 'targetStd', tolerance: relative(0.1), toleranceText: '± 0.1 target std' },
        { label: 'lag-1 autocorrelation', sim: 'priceAcf1', target: 'targetAcf1', tolerance: absolute(0.1), toleranceText: '± 0.1' },
        { label: 'skewness', sim: 'priceSkew', target: 'targetSkew', tolerance: absolute(0.3), toleranceText: '± 0.3' },
        { label: 'excess kurtosis', sim: 'priceKurt', target: 'targetKurt', tolerance: absolute(0.5), toleranceText: '± 0.5' },
      ],
    },
    {
      kind: 'errors',
      testId: 'table-errors',
      title: 'Distribution errors (the paper’s Table 1)',
      caption: `MAE and RMSE between quantiles (1% to 99%) of each simulator's prices and the target's, mean of the last ${TABLE_WINDOW} iterations`,
      yLabel: '',
      rows: [
        { label: 'RE equilibrium (p* + noise)', mae: 'maeRe', rmse: 'rmseRe', paperMae: 0.01, paperRmse: 0.017 },
        { label: 'rational simulator (λ = 0)', mae: 'maeRational', rmse: 'rmseRational', paperMae: 0.013, paperRmse: 0.026 },
        { label: 'calibrated simulator', mae: 'maeCalibrated', rmse: 'rmseCalibrated', paperMae: 0.005, paperRmse: 0.007 },
      ],
    },
  ],
  headline: [
    { key: 'w1', label: 'distance W1', digits: 3 },
    { key: 'mu', label: 'μ', digits: 3 },
    { key: 'sigma', label: 'σ', digits: 3 },
    { key: 'maeCalibrated', label: 'MAE calibrated', digits: 3 },
  ],
};

export const ENV_VIEWS: Record<EnvId, EnvView> = {
  'entrance-tobin': entrance,
  'entrance-diff': entranceDiff,
  cobweb,
};
