/**
 * What each environment shows: its charts (over iterations, over the latest snapshot, or a
 * histogram) and the headline figures under the progress bar, keyed by the metric and snapshot
 * names its engine reports (see envs/registry.ts).
 */
import { TABLE1 } from '../../envs/cobweb/paper';
import { predictionLevel } from '../../envs/cobweb/model';
import { LEVELS, parseList } from '../../envs/market-maker/config';
import { EVAL_EVERY } from '../../envs/market-maker/config';
import { adjustment, STAGE_NAMES } from '../../envs/supply-chain/model';
import { COST_BINS, COST_WIDTH, ORDER_BINS, ORDER_WIDTH } from '../../envs/supply-chain/report';
import { hsvTax } from '../../envs/tax-economy/model';
import { LOG_BIN_WIDTH, LOG_BINS, LOG_LO } from '../../envs/tax-economy/report';
import type { EnvId, Scenario } from '../../scenario/schema';
import { PALETTE } from '../../envs/view/palette';

export interface SeriesSpec {
  key: string;
  name: string;
  color: string;
  dashed?: boolean;
  /** The stroke's dash pattern (SVG stroke-dasharray) where it is not the usual dashed one (a baseline's line). */
  dash?: string;
  /** Drawn but not listed in the legend (the second edge of a band). */
  unlisted?: boolean;
  /** A metric whose latest value the legend shows beside the name (a Lorenz curve's Gini). */
  figure?: { key: string; label: string };
  /**
   * Points drawn, not only a line: 'dots' on the line, open where the row is extrapolated (see
   * SnapshotChart.extrapolated); 'markers' alone, with no line (a baseline at each of its x).
   */
  points?: 'dots' | 'markers';
}

/** Markers (see SeriesSpec.points) from one snapshot array, each at the x in another (a baseline at its own omega). */
export type MarkerSpec = Omit<SeriesSpec, 'points'> & { x: string };

/**
 * A mean drawn between two edges (metric keys): ± one std, or the lowest and highest of the
 * copies it is the mean of.
 */
export type BandSpec = { mean: string; name: string; color: string; points?: 'dots' } & ({ std: string } | { lo: string; hi: string });

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
  /** The points spread evenly over [lo, hi] (a Lorenz curve's population shares) instead of at steps 1, 2, ... */
  xRange?: [number, number];
  /** Each point's x read from this snapshot array (the preferences evaluated) instead of steps or xRange. */
  xKey?: string;
  /** Means between edges, as on an iteration chart, but snapshot arrays (± std across the markets played). */
  bands?: BandSpec[];
  /** Dots without a line at their own x (baselines); an x the other series lack adds a point. */
  markers?: MarkerSpec[];
  /** Which points a 'dots' series draws open: those outside what was trained on (extrapolation). */
  extrapolated?: (x: number, scenario: Scenario) => boolean;
  yFromZero?: boolean;
  /** The line y = x drawn with the series (a Lorenz curve's perfect equality). */
  diagonal?: { name: string; color: string };
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
  /** range and bins are in log10 x (wealth over decades); the bins are labelled by x itself (0.01, 0.1, 1 ...). */
  log10?: boolean;
}

/** What a computed curve reads: the latest iteration's metrics, and the scenario (its fields that stay put during a run). */
export interface CurveInputs {
  latest: (key: string) => number;
  scenario: Scenario;
}

export interface CurveSpec extends SeriesSpec {
  y: (x: number, inputs: CurveInputs) => number;
}

/**
 * Functions of x computed from the latest figures (a tax schedule at the government's current
 * theta), sampled at `points` evenly spaced x in (lo, hi]; the axis spans [lo, hi].
 */
export interface CurvesChart extends ChartBase {
  kind: 'curves';
  xLabel: string;
  range: [number, number];
  points: number;
  curves: CurveSpec[];
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
  rows: { label: string; mae: string; rmse: string; paper?: { mae: number; rmse: number } }[];
}

export type ChartSpec = IterationChart | SnapshotChart | HistogramChart | CurvesChart | MomentsTable | ErrorsTable;

/** Tables summarise this many recent iterations: one episode's moments are noisy. */
export const TABLE_WINDOW = 10;

export interface HeadlineSpec {
  key: string;
  label: string;
  digits: number;
  /** A reference line to show beside the value (index into the environment's list). */
  ref?: number;
  /** Another metric to show beside the value (the same figure in the free market). */
  vs?: { key: string; label: string };
}

/**
 * The Lucas-critique probe (SimApi.probe): theta's live fields on sliders, what the followers'
 * actions are called, and the outcome figures (with units) shown for both sides.
 */
export interface TrialSpec {
  /** theta's fields, in theta's order. */
  fields: string[];
  /** theta's symbols in the same order, for "acts as if θ = ...". */
  symbols: string[];
  /** Action k (discrete) or action dimension k (continuous), in words. */
  action: (k: number, s: Scenario) => string;
  /** The outcomes, for both the adaptive followers and the fixed rule. */
  headline: HeadlineSpec[];
  /** testIds of charts in the environment's list drawn for the adaptive followers' episode. */
  charts?: string[];
}

/** The entrance games' probe: tau on a slider, two actions (stay out, enter), these outcomes. */
const tauProbe = (headline: HeadlineSpec[]): TrialSpec => ({ fields: ['tau'], symbols: ['τ'], action: (k) => (k === 1 ? 'enter' : 'stay out'), headline });

