/** The market maker with a preference omega over profit and market share, on the page: its form, charts, headline, probe and preset. */
import { fig } from '../view/figure-text';
import { PALETTE } from '../view/palette';
import { defineView, learningChart, leaderIs, ppoRun } from '../view/parts';
import type { IterationChart, SnapshotChart } from '../view/types';
import { EVAL_EVERY, LEVELS, parseList, type MarketMakerScenario } from './config';

/** A share as a signed percentage: −6%. */
const pct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(0)}%`;

/** The market maker's sides of the book and its two kinds of MM, the same colour in every chart. */
const BID = PALETTE.blue;
const ASK = PALETTE.vermillion;
const CONDITIONAL = PALETTE.blue;
const BASELINE = PALETTE.vermillion;
/** Float32 omegas against the scenario's list. */
const OMEGA_TOLERANCE = 1e-6;

/** An omega the market maker never trained on (the evaluation's extra points between the trained ones). */
const untrained = (omega: number, s: MarketMakerScenario) => !parseList(s.omegas).some((w) => Math.abs(w - omega) < OMEGA_TOLERANCE);

/** One panel of the paper's Figure 8: a figure of the frozen MMs against omega, from the latest evaluation. */
function figure8(what: 'spread' | 'pnl' | 'share', title: string, measured: string, yLabel: string): SnapshotChart<MarketMakerScenario> {
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


export default defineView<MarketMakerScenario>({
  form: [
    {
      legend: 'Environment',
      items: [
        { kind: 'number', key: 'n', label: 'Liquidity takers n', unit: 'per market and step', step: 1, slider: 'log' },
        { kind: 'number', key: 'sigma', label: 'Price shock σ', unit: 'std per step', step: 0.01 },
        { kind: 'number', key: 'zeta', label: 'Private-value spread ζ', unit: "std of the takers' values around p0 = 100", step: 0.1 },
        { kind: 'number', key: 'hMax', label: 'Largest half spread h_max', unit: 'price units; 21 levels from 0', step: 0.5 },
        { kind: 'number', key: 'horizon', label: 'Episode length T', unit: 'steps', step: 8 },
        { kind: 'number', key: 'markets', label: 'Parallel markets', unit: 'one MM each; the rollouts of the ± std bands', step: 1 },
      ],
    },
    {
      legend: 'Preferences (leader)',
      items: [
        {
          kind: 'choice',
          key: 'leader',
          label: 'Who sets the preference ω',
          labels: { maxent: 'Robust learning: maximum entropy over the set', prior: 'A prior over the set (weights below)', fixed: 'One fixed ω (slider)' },
        },
        { kind: 'text', key: 'omegas', label: 'Preferences ω trained on', hint: 'comma-separated, from 0 (market share only) to 1 (profit only); Figure 8 also plays 0.1, 0.6 and 0.9' },
        { kind: 'text', key: 'prior', label: 'Prior weights over ω', hint: 'one weight per ω of the set, e.g. 1,1,2,1,1; empty: uniform', when: leaderIs('prior') },
        { kind: 'number', key: 'omega', label: 'Preference ω', unit: '1: profit only, 0: market share only', step: 0.05, slider: 'linear', live: true, when: leaderIs('fixed') },
        { kind: 'toggle', key: 'baselines', label: 'Train fixed-ω baselines', hint: 'one more MM trained at each ω of the set, for comparison; each costs a run' },
      ],
    },
    ppoRun('Market maker'),
  ],
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
    symbols: ['ω'],
    action: (k, s) => `h = ${+((s.hMax * k) / (LEVELS - 1)).toFixed(3)}`,
    headline: [
      { key: 'spread', label: 'half spread h (price units)', digits: 3 },
      { key: 'pnl', label: 'PnL / n per step', digits: 3 },
      { key: 'share', label: 'market share (0 to 1)', digits: 3 },
      { key: 'reward', label: 'reward per step at the applied ω', digits: 4 },
    ],
  },
  compared: ['reward', 'spread'],
  presets: [
    {
      id: 'market-maker',
      title: 'One market maker for every preference',
      source: 'ADAGE §4.4, Figure 8',
      scenario: { env: 'market-maker', leader: 'maxent' },
      question:
        'A market maker trades off profit against market share with a preference ω. Can one policy, trained on a maximum-entropy spread of preferences, serve every ω as well as a specialist trained on one?',
      equations: [
        { tex: String.raw`R_t = \omega\,\frac{\mathrm{PnL}_t}{n} + (1 - \omega)\,\frac{m_t}{n}`, note: 'the market maker’s reward: profit and share of the n takers' },
        { tex: String.raw`\pi(h \mid o, \omega), \qquad \omega \sim q, \quad \max_q\; H(q)`, note: 'one conditional policy; the leader spreads ω as widely as it can' },
      ],
      charts: ['chart-fig8-spread', 'chart-shortfall'],
      watch: [
        'Figure 8: the conditional policy’s spread, profit and share against ω, beside the fixed-ω specialists.',
        'Omegas never trained on fall in between.',
        'The shortfall against the specialists shrinking through training.',
      ],
      paper: 'Figure 8: the conditional market maker matches the specialists trained at each fixed ω; its spread rises with ω.',
      claim: { key: 'shortfall', than: { value: 0.1 }, better: 'lower', text: 'The one conditional market maker comes within 10% of the specialist trained at each ω (its largest reward shortfall below 0.1)', paper: 'matches the specialists (Figure 8)' },
      live: { patch: { n: 20, markets: 8, horizon: 32, omegas: '0,0.5,1', iterations: 70 }, seconds: 45 },
      finalKeys: ['shortfall', 'spread', 'pnl', 'share'],
      ours: (m) =>
        `largest reward shortfall below a specialist ${Number.isFinite(m.shortfall) ? pct(-m.shortfall) : '–'}; mean half spread ${fig(m.spread)}, profit ${fig(m.pnl, 3)}, share ${fig(m.share)}.`,
    },
  ],
});
