/** The Pigouvian tax on an externality, on the page: its form, charts, headline, probe and preset. */
import { fig } from '../view/figure-text';
import { PALETTE } from '../view/palette';
import { defineView, learningChart, learningLeader, leaderIs, ppoRun } from '../view/parts';
import type { PigouvianScenario } from './config';
import { optimalTax } from './model';

/** The learning firms' colour, and the rational firms' (the theory at the same tax). */
const LEARNED = PALETTE.blue;
const RATIONAL = PALETTE.black;

export default defineView<PigouvianScenario>({
  form: [
    {
      legend: 'Market and externality',
      items: [
        { kind: 'number', key: 'n', label: 'Firms n', unit: 'per market', step: 1 },
        { kind: 'number', key: 'a', label: 'Demand intercept a', unit: 'P = a − b Q', step: 1 },
        { kind: 'number', key: 'b', label: 'Demand slope b', unit: 'price per unit of Q', step: 0.1 },
        { kind: 'number', key: 'c', label: 'Marginal cost c', unit: 'price per unit', step: 0.5 },
        { kind: 'number', key: 'd', label: 'Damage d', unit: 'per unit, borne by others', step: 0.5, slider: 'linear' },
        { kind: 'number', key: 'qMax', label: 'Largest quantity q_max', unit: 'per firm and step', step: 0.5 },
        { kind: 'number', key: 'levels', label: 'Quantity levels K', unit: 'actions 0 … q_max', step: 1 },
        { kind: 'number', key: 'noiseStd', label: 'Demand noise σ_ε', unit: 'std of ε_t on a', step: 0.5 },
        { kind: 'number', key: 'horizon', label: 'Episode length T', unit: 'steps', step: 8 },
        { kind: 'number', key: 'markets', label: 'Parallel markets', unit: 'copies', step: 1 },
      ],
    },
    {
      legend: 'Regulator',
      items: [
        {
          kind: 'choice',
          key: 'leader',
          label: 'Who sets the tax',
          labels: { ppo: 'Learning regulator (PPO)', bayesopt: 'Bayesian optimisation (GP, expected improvement)', fixed: 'Fixed tax (slider)', none: 'No tax (baseline)' },
        },
        { kind: 'number', key: 't', label: 'Tax t', unit: 'per unit (negative: a subsidy)', step: 0.1, slider: 'linear', live: true, when: leaderIs('fixed') },
        { kind: 'number', key: 'tMin', label: 'Lowest tax t_min', unit: 'per unit', step: 0.5, live: true, when: leaderIs('ppo', 'bayesopt') },
        { kind: 'number', key: 'tMax', label: 'Highest tax t_max', unit: 'per unit', step: 0.5, live: true, when: leaderIs('ppo', 'bayesopt') },
        ...learningLeader('Firms', 10),
      ],
    },
    ppoRun('Firms'),
  ],
  charts: [
    {
      kind: 'iterations',
      testId: 'chart-tax',
      title: 'Tax path t',
      caption: "the regulator's tax per unit, mean over markets; t* maximises welfare with rational firms, t = d is the naive Pigouvian tax",
      yLabel: 't (price per unit)',
      series: [{ key: 'tax', name: 'mean tax t', color: PALETTE.green }],
      refs: ['tStar', 'tNaive'],
    },
    {
      kind: 'iterations',
      testId: 'chart-output',
      title: 'Output',
      caption: 'total output Q per market and step: the learning firms, and rational Cournot firms Q(t) = n (a − c − t) / (b (n + 1)) at the same tax',
      yLabel: 'Q (units per step)',
      series: [
        { key: 'output', name: 'learning firms', color: LEARNED },
        { key: 'outputRational', name: 'rational firms Q(t)', color: RATIONAL, dashed: true },
      ],
      yFromZero: true,
    },
    {
      kind: 'iterations',
      testId: 'chart-welfare',
      title: 'Welfare',
      caption: 'welfare W = consumer surplus + profits + tax revenue − d Q per market and step: the learning firms, and rational firms at the same tax',
      yLabel: 'W (money per step)',
      series: [
        { key: 'welfare', name: 'learning firms', color: LEARNED },
        { key: 'welfareRational', name: 'rational firms', color: RATIONAL, dashed: true },
      ],
    },
    {
      kind: 'iterations',
      testId: 'chart-surplus',
      title: 'Who gains and who pays',
      caption: 'per market and step: consumer surplus, profits after tax and tax revenue (negative: a subsidy paid), and the damage d Q borne by others; welfare is the first three less the damage',
      yLabel: 'money per step',
      series: [
        { key: 'consumerSurplus', name: 'consumer surplus', color: PALETTE.sky },
        { key: 'profits', name: 'profits', color: PALETTE.orange },
        { key: 'taxRevenue', name: 'tax revenue', color: PALETTE.green, points: 'dots' },
        { key: 'damage', name: 'damage d Q', color: PALETTE.vermillion, dashed: true },
      ],
    },
    {
      kind: 'snapshot',
      testId: 'chart-episode',
      title: 'Latest episode',
      caption: 'total output Q_t step by step in market 1 during the most recent episode',
      yLabel: 'Q_t (units)',
      series: [{ key: 'episode', name: 'Q_t', color: LEARNED }],
      xLabel: 'step t',
      yFromZero: true,
    },
    learningChart("firms'"),
  ],
  headline: [
    { key: 'tax', label: 'tax t', digits: 2, ref: 'tStar' },
    { key: 'output', label: 'output Q', digits: 2, vs: { key: 'outputRational', label: 'rational' } },
    { key: 'welfare', label: 'welfare W', digits: 2, vs: { key: 'welfareRational', label: 'rational' } },
    { key: 'price', label: 'price P', digits: 2 },
  ],
  trial: {
    symbols: ['t'],
    action: (k, s) => `q = ${+((s.qMax * k) / (s.levels - 1)).toFixed(2)}`,
    headline: [
      { key: 'output', label: 'output Q (units per step)', digits: 2 },
      { key: 'welfare', label: 'welfare W (money per step)', digits: 3 },
      { key: 'price', label: 'price P', digits: 2 },
    ],
  },
  compared: ['welfare', 'output'],
  presets: [
    {
      id: 'pigouvian-tax',
      title: 'A Pigouvian tax when firms have market power',
      source: 'Pigou (1920); Buchanan (1969) on taxing a monopolist',
      // Two firms and a large damage: t* and t = d far enough apart that the difference shows in welfare.
      scenario: { env: 'pigouvian', n: 2, d: 6 },
      question:
        'Each unit the firms make does damage d to others. A regulator taxes output to maximise welfare. Should it charge the damage, t = d, as the textbook says? Firms with market power already make too little: watch what the learning regulator settles on.',
      equations: [
        { tex: String.raw`P = a - b\,Q, \qquad \pi_i = q_i\,(P - c - t), \qquad Q = \textstyle\sum_i q_i`, note: 'the firms pay the tax t per unit, not the damage' },
        { tex: String.raw`W = \underbrace{\tfrac{b}{2} Q^2}_{\text{consumer surplus}} + \underbrace{(P - c - t)\,Q}_{\text{profits}} + \underbrace{t\,Q}_{\text{revenue}} - d\,Q = (a - c - d)\,Q - \tfrac{b}{2}\,Q^2`, note: 'welfare: the tax itself cancels; only output matters' },
        { tex: String.raw`Q(t) = \frac{n\,(a - c - t)}{b\,(n + 1)}, \qquad t^* = d - \frac{a - c - d}{n}`, note: 'rational Cournot output, and the tax that brings it to the welfare optimum (a − c − d) / b' },
      ],
      charts: ['chart-tax', 'chart-welfare'],
      compare: true,
      watch: [
        'The tax path against t* and the naive t = d: with market power, t* is below d (a subsidy when the damage is small).',
        'Output of the learning firms against rational Cournot output Q(t) at the same tax.',
        'Welfare against its baseline (no tax, trained beside it), where the damage goes unpriced.',
      ],
      paper: 'Theory: t* = d − (a − c − d) / n, 5 here (a = 10, c = 2, d = 6, n = 2), against the naive t = d = 6; welfare at t* is the first best (a − c − d)² / (2b) = 2 per step, at t = d 8/9 of it, with no tax negative (−3.6).',
      claim: { key: 'welfare', than: 'baseline', better: 'higher', text: 'Welfare under the learned tax is above that with no tax', paper: 'theory: 2 per step at t*, −3.6 with no tax' },
      live: { patch: { iterations: 120, leaderWarmup: 24 }, seconds: 45 },
      finalKeys: ['tax', 'output', 'welfare'],
      ours: (m, s) => `tax ${fig(m.tax, 2)} (t* ${fig(optimalTax(s, s.n), 2)}, naive d ${s.d}); output ${fig(m.output, 2)}; welfare ${fig(m.welfare, 2)} per step.`,
    },
  ],
});