export interface EnvView {
  charts: ChartSpec[];
  headline: HeadlineSpec[];
  trial?: TrialSpec;
}

/** The PPO followers' entropy and value loss, under whatever name the environment gives them ("households'"). */
const learningChart = (whose: string): IterationChart => ({
  kind: 'iterations',
  testId: 'chart-learning',
  title: 'Learning diagnostics',
  caption: `${whose} PPO: policy entropy (nats) and value loss`,
  yLabel: 'value',
  series: [
    { key: 'entropy', name: 'entropy', color: PALETTE.orange },
    { key: 'valueLoss', name: 'value loss', color: PALETTE.sky },
  ],
});

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
    learningChart("followers'"),
  ],
  headline: [
    { key: 'attendance', label: 'attendance D', digits: 2, ref: 0 },
    { key: 'volatility', label: 'std(D)', digits: 2 },
    { key: 'theta', label: 'τ', digits: 3 },
    { key: 'welfare', label: 'welfare', digits: 2 },
  ],
  trial: tauProbe([
    { key: 'attendance', label: 'attendance D (traders)', digits: 2 },
    { key: 'volatility', label: 'std(D) (traders)', digits: 3 },
    { key: 'welfare', label: 'welfare (reward per step, after tax)', digits: 4 },
  ]),
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
  trial: tauProbe([
    { key: 'gap', label: 'gap G1 − G2 (probability)', digits: 4 },
    { key: 'taxG1', label: 'tax per G1 agent (payoff per iteration)', digits: 4 },
    { key: 'welfare', label: 'welfare (payoff per iteration, after tax)', digits: 4 },
    { key: 'gini', label: 'Gini of returns', digits: 4 },
  ]),
};

/** Moment tolerances: location and spread relative to the target's std, shape in absolute terms. */
const relative = (k: number) => (targetStd: number) => k * targetStd;
const absolute = (k: number) => () => k;

/** What a calibration's charts call its series, copies and agents (the engine's SeriesNames, in the charts' words). */
interface CalibrationWords {
  /** The figures' key prefix: 'price' for priceMean, priceStd, ... */
  key: string;
  /** The series in a sentence: 'prices'. */
  plural: string;
  unit: string;
  /** The copies: 'markets', 'chains'. */
  copies: string;
}

/** The calibrator's (mu, sigma) and the mean lambda_i it drew, over iterations. */
const calibrationParameters = (w: CalibrationWords): IterationChart => ({
  kind: 'iterations',
  testId: 'chart-calibration',
  title: 'Calibrated parameters',
  caption: `the calibrator's mu and sigma of lambda_i ~ N(mu, sigma) truncated at 0 (mean over its ${w.copies}), and the mean lambda drawn`,
  yLabel: 'λ (KL weight)',
  series: [
    { key: 'mu', name: 'μ', color: PALETTE.blue },
    { key: 'sigma', name: 'σ', color: PALETTE.orange },
    { key: 'lambdaMean', name: 'mean λ_i drawn', color: PALETTE.green, dashed: true },
  ],
  yFromZero: true,
});

/** The calibrator's loss and each simulator's quantile error, over iterations; `reference` an analytic one's error key and name. */
const calibrationDistance = (w: CalibrationWords, reference?: { mae: string; name: string }): IterationChart => ({
  kind: 'iterations',
  testId: 'chart-distance',
  title: 'Distance to the target',
  caption: `1-Wasserstein distance of the calibrated ${w.copies}' ${w.plural} to the target (the calibrator's loss), and the quantile MAE of each simulator`,
  yLabel: w.unit,
  series: [
    { key: 'w1', name: 'W1 calibrated', color: PALETTE.blue },
    { key: 'maeCalibrated', name: 'MAE calibrated', color: PALETTE.sky },
    { key: 'maeRational', name: 'MAE rational (λ = 0)', color: PALETTE.vermillion },
    ...(reference ? [{ key: reference.mae, name: reference.name, color: PALETTE.black, dashed: true }] : []),
  ],
  yFromZero: true,
});

/**
 * The moments table and the quantile-error table (the paper's Table 1 where there is one):
 * `reference` is an analytic simulator's row, `paper` Table 1's figures per row key.
 */
