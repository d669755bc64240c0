/**
 * How each environment's scenario appears in the form: sections of number fields (label,
 * unit, input step) and choices (labels of the schema's options). Ranges and options come from
 * the schema, so form and validation agree.
 */
import { decodeSeries, encodeSeries, MAX_CSV_BYTES, parseSeriesCsv, type SeriesKind } from '../../envs/calibration/series-data';
import { PRICES } from '../../envs/cobweb/data';
import { COURNOT_PRICES } from '../../envs/cournot/data';
import { ORDERS } from '../../envs/supply-chain/data';
import { OBJECTIVES } from '../../engine/leaders/objectives';
import type { EnvId, Scenario } from '../../scenario/schema';

export interface FieldSpec {
  kind: 'number';
  key: string;
  label: string;
  unit?: string;
  step: number;
  /**
   * A slider beside the number box; 'log' for quantities spanning decades (step sizes, N from
   * 10 to 1000), whose slider moves by equal factors rather than equal amounts.
   */
  slider?: 'linear' | 'log';
  /** May change while a run exists (the fixed leader's tax); everything else waits for Reset. */
  live?: boolean;
  /** Shown only when this holds. */
  when?: (s: Scenario) => boolean;
}

export interface ChoiceSpec {
  kind: 'choice';
  key: string;
  label: string;
  /** A label for each of the schema's options. */
  labels: Record<string, string>;
  when?: (s: Scenario) => boolean;
}

/** A file of data that sets a field (e.g. observed prices for a calibration target). */
export interface UploadSpec {
  kind: 'upload';
  key: string;
  label: string;
  hint: string;
  /** Files larger than this are refused before they are read. */
  maxBytes: number;
  /** The field's new value from the file's text, and the other fields it sets; throws with a message naming the problem. */
  read(text: string): Record<string, unknown>;
  /** What the field holds now, in words ('' when empty). */
  describe(value: string): string;
  when?: (s: Scenario) => boolean;
}

/** A line of text checked by the field's schema and the scenario's cross-field rules (a list of numbers). */
export interface TextSpec {
  kind: 'text';
  key: string;
  label: string;
  /** What to type, in words, under the box. */
  hint: string;
  when?: (s: Scenario) => boolean;
}

/** A yes/no field (a checkbox). */
export interface ToggleSpec {
  kind: 'toggle';
  key: string;
  label: string;
  hint?: string;
  when?: (s: Scenario) => boolean;
}

export interface FormSection {
  legend: string;
  items: (FieldSpec | ChoiceSpec | UploadSpec | TextSpec | ToggleSpec)[];
}

const leaderIs =
  (...kinds: string[]) =>
  (s: Scenario) =>
    kinds.includes(s.leader);

/** A learning leader's step and schedule (the PPO and Bayesian-optimisation leaders). */
const learningLeader = (followers: string, warmupStep: number): FieldSpec[] => [
  { kind: 'number', key: 'leaderLr', label: 'Leader step α_L', step: 0.0005, when: leaderIs('ppo') },
  { kind: 'number', key: 'leaderWarmup', label: `${followers} learn first for`, unit: 'episodes', step: warmupStep, when: leaderIs('ppo', 'bayesopt') },
  { kind: 'number', key: 'leaderEvery', label: 'Leader updates every', unit: 'episodes', step: 1, when: leaderIs('ppo', 'bayesopt') },
];

/** The PPO followers' learning settings and the run's length and seed (every PPO environment). */
const ppoRun = (followers: string): FormSection => ({
  legend: 'Learning and run',
  items: [
    { kind: 'number', key: 'followerLr', label: `${followers} step α_F`, step: 0.0001 },
    { kind: 'number', key: 'hidden', label: 'Hidden units', unit: 'per layer (2 layers)', step: 8 },
    { kind: 'number', key: 'iterations', label: 'Iterations', unit: 'episodes', step: 10 },
    { kind: 'number', key: 'seed', label: 'Seed', step: 1 },
  ],
});

const entrance: FormSection[] = [
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
      { kind: 'number', key: 'tauMin', label: 'Lowest tax τ_min', unit: 'share of r*', step: 0.005, when: leaderIs('ppo') },
      { kind: 'number', key: 'tauMax', label: 'Highest tax τ_max', unit: 'share of r*', step: 0.005, when: leaderIs('ppo') },
      ...learningLeader('Followers', 10),
    ],
  },
  ppoRun('Follower'),
];

