/** Market entrance with a Tobin tax, on the page: its form, charts, headline, probe and preset. */
import { OBJECTIVES } from '../../engine/leaders/objectives';
import { fig } from '../view/figure-text';
import { PALETTE } from '../view/palette';
import { defineView, learningChart, learningLeader, leaderIs, ppoRun, tauProbe } from '../view/parts';
import type { PresetVariant } from '../view/types';
import type { EntranceScenario } from './config';
import { TABLE2 } from './paper';

const table2Variants: PresetVariant[] = TABLE2.cShares.map((c, i) => {
  const C = Math.round(c * TABLE2.n);
  return {
    label: `C = ${C}`,
    patch: { c },
    paper: `Table 2, n = ${TABLE2.n}, C = ${C}: std(D) ${TABLE2.std.baseline[i].toFixed(2)} without a tax, ${TABLE2.std.adage[i].toFixed(2)} with the ADAGE leader.`,
  };
});

export default defineView<EntranceScenario>({
  form: [
    {
      legend: 'Environment',
      items: [
        { kind: 'number', key: 'n', label: 'Traders n', unit: 'per market', step: 1 },
        { kind: 'number', key: 'c', label: 'Capacity share c', unit: 'C = c·n', step: 0.05, slider: 'linear' },
        { kind: 'number', key: 'horizon', label: 'Episode length T', unit: 'steps', step: 8 },
        { kind: 'number', key: 'markets', label: 'Parallel markets', unit: 'copies', step: 1 },
      ],
    },
    {
      legend: 'Leader',
      items: [
        {
          kind: 'choice',
          key: 'leader',
          label: 'Who sets the tax',
          labels: { ppo: 'Learning leader (PPO)', bayesopt: 'Bayesian optimisation (GP, expected improvement)', fixed: 'Fixed tax (slider)', none: 'No tax (baseline)' },
        },
        {
          kind: 'choice',
          key: 'objective',
          label: 'Leader objective',
          labels: Object.fromEntries(Object.entries(OBJECTIVES).map(([id, o]) => [id, o.label])),
          when: leaderIs('ppo'),
        },
        { kind: 'number', key: 'tau', label: 'Tax τ', unit: 'share of r*', step: 0.005, slider: 'linear', live: true, when: leaderIs('fixed') },
        { kind: 'number', key: 'tauMin', label: 'Lowest tax τ_min', unit: 'share of r*', step: 0.005, live: true, when: leaderIs('ppo', 'bayesopt') },
        { kind: 'number', key: 'tauMax', label: 'Highest tax τ_max', unit: 'share of r*', step: 0.005, live: true, when: leaderIs('ppo', 'bayesopt') },
        ...learningLeader('Followers', 10),
      ],
    },
    ppoRun('Follower'),
  ],
  charts: [
    {
      kind: 'iterations',
      testId: 'chart-attendance',
      title: 'Attendance',
      caption: 'mean number of traders entering per step, averaged over markets',
      yLabel: 'D (traders)',
      series: [{ key: 'attendance', name: 'mean attendance D', color: PALETTE.blue }],
      refs: ['capacity', 'mixedEquilibrium'],
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
      refs: ['capacity'],
    },
    learningChart("followers'"),
  ],
  headline: [
    { key: 'attendance', label: 'attendance D', digits: 2, ref: 'capacity' },
    { key: 'volatility', label: 'std(D)', digits: 2 },
    { key: 'theta', label: 'τ', digits: 3 },
    { key: 'welfare', label: 'welfare', digits: 2 },
  ],
  trial: tauProbe([
    { key: 'attendance', label: 'attendance D (traders)', digits: 2 },
    { key: 'volatility', label: 'std(D) (traders)', digits: 3 },
    { key: 'welfare', label: 'welfare (reward per step, after tax)', digits: 4 },
  ]),
  compared: ['volatility', 'welfare'],
  presets: [
    {
      id: 'tobin-tax',
      title: 'A Tobin tax calms a herding market',
      source: 'ADAGE §4.3, Table 2',
      scenario: { env: 'entrance-tobin', n: TABLE2.n, c: 0.6, leader: 'ppo', objective: 'volatility', iterations: 200 },
      question:
        'Traders decide each step whether to enter a market of capacity C. Learning from the same signals, they herd in and out. Can a regulator who learns a tax on switching position calm the market?',
      equations: [
        { tex: String.raw`r^*_{k,t} = \begin{cases} \beta + v\,(C - D_t) & \text{enter} \\ \beta & \text{stay out} \end{cases}`, note: "trader k's payoff; D_t traders entered" },
        { tex: String.raw`r_{k,t} = r^*_{k,t} - \tau\,\lvert r^*_{k,t}\rvert\,\mathbb{1}[a_{k,t} \neq a_{k,t-1}]`, note: 'the Tobin tax τ is paid on switching' },
        { tex: String.raw`\max_{\tau}\; -\operatorname{std}(D_t) \quad\text{s.t. } \pi \text{ best responds to } \tau`, note: "the leader's objective: minus volatility" },
      ],
      charts: ['chart-volatility', 'chart-tax'],
      compare: true,
      watch: [
        'Volatility std(D) falls in both lines: the traders learn to coordinate by themselves, with or without a tax. The tax’s effect is the gap between this run and its baseline (the same traders with no tax, trained beside it), not the fall.',
        'The tax τ the leader learns, within its bounds τ_min to τ_max.',
        'Under “More charts”: the latest episode, D_t swinging around C, then settling.',
      ],
      paper: table2Variants[5].paper,
      claim: { key: 'volatility', than: 'baseline', better: 'lower', text: 'The learned tax lowers volatility std(D) below that of the same traders without a tax', paper: 'std(D) 1.62 with the tax, 2.13 without (C = 12)' },
      live: { patch: { markets: 4, horizon: 64, hidden: 32, iterations: 120, leaderWarmup: 10 }, seconds: 40 },
      finalKeys: ['volatility', 'theta', 'attendance'],
      ours: (m) => `std(D) ${fig(m.volatility)} with τ learned at ${fig(m.theta, 3)}; mean attendance ${fig(m.attendance)}.`,
      variants: table2Variants,
      // c = 0.6, the lab's default capacity share.
      defaultVariant: 5,
    },
  ],
});