const calibrationTables = (w: CalibrationWords, reference?: { label: string; key: string }, paper?: Record<'reference' | 'Rational' | 'Calibrated', { mae: number; rmse: number }>): ChartSpec[] => [
  {
    kind: 'moments',
    testId: 'table-moments',
    title: 'Moments',
    caption: `target against the calibrated ${w.copies}, mean of the last ${TABLE_WINDOW} iterations: many settings can match the same moments, and some never match`,
    yLabel: '',
    targetStd: 'targetStd',
    moments: [
      { label: 'mean', sim: `${w.key}Mean`, target: 'targetMean', tolerance: relative(0.1), toleranceText: '± 0.1 target std' },
      { label: 'std', sim: `${w.key}Std`, target: 'targetStd', tolerance: relative(0.1), toleranceText: '± 0.1 target std' },
      { label: 'lag-1 autocorrelation', sim: `${w.key}Acf1`, target: 'targetAcf1', tolerance: absolute(0.1), toleranceText: '± 0.1' },
      { label: 'skewness', sim: `${w.key}Skew`, target: 'targetSkew', tolerance: absolute(0.3), toleranceText: '± 0.3' },
      { label: 'excess kurtosis', sim: `${w.key}Kurt`, target: 'targetKurt', tolerance: absolute(0.5), toleranceText: '± 0.5' },
    ],
  },
  {
    kind: 'errors',
    testId: 'table-errors',
    title: paper ? 'Distribution errors (the paper’s Table 1)' : 'Distribution errors',
    caption: `MAE and RMSE between quantiles (1% to 99%) of each simulator's ${w.plural} and the target's, mean of the last ${TABLE_WINDOW} iterations`,
    yLabel: '',
    rows: [
      ...(reference ? [{ label: reference.label, mae: `mae${reference.key}`, rmse: `rmse${reference.key}`, paper: paper?.reference }] : []),
      { label: 'rational simulator (λ = 0)', mae: 'maeRational', rmse: 'rmseRational', paper: paper?.Rational },
      { label: 'calibrated simulator', mae: 'maeCalibrated', rmse: 'rmseCalibrated', paper: paper?.Calibrated },
    ],
  },
];

const PRICE_WORDS: CalibrationWords = { key: 'price', plural: 'prices', unit: 'price units', copies: 'markets' };

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
    { ...calibrationParameters(PRICE_WORDS), refs: [1, 2] },
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
    calibrationDistance(PRICE_WORDS, { mae: 'maeRe', name: 'MAE RE equilibrium' }),
    ...calibrationTables(PRICE_WORDS, { label: 'RE equilibrium (p* + noise)', key: 'Re' }, { reference: TABLE1.re, Rational: TABLE1.rational, Calibrated: TABLE1.calibrated }),
  ],
  headline: [
    { key: 'w1', label: 'distance W1', digits: 3 },
    { key: 'mu', label: 'μ', digits: 3 },
    { key: 'sigma', label: 'σ', digits: 3 },
    { key: 'maeCalibrated', label: 'MAE calibrated', digits: 3 },
  ],
  trial: {
    fields: ['mu', 'sigma'],
    symbols: ['μ', 'σ'],
    action: (k) => `p̂ = ${predictionLevel(k)}`,
    headline: [
      { key: 'lambdaMean', label: 'mean λ_i', digits: 3 },
      { key: 'priceStd', label: 'price std', digits: 3 },
      { key: 'predictionError', label: 'mean |p̂ − p|', digits: 3 },
      { key: 'welfare', label: 'producer reward per step (0 to 1300)', digits: 1 },
    ],
  },
};

/** The Cournot view's colours: the calibrator's firms, the rational market, the Nash reference. */
const CALIBRATED = PALETTE.blue;
const RATIONAL = PALETTE.vermillion;

const cournot: EnvView = {
  charts: [
    {
      kind: 'snapshot',
      testId: 'chart-quantities',
      title: 'Quantities per firm',
      caption: 'quantity q_i,t step by step in the latest episode: the first calibrated market’s firms with the smallest and the largest λ_i and its mean, and the rational market’s mean (λ = 0); the dashed line is the Nash quantity q*',
      yLabel: 'quantity q (units per step)',
      xLabel: 'step t',
      series: [
        { key: 'qLowLambda', name: 'firm with the smallest λ_i', color: PALETTE.green, points: 'dots' },
        { key: 'qHighLambda', name: 'firm with the largest λ_i', color: PALETTE.purple, dashed: true },
        { key: 'qMean', name: 'calibrated market mean', color: CALIBRATED },
        { key: 'qRational', name: 'rational market mean (λ = 0)', color: RATIONAL },
      ],
      refs: [0],
      yFromZero: true,
    },
    {
      kind: 'iterations',
      testId: 'chart-rational-vs-bounded',
      title: 'Rational, bounded-rational and Nash',
      caption: 'mean quantity per firm and step over iterations: the rational market (every λ_i = 0, perfectly rational PPO), the calibrator’s heterogeneous markets, and its firms split at the median λ_i; the dashed line is the Nash quantity q*',
      yLabel: 'quantity q (units per step)',
      series: [
        { key: 'quantityRational', name: 'rational (λ = 0)', color: RATIONAL },
        { key: 'quantityCalibrated', name: 'heterogeneous (calibrated)', color: CALIBRATED },
        { key: 'quantityLowLambda', name: 'smaller half of λ_i', color: PALETTE.green, dashed: true },
        { key: 'quantityHighLambda', name: 'larger half of λ_i', color: PALETTE.orange, dashed: true },
      ],
      refs: [0],
    },
    {
      kind: 'snapshot',
      testId: 'chart-skill',
      title: 'Quantity by skill',
      caption: 'each calibrated firm’s mean quantity over the latest episode against its λ_i (KL weight, profit / π* units): λ_i = 0 plays Nash, a large λ_i plays closer to uniform at random (mean q_max / 2)',
      yLabel: 'mean quantity q_i (units per step)',
      xLabel: 'λ_i',
      xKey: 'skillLambda',
      series: [{ key: 'skillQuantity', name: 'firm', color: CALIBRATED, points: 'markers' }],
      refs: [0],
    },
    {
      kind: 'iterations',
      testId: 'chart-profits',
      title: 'Profits',
      caption: 'mean profit q_i (P_t − c_i) per firm and step: rational market against the calibrator’s markets; the dashed line is the Nash profit π*',
      yLabel: 'profit (price × quantity units)',
      series: [
        { key: 'profitRational', name: 'rational (λ = 0)', color: RATIONAL },
        { key: 'profitCalibrated', name: 'heterogeneous (calibrated)', color: CALIBRATED },
      ],
      refs: [2],
    },
    {
      kind: 'histogram',
      testId: 'chart-profit-histogram',
      title: 'Profit distribution',
      caption: 'share of firm-steps per bin of profit / π* (π*: the Nash profit) in the latest episode; 1 is the Nash profit, the end bins take what falls outside [−1, 2]',
      yLabel: 'share of firm-steps',
      xLabel: 'profit / π*',
      range: [-1, 2],
      stacked: false,
      groups: [
        { key: 'histProfit', name: 'calibrated markets', color: CALIBRATED },
        { key: 'histProfitRational', name: 'rational market', color: RATIONAL },
      ],
    },
    {
      kind: 'snapshot',
      testId: 'chart-prices',
      title: 'Prices',
      caption: 'price P_t over the latest episode of the first calibrated market against the target (a target market, or a stretch of the data); the dashed line is the Nash price P*',
      yLabel: 'price P_t (price units)',
      xLabel: 'step t',
      series: [
        { key: 'prices', name: 'simulated', color: CALIBRATED },
        { key: 'targetPrices', name: 'target', color: PALETTE.black, dashed: true },
      ],
      refs: [1],
    },
    {
      kind: 'histogram',
      testId: 'chart-price-histogram',
      title: 'Price distribution',
      caption: "share of prices per bin of P / a (a: the demand intercept): the calibrated markets' latest episode against the target",
      yLabel: 'share of prices',
      xLabel: 'price P / a',
      range: [0, 1],
      stacked: false,
      groups: [
        { key: 'histSim', name: 'simulated', color: CALIBRATED },
        { key: 'histTarget', name: 'target', color: PALETTE.orange },
      ],
    },
    { ...calibrationParameters(PRICE_WORDS), refs: [3, 4] },
    calibrationDistance(PRICE_WORDS, { mae: 'maeNash', name: 'MAE Nash equilibrium' }),
    ...calibrationTables(PRICE_WORDS, { label: 'Nash equilibrium (P* + noise)', key: 'Nash' }),
    learningChart("firms'"),
  ],
  headline: [
    { key: 'w1', label: 'distance W1', digits: 3 },
    { key: 'mu', label: 'μ', digits: 3 },
    { key: 'sigma', label: 'σ', digits: 3 },
    { key: 'quantityRational', label: 'rational q', digits: 2, ref: 0 },
  ],
};

