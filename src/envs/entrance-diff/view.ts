/** Market entrance with differentiable followers and a fairness tax, on the page: its form, charts, headline, probe and preset. */
import { fig } from '../view/figure-text';
import { PALETTE } from '../view/palette';
import { defineView, leaderIs, tauProbe } from '../view/parts';
import type { EntranceDiffScenario } from './config';

/** The two groups' colours in every chart: G1 from the start, G2 late. */
const G1 = PALETTE.blue;
const G2 = PALETTE.orange;

export default defineView<EntranceDiffScenario>({
  form: [
    {
      legend: 'Environment',
      items: [
        { kind: 'number', key: 'n', label: 'Agents N', step: 1, slider: 'log' },
        { kind: 'number', key: 'c', label: 'Capacity share c', unit: 'C = c·N', step: 0.05, slider: 'linear' },
        { kind: 'number', key: 'v', label: 'Stay-out payoff v', step: 0.5 },
        { kind: 'number', key: 'lateStart', label: 'Late group G2 starts at ι_G2', unit: 'share of the run I', step: 0.05, slider: 'linear' },
        { kind: 'choice', key: 'init', label: 'Initial strategies a_i', labels: { zeros: 'All 0', uniform: 'Uniform(0, 1), one draw per run' } },
      ],
    },
    {
      legend: 'Leader',
      items: [
        { kind: 'choice', key: 'leader', label: 'Who sets the over-use tax', labels: { fairness: 'Learning leader: fairness (−Gini)', fixed: 'Fixed τ (slider)', none: 'No tax' } },
        { kind: 'number', key: 'tau', label: 'Tax τ', unit: 'per unit over the mean', step: 0.005, slider: 'linear', live: true, when: leaderIs('fixed') },
        { kind: 'number', key: 'tauMax', label: 'Highest tax τ_max', unit: 'paper: 0.1', step: 0.05, live: true, when: leaderIs('fairness', 'fixed') },
        { kind: 'number', key: 'alphaL', label: 'Leader step α_L', step: 0.01, slider: 'log', live: true, when: (s) => s.leader === 'fairness' && s.leaderGradient !== 'rollout', advanced: true },
        {
          kind: 'choice',
          key: 'leaderGradient',
          label: "How the leader judges a tax",
          labels: { rollout: 'Plays the run out at candidate taxes (τ, τ ± s, 0)', myopic: 'Gradient, followers held fixed', unrolled: 'Gradient unrolled through k follower steps' },
          when: leaderIs('fairness'),
        },
        { kind: 'number', key: 'unrollSteps', label: 'Look-ahead k', unit: 'iterations: plays and follower steps', step: 1, when: (s) => s.leader === 'fairness' && s.leaderGradient === 'unrolled', advanced: true },
      ],
    },
    {
      legend: 'Learning and run',
      items: [
        { kind: 'number', key: 'alphaF', label: 'Follower step α_F', step: 0.0001, slider: 'log', advanced: true },
        { kind: 'number', key: 'iterationsPerAgent', label: 'Run length I / N', unit: 'I = 10 N in the paper', step: 10 },
        { kind: 'number', key: 'runs', label: 'Runs side by side', unit: 'one initialisation seed each', step: 10 },
        { kind: 'number', key: 'seed', label: 'Seed', step: 1 },
      ],
    },
  ],
  charts: [
    {
      kind: 'iterations',
      testId: 'chart-attendance',
      title: 'Attendance',
      caption: 'mean attendance probability over all agents and runs',
      yLabel: 'a (probability)',
      series: [{ key: 'attendance', name: 'mean a', color: PALETTE.black }],
      refs: ['mixedEquilibrium', 'capacity'],
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
    { key: 'attendance', label: 'mean a', digits: 3, ref: 'mixedEquilibrium' },
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
  compared: ['gini', 'gap'],
  presets: [
    {
      id: 'late-fairness',
      title: 'Late participants and a fairness tax',
      source: 'ADAGE-Diff (ADAGE §3–4)',
      scenario: { env: 'entrance-diff', n: 10, c: 0.6, leader: 'fairness', lateStart: 0.5, init: 'uniform', runs: 20 },
      question:
        'Half the agents arrive late, when the early half has already filled the market. Are they locked out, and can a tax on over-use, learned by gradient steps through the simulator, restore fairness?',
      equations: [
        { tex: String.raw`U_i = a_i\,\bigl(v + 2\,(C - m_i)\bigr) + (1 - a_i)\,v, \qquad m_i = 1 + \textstyle\sum_{j \neq i} a_j`, note: "agent i's expected payoff at attendance probability a_i" },
        { tex: String.raw`U_i^T = U_i - \tau\, a_i \max(a_i - m, 0)`, note: 'the over-use tax, m the mean attendance probability' },
        { tex: String.raw`\max_\tau\; -G(R), \qquad G = \frac{\sum_i \sum_j \lvert R_i - R_j\rvert}{2 N^2 \bar R}`, note: "the leader: minus the Gini of cumulative returns R_i" },
      ],
      charts: ['chart-groups', 'chart-tax'],
      watch: [
        'Attendance by group: the late group (G2) stays out once the early group (G1) has filled the market.',
        'The tax path τ: before the first iteration the leader plays the whole run out at taxes from 0 to τ_max and starts at the fairest; every I/50 iterations it plays the rest out again at τ, τ ± a step and 0 and moves to the fairest end. Beside it, the Gini of returns of the no-tax run.',
        'The "strong tax" variant: with τ up to 5 the gap closes.',
      ],
      paper:
        'The early group locks the late one out; the learned over-use tax narrows the gap between the groups and lowers the Gini of returns (no numbers given for this setting).',
      claim: { key: 'gap', than: 'baseline', better: 'lower', text: 'The learned tax narrows the gap between the early and the late group below that with no tax', paper: 'narrower with the tax' },
      live: { patch: {}, seconds: 5 },
      finalKeys: ['gap', 'gini', 'tau'],
      ours: (m) => `gap a(G1) − a(G2) ${fig(m.gap, 3)}, Gini of returns ${fig(m.gini, 4)}, τ ${fig(m.tau, 3)}.`,
      variants: [
        { label: 'paper: τ ≤ 0.1', patch: { n: 10, tauMax: 0.1, alphaL: 0.04 }, paper: 'The early group locks the late one out; the learned over-use tax (τ ≤ 0.1) narrows the gap between the groups and lowers the Gini of returns.' },
        { label: 'strong tax: τ ≤ 5', patch: { n: 100, tauMax: 5, alphaL: 10 }, paper: 'Beyond the paper: with τ allowed up to 5 a fixed tax of 5 closes the gap between the groups, and the learned leader taxes only as far as playing the run out says the final Gini falls: a tax that closes the gap can still leave returns less equal.' },
      ],
    },
  ],
});
