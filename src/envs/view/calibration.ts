/**
 * What the calibrations' views share (cobweb, Cournot, supply chain: every environment whose
 * leader fits (mu, sigma) of lambda_i to a target series): the target's and the calibrator's form
 * sections, and the charts of the calibrated parameters, the distance to the target, the moments
 * and the quantile errors, each in the environment's own words.
 */
import { decodeSeries, encodeSeries, MAX_CSV_BYTES, parseSeriesCsv, type SeriesKind } from '../calibration/series-data';
import type { CalibrationScenario } from '../calibration/module-parts';
import { PALETTE } from './palette';
import { leaderIs, learningLeader, ppoRun, TABLE_WINDOW } from './parts';
import type { ErrorsTable, FormSection, HeadlineSpec, IterationChart, LandscapeChart, MomentsTable, SeriesSpec } from './types';

/** What a calibration environment's form calls its series, its copies and its agents. */
export interface CalibrationFormWords {
  series: SeriesKind;
  /** Its copies, capitalised: 'Markets', 'Chains'. */
  copies: string;
  /** Its agents, capitalised: 'Producers', 'Firms'. */
  agents: string;
  /** One agent, lower case: 'producer', 'firm'. */
  agent: string;
}

const isSynthetic = (s: CalibrationScenario) => s.target === 'synthetic';

/** A calibration's target and calibrator: the same fields in the same places, in each one's words. */
export const calibrationSections = (w: CalibrationFormWords): FormSection<CalibrationScenario>[] => [
  {
    legend: 'Target',
    items: [
      { kind: 'choice', key: 'target', label: 'Fit to', labels: { synthetic: `Synthetic ${w.series.plural} from hidden (μ*, σ*)`, data: `Observed ${w.series.plural} (upload a CSV)` } },
      { kind: 'number', key: 'targetMu', label: 'Hidden μ*', step: 0.01, slider: 'linear', when: isSynthetic },
      { kind: 'number', key: 'targetSigma', label: 'Hidden σ*', step: 0.01, slider: 'linear', when: isSynthetic },
      { kind: 'number', key: 'targetMarkets', label: `Target ${w.copies.toLowerCase()}`, unit: 'copies', step: 1, when: isSynthetic },
      {
        kind: 'upload',
        key: 'targetData',
        label: `Observed ${w.series.plural}`,
        hint: `a CSV with one column of ${w.series.plural}, header optional`,
        maxBytes: MAX_CSV_BYTES,
        read: (text) => ({ target: 'data', targetData: encodeSeries(parseSeriesCsv(text, w.series)) }),
        describe: (value) => (value ? `${decodeSeries(value, w.series).length} observed ${w.series.plural} loaded` : ''),
      },
    ],
  },
  {
    legend: 'Calibrator (leader)',
    items: [
      {
        kind: 'choice',
        key: 'leader',
        label: 'Who calibrates',
        labels: { ppo: 'Learning calibrator (PPO)', bayesopt: 'Bayesian optimisation (GP, expected improvement)', fixed: 'Fixed (μ, σ)', none: `Nobody: rational ${w.agents.toLowerCase()} (λ = 0)` },
      },
      {
        kind: 'choice',
        key: 'calibrate',
        label: 'What it sets',
        labels: { distribution: 'The distribution of λ_i: (μ, σ)', mu: 'μ alone, σ held at the value below', individual: `Each ${w.agent}’s λ_i` },
        when: leaderIs('ppo', 'bayesopt'),
      },
      { kind: 'number', key: 'replicates', label: `${w.copies} per candidate`, step: 1, when: leaderIs('bayesopt') },
      { kind: 'number', key: 'mu', label: 'μ of λ_i', step: 0.01, slider: 'linear', live: true, when: leaderIs('fixed') },
      // Held by a calibrator of μ alone, sigma is part of the environment it built: live for the fixed leader only.
      { kind: 'number', key: 'sigma', label: 'σ of λ_i', step: 0.01, slider: 'linear', live: leaderIs('fixed'), when: (s) => leaderIs('fixed')(s) || (s.calibrate === 'mu' && leaderIs('ppo', 'bayesopt')(s)) },
      ...learningLeader(w.agents, 5),
    ],
  },
  ppoRun(w.agents.replace(/s$/, '')),
];