const ORDER_WORDS: CalibrationWords = { key: 'order', plural: 'factory orders', unit: 'units', copies: 'chains' };
/** Each stage's colour, retailer to factory, in every supply-chain chart. */
const STAGE_COLORS = [PALETTE.blue, PALETTE.orange, PALETTE.green, PALETTE.vermillion];
/** Retailer and wholesaler solid, distributor and factory dashed: neighbours in colour differ in dash for a colour-blind reader. */
const STAGE_DASHED = [false, false, true, true];
/** The calibrator's chains (heterogeneous lambda_i) against the rational chain (every lambda_i = 0). */
const HETEROGENEOUS = PALETTE.blue;
const STAGE_AXIS = 'stage: 1 retailer, 2 wholesaler, 3 distributor, 4 factory';

const supplyChain: EnvView = {
  charts: [
    {
      kind: 'snapshot',
      testId: 'chart-orders',
      title: 'Orders per stage',
      caption: 'orders q_k,t each stage placed upstream in the latest game of the first calibrated chain, with the customer demand D_t (units per week)',
      yLabel: 'units per week',
      xLabel: 'week t',
      series: [
        ...STAGE_NAMES.map((name, k) => ({ key: `orders${k}`, name, color: STAGE_COLORS[k], dashed: STAGE_DASHED[k] })),
        { key: 'demand', name: 'demand D_t', color: PALETTE.black, points: 'dots' as const },
      ],
      refs: [1],
    },
    {
      kind: 'snapshot',
      testId: 'chart-bullwhip',
      title: 'Bullwhip: order variance up the chain',
      caption: 'variance of each stage’s orders over the variance of demand in the latest game: the calibrator’s chains (heterogeneous λ_i) and the rational chain (λ = 0), against the pass-through policy (orders = demand, ratio 1)',
      yLabel: 'var(q_k) / var(D)',
      xLabel: STAGE_AXIS,
      series: [
        { key: 'bullwhip', name: 'heterogeneous λ_i', color: HETEROGENEOUS, points: 'dots' },
        { key: 'bullwhipRational', name: 'rational (λ = 0)', color: RATIONAL, points: 'dots', dashed: true },
        { key: 'passThrough', name: 'pass-through (analytic)', color: PALETTE.black, dashed: true },
      ],
      yFromZero: true,
    },
    {
      kind: 'iterations',
      testId: 'chart-factory-bullwhip',
      title: 'Factory bullwhip over training',
      caption: 'the factory’s order variance over the demand’s, per game: the calibrator’s chains, the rational chain, and the pass-through reference line at 1',
      yLabel: 'var(q_3) / var(D)',
      series: [
        { key: 'bullwhip3', name: 'heterogeneous λ_i', color: HETEROGENEOUS },
        { key: 'bullwhipRational3', name: 'rational (λ = 0)', color: RATIONAL, dashed: true },
      ],
      refs: [0],
      yFromZero: true,
    },
    {
      kind: 'iterations',
      testId: 'chart-chain-cost',
      title: 'Cost of the chain',
      caption: 'holding and backlog cost of the four stages per week (h I + p B summed over stages): the calibrator’s chains against the rational chain',
      yLabel: 'cost per week',
      series: [
        { key: 'chainCost', name: 'heterogeneous λ_i', color: HETEROGENEOUS },
        { key: 'chainCostRational', name: 'rational (λ = 0)', color: RATIONAL, dashed: true },
      ],
      yFromZero: true,
    },
    {
      kind: 'snapshot',
      testId: 'chart-skill',
      title: 'Orders by skill',
      caption: 'each stage of the calibrator’s chains in the latest game: its mean |a_k|, how far its orders depart from the order it received (units), against its λ_i; adjusting at random gives 40/9 = 4.4',
      yLabel: 'mean |a_k| (units)',
      xLabel: 'λ_i (KL weight)',
      xKey: 'skillLambda',
      series: [{ key: 'skillAdjustment', name: 'stage', color: PALETTE.purple, points: 'markers' }],
      yFromZero: true,
    },
    {
      kind: 'histogram',
      testId: 'chart-cost-histogram',
      title: 'Cost distribution',
      caption: 'share of stages by their mean cost per week in the latest game: the calibrator’s chains against the rational chain',
      yLabel: 'share of stages',
      xLabel: 'cost per week',
      range: [0, COST_BINS * COST_WIDTH],
      stacked: false,
      groups: [
        { key: 'histCost', name: 'heterogeneous λ_i', color: HETEROGENEOUS },
        { key: 'histCostRational', name: 'rational (λ = 0)', color: RATIONAL },
      ],
    },
    {
      kind: 'snapshot',
      testId: 'chart-factory-orders',
      title: 'Factory orders against the target',
      caption: 'the first calibrated chain’s factory orders in the latest game against the target (a target chain, or a stretch of the data), units per week',
      yLabel: 'q_3,t (units per week)',
      xLabel: 'week t',
      series: [
        { key: 'orders3', name: 'simulated', color: PALETTE.blue },
        { key: 'targetOrders', name: 'target', color: PALETTE.black, dashed: true },
      ],
      refs: [1],
    },
    {
      kind: 'histogram',
      testId: 'chart-order-histogram',
      title: 'Factory order distribution',
      caption: 'share of factory orders per bin of 2 units: the calibrated chains’ latest game against the target',
      yLabel: 'share of orders',
      xLabel: 'factory order (units per week)',
      range: [0, ORDER_BINS * ORDER_WIDTH],
      stacked: false,
      groups: [
        { key: 'histSim', name: 'simulated', color: PALETTE.blue },
        { key: 'histTarget', name: 'target', color: PALETTE.orange },
      ],
    },
    { ...calibrationParameters(ORDER_WORDS), refs: [2, 3] },
    calibrationDistance(ORDER_WORDS, { mae: 'maePassThrough', name: 'MAE pass-through' }),
    ...calibrationTables(ORDER_WORDS, { label: 'pass-through policy (orders = demand)', key: 'PassThrough' }),
    learningChart("the stages'"),
  ],
  headline: [
    { key: 'w1', label: 'distance W1', digits: 3 },
    { key: 'mu', label: 'μ', digits: 3 },
    { key: 'sigma', label: 'σ', digits: 3 },
    { key: 'bullwhip3', label: 'factory bullwhip', digits: 2, ref: 0, vs: { key: 'bullwhipRational3', label: 'rational' } },
    { key: 'chainCost', label: 'chain cost per week', digits: 1, vs: { key: 'chainCostRational', label: 'rational' } },
  ],
  trial: {
    fields: ['mu', 'sigma'],
    symbols: ['μ', 'σ'],
    action: (k) => `a = ${adjustment(k) > 0 ? '+' : ''}${adjustment(k)}`,
    headline: [
      { key: 'lambdaMean', label: 'mean λ_i', digits: 3 },
      { key: 'bullwhip3', label: 'factory bullwhip var(q_3) / var(D)', digits: 2 },
      { key: 'chainCost', label: 'chain cost per week', digits: 1 },
      { key: 'adjustment', label: 'mean |a_k| (units)', digits: 2 },
    ],
  },
};

