/** The beer-game supply chain calibrated to factory orders, on the page: its form, charts, headline, probe and preset. */
import { CALIBRATION_HEADLINE, CALIBRATION_SYMBOLS, calibrationDistance, calibrationParameters, calibrationSections, calibrationTables, hiddenEnding, type CalibrationChartWords, RATIONAL, TARGET_HISTOGRAM } from '../view/calibration';
import { fig } from '../view/figure-text';
import { PALETTE } from '../view/palette';
import { defineView, learningChart } from '../view/parts';
import type { SupplyChainScenario } from './config';
import { ORDERS } from './data';
import { safetyStock, STAGE_NAMES } from './model';
import { COST_BINS, COST_WIDTH, ORDER_BINS, ORDER_WIDTH } from './report';

const ORDER_WORDS: CalibrationChartWords = { key: 'order', plural: 'factory orders', unit: 'units', copies: 'chains' };
/** Each stage's colour, retailer to factory, in every supply-chain chart. */
const STAGE_COLORS = [PALETTE.blue, PALETTE.orange, PALETTE.green, PALETTE.vermillion];
/** Retailer and wholesaler solid, distributor and factory dashed: neighbours in colour differ in dash for a colour-blind reader. */
const STAGE_DASHED = [false, false, true, true];
/** The calibrator's chains (heterogeneous lambda_i) against the rational chain (every lambda_i = 0). */
const HETEROGENEOUS = PALETTE.blue;
/** The base-stock (order-up-to) heuristic on the rational chain's demand. */
const BASE_STOCK = PALETTE.black;
// Short enough for classroom type on a projector (e2e/one-screen.spec.ts checks no axis title is clipped).
const STAGE_AXIS = 'stage k: 1 retailer … 4 factory';

/** Demand's seasonal fields, shown when demand is seasonal. */
const isSeasonal = (s: SupplyChainScenario) => s.demand === 'seasonal';