/** The rational simulator (every lambda_i = 0) beside the calibrated one, the same colour in every calibration's charts. */
export const RATIONAL = PALETTE.vermillion;

/** The calibrated copies' latest distribution against the target's, as a histogram's groups. */
export const TARGET_HISTOGRAM: SeriesSpec[] = [
  { key: 'histSim', name: 'simulated', color: PALETTE.blue },
  { key: 'histTarget', name: 'target', color: PALETTE.orange },
];

/** The calibrator's theta, as the probe's sliders name it. */
export const CALIBRATION_SYMBOLS = ['μ', 'σ'];

/** Moment tolerances: location and spread relative to the target's std, shape in absolute terms. */
const relative = (k: number) => (targetStd: number) => k * targetStd;
const absolute = (k: number) => () => k;

/** What a calibration's charts call its series, copies and agents (the engine's SeriesNames, in the charts' words). */
export interface CalibrationChartWords {
  /** The figures' key prefix: 'price' for priceMean, priceStd, ... */
  key: string;
  /** The series in a sentence: 'prices'. */
  plural: string;
  unit: string;
  /** The copies: 'markets', 'chains'. */
  copies: string;
}

export const PRICE_WORDS: CalibrationChartWords = { key: 'price', plural: 'prices', unit: 'price units', copies: 'markets' };

/** The calibrator's (mu, sigma) and the mean lambda_i it drew, over iterations, with the hidden (mu*, sigma*) of a synthetic target. */
export const calibrationParameters = (w: CalibrationChartWords): IterationChart => ({
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
  refs: ['hiddenMu', 'hiddenSigma'],
  yFromZero: true,
});

/**
 * The fit landscape (calibration/landscape.ts): W1 to the target over a grid of (mu, sigma) with
 * the trained agents frozen, the hidden (mu*, sigma*) and the calibrator's latest (mu, sigma) on it.
 */
export const calibrationLandscape = (w: CalibrationChartWords, agents: string): LandscapeChart => ({
  kind: 'landscape',
  testId: 'chart-landscape',
  title: 'Fit landscape',
  caption: `W1 of ${w.plural} to the target over a grid of (μ, σ), the trained ${agents} frozen, redrawn every few iterations; darker fits better. Flat along a curve: there the ${w.plural} do not tell μ and σ apart`,
  yLabel: 'σ of λ_i',
  xLabel: 'μ of λ_i',
  cells: { x: 'landscapeMu', y: 'landscapeSigma', value: 'landscapeW1' },
  valueLabel: `W1 (${w.unit})`,
  marks: [
    { name: 'hidden (μ*, σ*)', color: PALETTE.vermillion, from: 'references', x: 'hiddenMu', y: 'hiddenSigma', shape: 'star' },
    { name: 'calibrated (μ, σ)', color: PALETTE.sky, from: 'metrics', x: 'mu', y: 'sigma', shape: 'diamond' },
  ],
});

/** The calibrator's loss and each simulator's quantile error, over iterations; `reference` an analytic one's error key and name. */
export const calibrationDistance = (w: CalibrationChartWords, reference?: { mae: string; name: string }): IterationChart => ({
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
export const calibrationTables = (
  w: CalibrationChartWords,
  reference?: { label: string; key: string },
  paper?: Record<'reference' | 'Rational' | 'Calibrated', { mae: number; rmse: number }>,
): [MomentsTable, ErrorsTable] => [
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

/** The headline figures every calibration starts with: the distance to the target and the calibrated (mu, sigma). */
export const CALIBRATION_HEADLINE: HeadlineSpec[] = [
  { key: 'w1', label: 'distance W1', digits: 3 },
  { key: 'mu', label: 'μ', digits: 3 },
  { key: 'sigma', label: 'σ', digits: 3 },
];

/** How a preset's sentence about our run ends: the hidden (mu*, sigma*) it should have found, where the target is synthetic. */
export const hiddenEnding = (s: CalibrationScenario) => (s.target === 'synthetic' ? ` (hidden μ* ${s.targetMu}, σ* ${s.targetSigma}).` : '.');