/** The tax economy's three kinds of economy, the same colour in every chart. */
const GOV = PALETTE.blue;
const FREE = PALETTE.vermillion;
// Black, not green: green beside the government's blue is hard to tell apart for a tritanope.
const FLAT = PALETTE.black;
const INCOME = PALETTE.blue;
const ASSETS = PALETTE.orange;

/** The average rate T(x)/x of the HSV schedule, x > 0: tau when xi = 0, rising with x when xi > 0. */
const averageTaxRate = (x: number, tau: number, xi: number) => hsvTax(x, tau, xi) / x;
/** The government's schedule of one tax at the latest iteration's (tau, xi). */
const governmentRate = (tau: string, xi: string) => (x: number, { latest }: CurveInputs) => averageTaxRate(x, latest(tau), latest(xi));
/**
 * Schedules are drawn over the amounts households have (model units; mean initial assets 1):
 * incomes mostly below 2, assets spreading further (see the distributions).
 */
const INCOME_RANGE: [number, number] = [0, 5];
const ASSET_RANGE: [number, number] = [0, 10];
const SCHEDULE_POINTS = 100;
const LOG_RANGE: [number, number] = [LOG_LO, LOG_LO + LOG_BINS * LOG_BIN_WIDTH];

/** The learned policy's distribution of wealth or income against the free market's: histogram and Lorenz curve. */
function distributionCharts(what: 'wealth' | 'income', key: 'Wealth' | 'Income', measured: string): ChartSpec[] {
  const gini = (suffix: string) => ({ key: `gini${key}${suffix}`, label: 'Gini' });
  return [
    {
      kind: 'histogram',
      testId: `chart-${what}-histogram`,
      title: `${key} distribution`,
      caption: `share of households by ${measured}, government against free market (the end bins also hold what lies outside 0.001 to 100, zero and debt in the first)`,
      yLabel: 'share of households',
      xLabel: what,
      range: LOG_RANGE,
      log10: true,
      stacked: false,
      groups: [
        { key: `hist${key}`, name: 'government', color: GOV, figure: gini('') },
        { key: `hist${key}Free`, name: 'free market', color: FREE, figure: gini('Free') },
      ],
    },
    {
      kind: 'snapshot',
      testId: `chart-${what}-lorenz`,
      title: `Lorenz curve of ${what}`,
      caption: `share of all ${what} held by the poorest share of households (${measured}); the diagonal is perfect equality, Gini = twice the area between`,
      yLabel: `share of ${what}`,
      xLabel: 'share of households, poorest first',
      xRange: [0, 1],
      diagonal: { name: 'equality', color: PALETTE.black },
      series: [
        { key: `lorenz${key}`, name: 'government', color: GOV, figure: gini('') },
        { key: `lorenz${key}Free`, name: 'free market', color: FREE, figure: gini('Free') },
      ],
    },
  ];
}

