/** The tax economy (households, a government setting HSV income and asset taxes), on the page: its form, charts, headline, probe and preset. */
import { fig } from '../view/figure-text';
import { PALETTE } from '../view/palette';
import { defineView, learningChart, learningLeader, leaderIs, ppoRun } from '../view/parts';
import type { ChartSpec, CurveInputs, FieldSpec } from '../view/types';
import type { TaxEconomyScenario } from './config';
import { hsvTax } from './model';
import { LOG_BIN_WIDTH, LOG_BINS, LOG_LO } from './report';

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
const governmentRate = (tau: string, xi: string) => (x: number, { latest }: CurveInputs<TaxEconomyScenario>) => averageTaxRate(x, latest(tau), latest(xi));
/**
 * Schedules are drawn over the amounts households have (model units; mean initial assets 1):
 * incomes mostly below 2, assets spreading further (see the distributions).
 */
const INCOME_RANGE: [number, number] = [0, 5];
const ASSET_RANGE: [number, number] = [0, 10];
const SCHEDULE_POINTS = 100;
const LOG_RANGE: [number, number] = [LOG_LO, LOG_LO + LOG_BINS * LOG_BIN_WIDTH];

/** The learned policy's distribution of wealth or income against the free market's: histogram and Lorenz curve. */
function distributionCharts(what: 'wealth' | 'income', key: 'Wealth' | 'Income', measured: string): ChartSpec<TaxEconomyScenario>[] {
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

/** One of the fixed government's four HSV parameters: a slider that moves while the run goes on. */
const taxSlider = (key: string, label: string, unit: string): FieldSpec<TaxEconomyScenario> => ({ kind: 'number', key, label, unit, step: 0.01, slider: 'linear', live: true, when: leaderIs('fixed') });

export default defineView<TaxEconomyScenario>({
  form: [
    {
      legend: 'Environment',
      items: [
        { kind: 'number', key: 'households', label: 'Households N', unit: 'per economy', step: 1, slider: 'log' },
        { kind: 'number', key: 'economies', label: 'Government economies', unit: 'copies under its taxes', step: 1 },
        { kind: 'number', key: 'horizon', label: 'Episode length T', unit: 'steps', step: 8 },
        { kind: 'number', key: 'initialAssets', label: 'Mean initial assets a_0', unit: 'per household', step: 0.1 },
        { kind: 'number', key: 'wealthSigma', label: 'Initial wealth spread σ_a', unit: 'log-normal; 0: equal, 1.5: Gini 0.71', step: 0.1 },
        { kind: 'number', key: 'rho', label: 'Productivity persistence ρ', step: 0.01 },
        { kind: 'number', key: 'sigmaE', label: 'Productivity shock σ_e', unit: 'std of log e', step: 0.01 },
        { kind: 'number', key: 'zeta', label: 'Inverse Frisch elasticity ζ', unit: 'work costs h^(1+ζ)/(1+ζ)', step: 0.1 },
        { kind: 'number', key: 'flatTax', label: 'Reference flat income tax', unit: 'rate in the flat-tax economy', step: 0.01 },
      ],
    },
    {
      legend: 'Government (leader)',
      items: [
        {
          kind: 'choice',
          key: 'leader',
          label: 'Who sets the taxes',
          labels: { ppo: 'Learning government (PPO)', bayesopt: 'Bayesian optimisation (GP, expected improvement)', fixed: 'Fixed taxes (sliders)', none: 'No taxes (a free market)' },
        },
        {
          kind: 'choice',
          key: 'objective',
          label: 'Government objective',
          labels: { welfare: 'Raise social welfare (policy design)', adversarial: 'Adversarial (−social welfare)' },
          when: leaderIs('ppo', 'bayesopt'),
        },
        taxSlider('tauI', 'Income tax level τ_i', 'HSV τ; 0: none'),
        taxSlider('xiI', 'Income tax progressivity ξ_i', '0: flat'),
        taxSlider('tauA', 'Asset tax level τ_a', 'HSV τ; 0: none'),
        taxSlider('xiA', 'Asset tax progressivity ξ_a', '0: flat'),
        ...learningLeader('Households', 10),
      ],
    },
    {
      ...ppoRun('Household'),
      items: [...ppoRun('Household').items, { kind: 'number', key: 'seeds', label: 'Seeds side by side', unit: 'the welfare band spans them; each costs one run', step: 1 }],
    },
  ],
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
        { key: 'flat', name: 'flat income tax', color: FLAT, dashed: true, y: (x, { scenario }) => averageTaxRate(x, scenario.flatTax, 0) },
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
  compared: ['welfareGov', 'giniWealth'],
  presets: [
    {
      id: 'income-wealth-taxes',
      title: 'Designing income and wealth taxes',
      source: 'ADAGE §4.1',
      scenario: { env: 'tax-economy', leader: 'ppo', objective: 'welfare' },
      question:
        'Households choose how much to work and to save; a government sets income and asset taxes and returns the revenue equally. Which schedules raise social welfare once households adapt to them?',
      equations: [
        { tex: String.raw`T(x; \tau, \xi) = \max\Bigl(0,\; x - \frac{1 - \tau}{1 - \xi}\, x^{1 - \xi}\Bigr)`, note: 'the HSV tax: level τ, progressivity ξ' },
        { tex: String.raw`x_i = a_i + i_i - T(i_i; \tau_i, \xi_i) - T(a_i; \tau_a, \xi_a) + \text{transfer}, \qquad c_i = (1 - p_i)\, x_i`, note: 'cash on hand; households save p_i of it' },
        { tex: String.raw`\max_{\theta = (\tau_i, \xi_i, \tau_a, \xi_a)}\; \frac1N \sum_i \Bigl(\log c_i - \frac{h_i^{1+\zeta}}{1+\zeta}\Bigr)`, note: "the government's objective: social welfare" },
      ],
      charts: ['chart-welfare', 'chart-income-tax'],
      watch: [
        'Welfare under the government against the free market and the flat tax.',
        'The learned schedules as average-rate curves T(x)/x.',
        'Wealth Lorenz curves and Gini, government against free market.',
      ],
      paper: "About twice the free market's social welfare under the learned taxes.",
      claim: { key: 'welfareGov', than: { key: 'welfareFree' }, better: 'higher', text: 'Social welfare under the learned taxes is above the free market’s', paper: 'about twice the free market’s' },
      live: { patch: { iterations: 120, leaderWarmup: 12 }, seconds: 50 },
      finalKeys: ['welfareGov', 'welfareFree', 'welfareBestFlat', 'welfareGovOverBestFlat', 'bestFlatRate', 'giniWealth', 'giniWealthFree'],
      ours: (m) =>
        `welfare ${fig(m.welfareGov, 3)} against ${fig(m.welfareFree, 3)} in the free market (our utilities are log c, negative, so compare differences, not ratios); wealth Gini ${fig(m.giniWealth)} against ${fig(m.giniWealthFree)}.`,
    },
  ],
});