export default defineView<SupplyChainScenario>({
  form: [
    {
      legend: 'Environment',
      items: [
        { kind: 'choice', key: 'demand', label: 'Customer demand D_t', labels: { iid: 'iid: N(m, s) rounded', step: 'Sterman’s step: m / 2, then m from week 5', seasonal: 'Seasonal: m + A sin(2πt / P), plus noise' } },
        { kind: 'number', key: 'demandMean', label: 'Mean demand m', unit: 'units per week', step: 1 },
        { kind: 'number', key: 'demandStd', label: 'Demand noise s', unit: 'std, units per week', step: 0.5 },
        { kind: 'number', key: 'seasonAmplitude', label: 'Seasonal amplitude A', unit: 'units per week', step: 1, when: isSeasonal },
        { kind: 'number', key: 'seasonPeriod', label: 'Seasonal period P', unit: 'weeks', step: 1, when: isSeasonal },
        { kind: 'number', key: 'shipDelay', label: 'Shipping delay L', unit: 'weeks', step: 1 },
        { kind: 'number', key: 'productionDelay', label: 'Production delay L_prod', unit: 'weeks, at the factory', step: 1 },
        { kind: 'number', key: 'orderDelay', label: 'Order delay d', unit: 'weeks before an order is seen upstream', step: 1 },
        { kind: 'number', key: 'holdingCost', label: 'Holding cost h', unit: 'per unit on hand per week', step: 0.1 },
        { kind: 'number', key: 'backlogCost', label: 'Backlog cost p', unit: 'per unit owed per week', step: 0.1 },
        { kind: 'number', key: 'initialInventory', label: 'Initial inventory I_0', unit: 'units at every stage', step: 1 },
        { kind: 'number', key: 'horizon', label: 'Game length T', unit: 'weeks', step: 4 },
        { kind: 'number', key: 'markets', label: 'Calibrated chains', unit: 'copies', step: 1 },
      ],
    },
    ...calibrationSections({ series: ORDERS, copies: 'Chains', agents: 'Stages', agent: 'stage' }),
  ],
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
      refs: ['meanDemand'],
    },
    {
      kind: 'snapshot',
      testId: 'chart-bullwhip',
      title: 'Bullwhip: order variance up the chain',
      caption: 'variance of each stage’s orders over the variance of demand in the latest game: the calibrator’s chains (heterogeneous λ_i) and the rational chain (λ = 0), against the base-stock heuristic on the rational chain’s demand and the pass-through policy (orders = demand, ratio 1)',
      yLabel: 'var(q_k) / var(D)',
      xLabel: STAGE_AXIS,
      series: [
        { key: 'bullwhip', name: 'heterogeneous λ_i', color: HETEROGENEOUS, points: 'dots' },
        { key: 'bullwhipRational', name: 'rational (λ = 0)', color: RATIONAL, points: 'dots', dashed: true },
        { key: 'bullwhipBaseStock', name: 'base-stock heuristic', color: BASE_STOCK, points: 'dots' },
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
      refs: ['passThrough'],
      yFromZero: true,
    },
    {
      kind: 'iterations',
      testId: 'chart-chain-cost',
      title: 'Cost of the chain',
      caption: 'holding and backlog cost of the four stages per week (h I + p B summed over stages): the calibrator’s chains and the rational chain against the base-stock heuristic (order-up-to levels searched for the cheapest chain) on the rational chain’s demand',
      yLabel: 'cost per week',
      series: [
        { key: 'chainCost', name: 'heterogeneous λ_i', color: HETEROGENEOUS },
        { key: 'chainCostRational', name: 'rational (λ = 0)', color: RATIONAL, dashed: true },
        { key: 'chainCostBaseStock', name: 'base-stock heuristic', color: BASE_STOCK, dashed: true },
      ],
      yFromZero: true,
    },
    {
      kind: 'snapshot',
      testId: 'chart-skill',
      title: 'Orders by skill',
      caption: 'each stage of the calibrator’s chains in the latest game: its mean |q_k - o_k|, how far its orders depart from the order it received (units), against its λ_i; a base-stock stage passes orders on (0), one choosing its safety stock at random departs by 4.5',
      yLabel: 'mean |q_k - o_k| (units)',
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
      refs: ['meanDemand'],
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
      groups: TARGET_HISTOGRAM,
    },
    calibrationParameters(ORDER_WORDS),
    calibrationDistance(ORDER_WORDS, { mae: 'maePassThrough', name: 'MAE pass-through' }),
    ...calibrationTables(ORDER_WORDS, { label: 'pass-through policy (orders = demand)', key: 'PassThrough' }),
    learningChart("the stages'"),
  ],
  headline: [
    ...CALIBRATION_HEADLINE,
    { key: 'bullwhip3', label: 'factory bullwhip', digits: 2, ref: 'passThrough', vs: { key: 'bullwhipRational3', label: 'in-run rational' } },
    { key: 'chainCost', label: 'chain cost per week', digits: 1, vs: { key: 'chainCostRational', label: 'in-run rational' } },
  ],
  trial: {
    symbols: CALIBRATION_SYMBOLS,
    action: (k) => `a = ${safetyStock(k) > 0 ? '+' : ''}${safetyStock(k)}`,
    headline: [
      { key: 'lambdaMean', label: 'mean λ_i', digits: 3 },
      { key: 'bullwhip3', label: 'factory bullwhip var(q_3) / var(D)', digits: 2 },
      { key: 'chainCost', label: 'chain cost per week', digits: 1 },
      { key: 'adjustment', label: 'mean |q_k - o_k| (units)', digits: 2 },
    ],
  },
  compared: ['w1', 'chainCost'],
  presets: [
    {
      id: 'supply-chain-bullwhip',
      title: 'The bullwhip in a beer-game supply chain',
      source: 'Evans & Ganesh (2024); Sterman (1989)',
      scenario: { env: 'supply-chain', leader: 'ppo', target: 'synthetic', targetMu: 0.1, targetSigma: 0.05, iterations: 160 },
      question:
        'Retailer, wholesaler, distributor and factory each order from the stage above, with shipping and order delays. How much do orders swing more than demand the further up the chain, and can a calibrator find how bounded-rational the stages are from the factory’s orders alone?',
      equations: [
        { tex: String.raw`q_{k,t} = \max\bigl(0,\; \tau_k m + a_{k,t} - (\mathit{IP}_{k,t} - o_{k,t})\bigr), \qquad a_{k,t} \in \{-8, -6, \dots, 8\}`, note: 'each stage orders up to its lead-time demand plus the safety stock it chooses' },
        { tex: String.raw`\max_\pi\; \mathbb{E}\Bigl[-\tfrac{h I_{k,t} + p B_{k,t}}{80}\Bigr] - \lambda_i\, \mathrm{KL}\bigl(\pi(\cdot \mid o) \,\Vert\, \pi_0\bigr)`, note: 'stage i pays λ_i for information' },
        { tex: String.raw`\frac{\operatorname{var}(q_k)}{\operatorname{var}(D)} = 1 \text{ for pass-through}, \qquad \max_{\mu,\sigma}\; -W_1\bigl(q_3^{\text{sim}}, q_3^{\text{target}}\bigr)`, note: 'the bullwhip ratio, and the calibrator fitting the factory orders' },
      ],
      charts: ['chart-bullwhip', 'chart-chain-cost'],
      compare: true,
      watch: [
        'The bullwhip chart: order variance over demand variance rising from retailer to factory, against the pass-through line at 1.',
        'Chain cost and factory bullwhip against rational stages: the baseline trains chains with every λ_i = 0 beside this run. The rational chain inside this run shares the bounded stages’ policy and plays much like them, so it is not the comparison (README).',
        'The calibrated (μ, σ) path against the hidden μ*, σ*.',
      ],
      paper: 'The beer game’s bullwhip (Sterman 1989): order variance grows up the chain; with iid demand the cost-optimal base-stock policy passes demand through, with no amplification.',
      claim: { key: 'bullwhip3', than: { key: 'bullwhip0' }, better: 'higher', text: 'Order variance grows up the chain: the factory amplifies demand more than the retailer', paper: 'grows up the chain (Sterman 1989)' },
      live: { patch: { iterations: 100, leaderWarmup: 12 }, seconds: 50 },
      finalKeys: ['bullwhip0', 'bullwhip3', 'bullwhipRational3', 'chainCost', 'chainCostRational', 'mu', 'sigma', 'maeCalibrated'],
      ours: (m, s) =>
        `bullwhip ratio ${fig(m.bullwhip0, 2)} at the retailer to ${fig(m.bullwhip3, 2)} at the factory (in-run rational chain ${fig(m.bullwhipRational3, 2)}); chain cost ${fig(m.chainCost, 1)} per week (in-run rational ${fig(m.chainCostRational, 1)}); μ ${fig(m.mu, 3)}, σ ${fig(m.sigma, 3)}` +
        hiddenEnding(s),
    },
  ],
});