const taxEconomy: EnvView = {
  charts: [
    {
      kind: 'iterations',
      testId: 'chart-welfare',
      title: 'Social welfare',
      caption: "mean household utility per step, log c − h^(1+ζ)/(1+ζ): the government (mean; band: lowest to highest of the government's economies, and of the seeds when several run side by side), the free market (no taxes), the flat income tax",
      yLabel: 'utility per step',
      series: [
        { key: 'welfareFree', name: 'free market', color: FREE },
        { key: 'welfareFlat', name: 'flat income tax', color: FLAT },
      ],
      bands: [{ mean: 'welfareGov', lo: 'welfareGovMin', hi: 'welfareGovMax', name: 'government', color: GOV }],
    },
    {
      kind: 'iterations',
      testId: 'chart-taxes',
      title: 'Tax parameters θ',
      caption: "the government's HSV taxes, mean of its economies: levels τ (solid) and progressivity ξ (dashed; 0 is a flat tax) of the income and the asset tax",
      yLabel: 'θ (0 to 1)',
      series: [
        { key: 'tauI', name: 'τ_i income', color: INCOME },
        { key: 'xiI', name: 'ξ_i income', color: INCOME, dashed: true },
        { key: 'tauA', name: 'τ_a assets', color: ASSETS },
        { key: 'xiA', name: 'ξ_a assets', color: ASSETS, dashed: true },
      ],
      yFromZero: true,
    },
    {
      kind: 'iterations',
      testId: 'chart-behaviour',
      title: 'Work and saving (the paper’s Figure 4)',
      caption: "the households' mean work hours h and savings ratio p (share of cash on hand kept as assets), per step, under the government",
      yLabel: 'share (0 to 1)',
      series: [
        { key: 'hours', name: 'work hours h', color: PALETTE.purple },
        { key: 'savings', name: 'savings ratio p', color: PALETTE.sky },
      ],
      yFromZero: true,
    },
    {
      kind: 'iterations',
      testId: 'chart-prices',
      title: 'Wage, interest and transfer (Figure 4)',
      caption: "wage W per unit of effective labour, return r on capital, and tax revenue per household (paid back to all as a transfer); per step, government's economies",
      yLabel: 'per step (model units)',
      series: [
        { key: 'wage', name: 'wage W', color: PALETTE.black },
        { key: 'interest', name: 'interest r', color: PALETTE.orange },
        { key: 'revenue', name: 'transfer (revenue per household)', color: GOV, dashed: true },
      ],
    },
    {
      kind: 'curves',
      testId: 'chart-income-tax',
      title: 'Income tax schedule',
      caption: "average rate of the government's HSV tax T(x) = x − (1−τ)/(1−ξ)·x^(1−ξ), never below 0, at the latest mean (τ_i, ξ_i), against the flat-tax economy; the free market taxes nothing",
      yLabel: 'average rate T(i) / i',
      xLabel: 'pre-tax income i per step',
      range: INCOME_RANGE,
      points: SCHEDULE_POINTS,
      curves: [
        { key: 'government', name: 'government', color: GOV, y: governmentRate('tauI', 'xiI') },
        { key: 'flat', name: 'flat income tax', color: FLAT, dashed: true, y: (x, { scenario }) => averageTaxRate(x, scenario.env === 'tax-economy' ? scenario.flatTax : NaN, 0) },
      ],
    },
    {
      kind: 'curves',
      testId: 'chart-asset-tax',
      title: 'Asset tax schedule',
      caption: "average rate of the government's HSV asset tax at the latest mean (τ_a, ξ_a); the flat-tax economy and the free market tax no assets",
      yLabel: 'average rate T(a) / a',
      xLabel: 'assets a',
      range: ASSET_RANGE,
      points: SCHEDULE_POINTS,
      curves: [{ key: 'government', name: 'government', color: GOV, y: governmentRate('tauA', 'xiA') }],
    },
    ...distributionCharts('wealth', 'Wealth', 'assets a at the end of the latest episode'),
    ...distributionCharts('income', 'Income', 'pre-tax income i = W e h + r a in the latest episode’s last step'),
    {
      kind: 'iterations',
      testId: 'chart-inequality',
      title: 'Inequality',
      caption: "Gini of wealth (at each episode's end) and of pre-tax income (in its last step): the government's economies (solid) against the free market (dashed)",
      yLabel: 'Gini (0 = all equal)',
      series: [
        { key: 'giniWealth', name: 'wealth, government', color: GOV },
        { key: 'giniWealthFree', name: 'wealth, free market', color: GOV, dashed: true },
        { key: 'giniIncome', name: 'income, government', color: ASSETS },
        { key: 'giniIncomeFree', name: 'income, free market', color: ASSETS, dashed: true },
      ],
      yFromZero: true,
    },
    {
      kind: 'snapshot',
      testId: 'chart-episode',
      title: 'Latest episode',
      caption: "mean assets per household, step by step, in the government's first economy during the most recent episode",
      yLabel: 'mean assets a_t',
      xLabel: 'step t',
      series: [{ key: 'episode', name: 'mean a_t', color: GOV }],
    },
    learningChart("households'"),
  ],
  headline: [
    { key: 'welfareGov', label: 'welfare', digits: 3, vs: { key: 'welfareFree', label: 'free market' } },
    { key: 'giniWealth', label: 'wealth Gini', digits: 3, vs: { key: 'giniWealthFree', label: 'free market' } },
    { key: 'tauI', label: 'τ_i', digits: 3 },
    { key: 'xiI', label: 'ξ_i', digits: 3 },
    { key: 'tauA', label: 'τ_a', digits: 3 },
    { key: 'xiA', label: 'ξ_a', digits: 3 },
  ],
  trial: {
    fields: ['tauI', 'xiI', 'tauA', 'xiA'],
    symbols: ['τ_i', 'ξ_i', 'τ_a', 'ξ_a'],
    action: (k) => (k === 0 ? 'savings ratio p' : 'work hours h'),
    charts: ['chart-income-tax', 'chart-asset-tax', 'chart-wealth-lorenz', 'chart-wealth-histogram'],
    headline: [
      { key: 'welfareGov', label: 'welfare', digits: 3, vs: { key: 'welfareFree', label: 'free market' } },
      { key: 'hours', label: 'work hours h', digits: 3 },
      { key: 'savings', label: 'savings ratio p', digits: 3 },
      { key: 'revenue', label: 'transfer per household', digits: 3 },
      { key: 'giniWealth', label: 'wealth Gini', digits: 3, vs: { key: 'giniWealthFree', label: 'free market' } },
    ],
  },
};

