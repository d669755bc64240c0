/** The cobweb market calibrated to prices, on the page: its form, charts, headline, probe and preset. */
import { CALIBRATION_HEADLINE, CALIBRATION_SYMBOLS, calibrationDistance, calibrationLandscape, calibrationParameters, calibrationSections, calibrationTables, hiddenEnding, PRICE_WORDS, TARGET_HISTOGRAM } from '../view/calibration';
import { fig } from '../view/figure-text';
import { PALETTE } from '../view/palette';
import { defineView } from '../view/parts';
import type { CobwebScenario } from './config';
import { PRICES } from './data';
import { predictionLevel } from './model';
import { TABLE1 } from './paper';

export default defineView<CobwebScenario>({
  form: [
    {
      legend: 'Environment',
      items: [
        { kind: 'number', key: 'n', label: 'Producers n', unit: 'per market', step: 1 },
        { kind: 'number', key: 'noiseStd', label: 'Price noise σ_ε', unit: 'std of ε_t', step: 0.05 },
        { kind: 'number', key: 'horizon', label: 'Episode length T', unit: 'steps', step: 8 },
        { kind: 'number', key: 'markets', label: 'Calibrated markets', unit: 'copies', step: 1 },
        { kind: 'number', key: 'landscapeEvery', label: 'Fit landscape every', unit: 'iterations (0: never)', step: 5 },
      ],
    },
    ...calibrationSections({ series: PRICES, copies: 'Markets', agents: 'Producers', agent: 'producer' }),
  ],
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
      refs: ['rationalPrice'],
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
      groups: TARGET_HISTOGRAM,
    },
    calibrationParameters(PRICE_WORDS),
    calibrationLandscape(PRICE_WORDS, 'producers'),
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
      refs: ['rationalPrice'],
    },
    calibrationDistance(PRICE_WORDS, { mae: 'maeRe', name: 'MAE RE equilibrium' }),
    ...calibrationTables(PRICE_WORDS, { label: 'RE equilibrium (p* + noise)', key: 'Re' }, { reference: TABLE1.re, Rational: TABLE1.rational, Calibrated: TABLE1.calibrated }),
  ],
  headline: [...CALIBRATION_HEADLINE, { key: 'maeCalibrated', label: 'MAE calibrated', digits: 3 }],
  trial: {
    symbols: CALIBRATION_SYMBOLS,
    action: (k) => `p̂ = ${predictionLevel(k)}`,
    headline: [
      { key: 'lambdaMean', label: 'mean λ_i', digits: 3 },
      { key: 'priceStd', label: 'price std', digits: 3 },
      { key: 'predictionError', label: 'mean |p̂ − p|', digits: 3 },
      { key: 'welfare', label: 'producer reward per step (0 to 1300)', digits: 1 },
    ],
  },
  compared: ['w1', 'maeCalibrated'],
  presets: [
    {
      id: 'cobweb-calibration',
      title: 'Calibrating a cobweb market to prices',
      source: 'ADAGE §4.2, Table 1; Evans & Ganesh (2024)',
      scenario: { env: 'cobweb', leader: 'ppo', target: 'synthetic', targetMu: 0.05, targetSigma: 0.02, iterations: 160 },
      question:
        'Producers predict the price and pay for the information they use. Given only prices, can a calibrator find how bounded-rational the producers are, and does it fit better than the rational-expectations model?',
      equations: [
        { tex: String.raw`p_t = \frac{a - \sum_j S(\hat p_{j,t})}{b} + \varepsilon_t, \qquad S(x) = \tanh\bigl(\psi(x - 6)\bigr) + 1`, note: 'the market clears at the price p_t' },
        { tex: String.raw`\max_\pi\; \mathbb{E}\Bigl[\tfrac{r_{i,t}}{1300}\Bigr] - \lambda_i\, \mathrm{KL}\bigl(\pi(\cdot \mid o) \,\Vert\, \pi_0\bigr), \quad r_{i,t} = \max\bigl(0,\, 1300 - 260\,(p_t - \hat p_{i,t})^2\bigr)`, note: 'producer i pays λ_i for information' },
        { tex: String.raw`\lambda_i \sim \mathcal N(\mu, \sigma), \qquad \max_{\mu,\sigma}\; -W_1\bigl(p^{\text{sim}}, p^{\text{target}}\bigr)`, note: 'the calibrator matches the price distribution' },
      ],
      charts: ['chart-price-histogram', 'chart-calibration'],
      watch: [
        'Simulated against target prices: the histograms coming together.',
        'The calibrated (μ, σ) path against the hidden μ*, σ*, and the fit landscape: prices pin down one number, how much price noise the producers add, so (μ, σ) fit equally well along a curve.',
        "Table 1: the calibrated simulator's quantile error against the rational ones.",
      ],
      paper: `Table 1: quantile MAE ${TABLE1.re.mae} (rational-expectations price), ${TABLE1.rational.mae} (rational learners, λ = 0), ${TABLE1.calibrated.mae} (calibrated): the calibrated simulator fits best.`,
      claim: { key: 'maeCalibrated', than: { key: 'maeRational' }, better: 'lower', text: 'The calibrated simulator fits the target prices better (lower quantile error) than rational learners (λ = 0)', paper: 'quantile MAE 0.005 calibrated, 0.013 rational' },
      live: { patch: { iterations: 100, leaderWarmup: 12 }, seconds: 45 },
      finalKeys: ['maeRe', 'maeRational', 'maeCalibrated', 'mu', 'sigma'],
      ours: (m, s) =>
        `quantile MAE ${fig(m.maeRe, 3)} (RE price), ${fig(m.maeRational, 3)} (λ = 0), ${fig(m.maeCalibrated, 3)} (calibrated); μ ${fig(m.mu, 3)}, σ ${fig(m.sigma, 3)}` + hiddenEnding(s),
    },
  ],
});