const entranceDiff: FormSection[] = [
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
      { kind: 'number', key: 'tauMax', label: 'Highest tax τ_max', unit: 'paper: 0.1', step: 0.05, when: leaderIs('fairness', 'fixed') },
      { kind: 'number', key: 'alphaL', label: 'Leader step α_L', step: 0.01, slider: 'log', when: leaderIs('fairness') },
      {
        kind: 'choice',
        key: 'leaderGradient',
        label: "Leader's gradient",
        labels: { myopic: 'Myopic (followers held fixed)', unrolled: 'Unrolled through k follower steps' },
        when: leaderIs('fairness'),
      },
      { kind: 'number', key: 'unrollSteps', label: 'Look-ahead k', unit: 'iterations: plays and follower steps', step: 1, when: (s) => s.leader === 'fairness' && s.env === 'entrance-diff' && s.leaderGradient === 'unrolled' },
    ],
  },
  {
    legend: 'Learning and run',
    items: [
      { kind: 'number', key: 'alphaF', label: 'Follower step α_F', step: 0.0001, slider: 'log' },
      { kind: 'number', key: 'iterationsPerAgent', label: 'Run length I / N', unit: 'I = 10 N in the paper', step: 10 },
      { kind: 'number', key: 'runs', label: 'Runs side by side', unit: 'one initialisation seed each', step: 10 },
      { kind: 'number', key: 'seed', label: 'Seed', step: 1 },
    ],
  },
];

/** What a calibration environment's form calls its series, its copies and its agents. */
interface CalibrationWords {
  series: SeriesKind;
  /** Its copies, capitalised: 'Markets', 'Chains'. */
  copies: string;
  /** Its agents, capitalised: 'Producers', 'Firms'. */
  agents: string;
  /** One agent, lower case: 'producer', 'firm'. */
  agent: string;
}

const isSynthetic = (s: Scenario) => 'target' in s && s.target === 'synthetic';

/**
 * A calibration's target and calibrator (every environment whose leader fits (mu, sigma) of
 * lambda_i to a target series): the same fields in the same places, in each one's words.
 */
const calibrationSections = (w: CalibrationWords): FormSection[] => [
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
        labels: { distribution: 'The distribution of λ_i: (μ, σ)', individual: `Each ${w.agent}’s λ_i` },
        when: leaderIs('ppo', 'bayesopt'),
      },
      { kind: 'number', key: 'mu', label: 'μ of λ_i', step: 0.01, slider: 'linear', when: leaderIs('fixed') },
      { kind: 'number', key: 'sigma', label: 'σ of λ_i', step: 0.01, slider: 'linear', when: leaderIs('fixed') },
      ...learningLeader(w.agents, 5),
    ],
  },
  ppoRun(w.agents.replace(/s$/, '')),
];

const cobweb: FormSection[] = [
  {
    legend: 'Environment',
    items: [
      { kind: 'number', key: 'n', label: 'Producers n', unit: 'per market', step: 1 },
      { kind: 'number', key: 'noiseStd', label: 'Price noise σ_ε', unit: 'std of ε_t', step: 0.05 },
      { kind: 'number', key: 'horizon', label: 'Episode length T', unit: 'steps', step: 8 },
      { kind: 'number', key: 'markets', label: 'Calibrated markets', unit: 'copies', step: 1 },
    ],
  },
  ...calibrationSections({ series: PRICES, copies: 'Markets', agents: 'Producers', agent: 'producer' }),
];

const cournot: FormSection[] = [
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
];

/** Demand's seasonal fields, shown when demand is seasonal. */
const isSeasonal = (s: Scenario) => s.env === 'supply-chain' && s.demand === 'seasonal';

const supplyChain: FormSection[] = [
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
];

/** One of the fixed government's four HSV parameters: a slider that moves while the run goes on. */
const taxSlider = (key: string, label: string, unit: string): FieldSpec => ({ kind: 'number', key, label, unit, step: 0.01, slider: 'linear', live: true, when: leaderIs('fixed') });

const taxEconomy: FormSection[] = [
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
];

const marketMaker: FormSection[] = [
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
];

export const FORMS: Record<EnvId, FormSection[]> = {
  'entrance-tobin': entrance,
  'entrance-diff': entranceDiff,
  cobweb,
  cournot,
  'supply-chain': supplyChain,
  'tax-economy': taxEconomy,
  'market-maker': marketMaker,
};