/** The market maker's sides of the book and its two kinds of MM, the same colour in every chart. */
const BID = PALETTE.blue;
const ASK = PALETTE.vermillion;
const CONDITIONAL = PALETTE.blue;
const BASELINE = PALETTE.vermillion;
/** Float32 omegas against the scenario's list. */
const OMEGA_TOLERANCE = 1e-6;

/** An omega the market maker never trained on (the evaluation's extra points between the trained ones). */
const untrained = (omega: number, s: Scenario) => s.env === 'market-maker' && !parseList(s.omegas).some((w) => Math.abs(w - omega) < OMEGA_TOLERANCE);

/** One panel of the paper's Figure 8: a figure of the frozen MMs against omega, from the latest evaluation. */
function figure8(what: 'spread' | 'pnl' | 'share', title: string, measured: string, yLabel: string): SnapshotChart {
  return {
    kind: 'snapshot',
    testId: `chart-fig8-${what}`,
    title: `${title} against ω (the paper’s Figure 8)`,
    caption: `${measured}. Line: the conditional MM played frozen at each ω, mean over markets (band: ± std across markets, the rollouts); filled dots: ω trained on, open dots: ω never trained on (extrapolation). Diamonds: each fixed-ω baseline MM at its own ω. Evaluated at iteration 1 and every ${EVAL_EVERY} iterations.`,
    yLabel,
    xLabel: 'ω (0: market share only, 1: profit only)',
    xKey: 'eval_omegas',
    series: [],
    bands: [{ mean: `eval_${what}`, std: `eval_${what}Std`, name: 'conditional MM', color: CONDITIONAL, points: 'dots' }],
    markers: [{ key: `base_${what}`, x: 'base_omegas', name: 'fixed-ω baselines', color: BASELINE }],
    extrapolated: untrained,
    yFromZero: what !== 'pnl',
  };
}

/** What the training episodes' means mix: each market's MM plays the omega the leader drew for it. */
const TRAINING = "the conditional MM in its training episodes, mean over markets, each at the ω the leader drew for it (band: ± std across markets, which the mix of ω widens)";

