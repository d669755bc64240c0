/** The Cournot oligopoly calibrated to prices, on the page: its form, charts, headline and preset. */
import { CALIBRATION_HEADLINE, CALIBRATION_SYMBOLS, calibrationDistance, calibrationParameters, calibrationSections, calibrationTables, hiddenEnding, PRICE_WORDS, RATIONAL, TARGET_HISTOGRAM } from '../view/calibration';
import { fig } from '../view/figure-text';
import { PALETTE } from '../view/palette';
import { defineView, learningChart } from '../view/parts';
import type { CournotScenario } from './config';
import { COURNOT_PRICES } from './data';

/** The calibrator's firms' colour (the rational market's is RATIONAL). */
const CALIBRATED = PALETTE.blue;

export default defineView<CournotScenario>({
  form: [
    {
      legend: 'Environment',
      items: [
        { kind: 'number', key: 'n', label: 'Firms n', unit: 'per market', step: 1 },
        { kind: 'number', key: 'a', label: 'Demand intercept a', unit: 'P = max(0, a + ε_t − b Q)', step: 1 },
        { kind: 'number', key: 'b', label: 'Demand slope b', unit: 'price per unit of Q', step: 0.1 },
        { kind: 'number', key: 'c', label: 'Marginal cost c', unit: 'mean over firms', step: 1 },
        { kind: 'number', key: 'costSpread', label: 'Cost spread', unit: 'c_i evenly over c ± spread', step: 1 },
        { kind: 'number', key: 'qMax', label: 'Largest quantity q_max', unit: 'per firm and step', step: 1 },
        { kind: 'number', key: 'levels', label: 'Quantity levels K', unit: 'actions 0 … q_max', step: 1 },
        { kind: 'number', key: 'noiseStd', label: 'Demand noise σ_ε', unit: 'std of ε_t on a', step: 0.5 },
        { kind: 'number', key: 'horizon', label: 'Episode length T', unit: 'steps', step: 8 },
        { kind: 'number', key: 'markets', label: 'Calibrated markets', unit: 'copies', step: 1 },
      ],
    },
    ...calibrationSections({ series: COURNOT_PRICES, copies: 'Markets', agents: 'Firms', agent: 'firm' }),
  ],
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
      refs: ['nashQuantity'],
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
      refs: ['nashQuantity'],
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
      refs: ['nashQuantity'],
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
      refs: ['nashProfit'],
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
      refs: ['nashPrice'],
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
      groups: TARGET_HISTOGRAM,
    },
    calibrationParameters(PRICE_WORDS),
    calibrationDistance(PRICE_WORDS, { mae: 'maeNash', name: 'MAE Nash equilibrium' }),
    ...calibrationTables(PRICE_WORDS, { label: 'Nash equilibrium (P* + noise)', key: 'Nash' }),
    learningChart("firms'"),
  ],
  headline: [...CALIBRATION_HEADLINE, { key: 'quantityRational', label: 'rational q', digits: 2, ref: 'nashQuantity' }],
  // The Lucas-critique probe: move (mu, sigma) and the trained firms' quantities follow their new lambda_i.
  trial: {
    symbols: CALIBRATION_SYMBOLS,
    action: (k, s) => `q = ${fig((k * s.qMax) / (s.levels - 1), 1)}`,
    headline: [
      { key: 'lambdaMean', label: 'mean λ_i', digits: 3 },
      { key: 'quantityCalibrated', label: 'mean quantity q_i', digits: 2 },
      { key: 'priceStd', label: 'price std', digits: 2 },
      { key: 'profitCalibrated', label: 'profit per firm and step', digits: 1 },
    ],
  },
  compared: ['w1', 'maeCalibrated'],
  presets: [
    {
      id: 'cournot-calibration',
      title: 'Bounded-rational firms in a Cournot oligopoly',
      source: 'Evans & Ganesh (2024), arXiv 2402.00787',
      scenario: { env: 'cournot', leader: 'ppo', target: 'synthetic', targetMu: 0.2, targetSigma: 0.05, iterations: 160 },
      question:
        'Firms choose quantities and pay for the information their choice uses. Do fully rational learners find the Nash quantity, how do less skilled firms play, and can a calibrator find their skill from prices alone?',
      equations: [
        { tex: String.raw`P_t = \max\bigl(0,\; a + \varepsilon_t - b \textstyle\sum_j q_{j,t}\bigr), \qquad \pi_{i,t} = q_{i,t}\,(P_t - c_i)`, note: 'the market clears at P_t; firm i earns π_i' },
        { tex: String.raw`\max_\pi\; \mathbb{E}\Bigl[\tfrac{\pi_{i,t}}{\pi^*}\Bigr] - \lambda_i\, \mathrm{KL}\bigl(\pi(\cdot \mid o) \,\Vert\, \pi_0\bigr), \qquad q^* = \frac{a - c}{b\,(n + 1)}`, note: 'firm i pays λ_i for information; the Nash quantity' },
        { tex: String.raw`\lambda_i \sim \mathcal N(\mu, \sigma), \qquad \max_{\mu,\sigma}\; -W_1\bigl(P^{\text{sim}}, P^{\text{target}}\bigr)`, note: 'the calibrator matches the price distribution' },
      ],
      charts: ['chart-rational-vs-bounded', 'chart-calibration'],
      watch: [
        'The rational market (λ = 0) against the Nash quantity q*.',
        'Quantity by skill: firms with larger λ_i spread their quantities toward the uniform prior.',
        'The calibrated (μ, σ) against the hidden μ*, σ*, and the quantile errors.',
      ],
      paper: 'Theory: fully rational firms play the Nash quantity q* = (a − c) / (b (n + 1)), 18 at the defaults (no figure of the paper is reproduced here).',
      claim: { key: 'maeCalibrated', than: { key: 'maeRational' }, better: 'lower', text: 'The calibrated firms fit the target prices better (lower quantile error) than fully rational firms (λ = 0)', paper: 'no figure of the paper; calibration should fit better' },
      live: { patch: {}, seconds: 45 },
      finalKeys: ['quantityRational', 'quantityCalibrated', 'maeNash', 'maeRational', 'maeCalibrated', 'mu', 'sigma'],
      ours: (m, s) =>
        `mean quantity ${fig(m.quantityRational, 2)} (λ = 0), ${fig(m.quantityCalibrated, 2)} (calibrated markets); quantile MAE ${fig(m.maeNash, 3)} (Nash price), ${fig(m.maeRational, 3)} (λ = 0), ${fig(m.maeCalibrated, 3)} (calibrated); μ ${fig(m.mu, 3)}, σ ${fig(m.sigma, 3)}` +
        hiddenEnding(s),
    },
  ],
});