/** One of the MM's figures through training: its mean over markets, the band ± its std across them. */
function trainingChart(what: 'spread' | 'pnl' | 'share', title: string, caption: string, yLabel: string, color: string): IterationChart {
  return {
    kind: 'iterations',
    testId: `chart-${what}`,
    title,
    caption,
    yLabel,
    series: [],
    bands: [{ mean: what, std: `${what}Std`, name: 'mean over markets', color }],
    yFromZero: what !== 'pnl',
  };
}

const marketMaker: EnvView = {
  charts: [
    figure8('spread', 'Spread', 'half spread h quoted, mean over steps', 'half spread h (price units)'),
    figure8('pnl', 'Profit', 'PnL / n per step: profit per liquidity taker', 'PnL / n per step'),
    figure8('share', 'Market share', '(q_bid + q_ask) / n per step: share of liquidity takers who traded', 'market share (0 to 1)'),
    {
      kind: 'snapshot',
      testId: 'chart-book',
      title: 'Order book',
      caption: "the first market's latest training episode, step by step: the price p_t and the MM's quotes, bid p_t − h_t and ask p_t + h_t",
      yLabel: 'price',
      xLabel: 'step t',
      series: [
        { key: 'bookAsk', name: 'ask', color: ASK },
        { key: 'bookPrice', name: 'price p_t', color: PALETTE.black, dashed: true },
        { key: 'bookBid', name: 'bid', color: BID },
      ],
    },
    {
      kind: 'snapshot',
      testId: 'chart-trades',
      title: 'Trades',
      caption: "the same episode: units the MM bought from sellers at its bid (q_bid) and sold to buyers at its ask (q_ask) per step; its market share is (q_bid + q_ask) / n",
      yLabel: 'units per step',
      xLabel: 'step t',
      series: [
        { key: 'bookBought', name: 'bought at the bid q_bid', color: BID },
        { key: 'bookSold', name: 'sold at the ask q_ask', color: ASK },
      ],
      yFromZero: true,
    },
    trainingChart('spread', 'Spread in training', `half spread h quoted by ${TRAINING}`, 'half spread h (price units)', CONDITIONAL),
    trainingChart('pnl', 'Profit in training', `PnL / n per step of ${TRAINING}`, 'PnL / n per step', PALETTE.green),
    trainingChart('share', 'Market share in training', `(q_bid + q_ask) / n per step of ${TRAINING}`, 'market share (0 to 1)', PALETTE.purple),
    {
      kind: 'iterations',
      testId: 'chart-reward',
      title: 'Reward in training',
      caption: "the conditional MM's reward per step, ω PnL / n + (1 − ω) share, mean over markets at the ω drawn for each, and that mean ω",
      yLabel: 'reward per step; ω',
      series: [
        { key: 'reward', name: 'reward', color: PALETTE.black },
        { key: 'omegaMean', name: 'mean ω drawn', color: PALETTE.orange, dashed: true },
      ],
    },
    {
      kind: 'iterations',
      testId: 'chart-shortfall',
      title: 'Shortfall against the baselines',
      caption: `at the latest evaluation (every ${EVAL_EVERY} iterations), the conditional MM's largest reward shortfall below a fixed-ω baseline, relative to that baseline's reward, over the ω of the set: 0 when it matches or beats every one; empty without baselines`,
      yLabel: 'relative shortfall',
      series: [{ key: 'shortfall', name: 'largest shortfall', color: BASELINE }],
      yFromZero: true,
    },
    {
      kind: 'iterations',
      testId: 'chart-leader',
      title: 'Leader: entropy of the ω drawn',
      caption: "the leader's reward, the entropy of its distribution over the set of ω (nats): at most ln K for K preferences (1.61 for the default five), reached by the uniform distribution; 0 for a fixed ω (a point mass)",
      yLabel: 'entropy (nats)',
      series: [{ key: 'leaderReward', name: 'entropy', color: PALETTE.sky }],
      yFromZero: true,
    },
    learningChart("the conditional MM's"),
  ],
  headline: [
    { key: 'spread', label: 'half spread h', digits: 3 },
    { key: 'pnl', label: 'PnL / n', digits: 3 },
    { key: 'share', label: 'market share', digits: 3 },
    { key: 'reward', label: 'reward', digits: 3 },
    { key: 'shortfall', label: 'shortfall vs baselines', digits: 3 },
    { key: 'leaderReward', label: 'leader entropy (nats)', digits: 3 },
    { key: 'omegaMean', label: 'mean ω', digits: 3 },
  ],
  trial: {
    fields: ['omega'],
    symbols: ['ω'],
    action: (k, s) => `h = ${s.env === 'market-maker' ? +((s.hMax * k) / (LEVELS - 1)).toFixed(3) : k}`,
    headline: [
      { key: 'spread', label: 'half spread h (price units)', digits: 3 },
      { key: 'pnl', label: 'PnL / n per step', digits: 3 },
      { key: 'share', label: 'market share (0 to 1)', digits: 3 },
      { key: 'reward', label: 'reward per step at the applied ω', digits: 4 },
    ],
  },
};

export const ENV_VIEWS: Record<EnvId, EnvView> = {
  'entrance-tobin': entrance,
  'entrance-diff': entranceDiff,
  cobweb,
  cournot,
  'supply-chain': supplyChain,
  'tax-economy': taxEconomy,
  'market-maker': marketMaker,
};
