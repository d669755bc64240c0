/**
 * What several environments' views share: the identity that types a view for its scenario, the
 * PPO followers' learning chart and form section, a learning leader's fields, and the entrance
 * games' probe. The calibrations' shared parts are in ./calibration.ts.
 */
import type { ScenarioBase } from '../env-module';
import { PALETTE } from './palette';
import type { EnvView, FieldSpec, FormSection, HeadlineSpec, IterationChart, TrialSpec } from './types';

/** A view, typed for its own scenario, checked against the shape. */
export const defineView = <S extends ScenarioBase>(v: EnvView<S>): EnvView<S> => v;

/** Tables summarise this many recent iterations: one episode's moments are noisy. */
export const TABLE_WINDOW = 10;

/** The PPO followers' entropy and value loss, under whatever name the environment gives them ("households'"). */
export const learningChart = (whose: string): IterationChart => ({
  kind: 'iterations',
  testId: 'chart-learning',
  title: 'Learning diagnostics',
  caption: `${whose} PPO: policy entropy (nats) and value loss`,
  yLabel: 'value',
  series: [
    { key: 'entropy', name: 'entropy', color: PALETTE.orange },
    { key: 'valueLoss', name: 'value loss', color: PALETTE.sky },
  ],
});

/** The entrance games' probe: tau on a slider, two actions (stay out, enter), these outcomes. */
export const tauProbe = (headline: HeadlineSpec[]): TrialSpec<ScenarioBase> => ({ symbols: ['τ'], action: (k) => (k === 1 ? 'enter' : 'stay out'), headline });

/** A field shown only for these leaders. */
export const leaderIs =
  (...kinds: string[]) =>
  (s: ScenarioBase) =>
    kinds.includes(s.leader);

/** A learning leader's step and schedule (the PPO and Bayesian-optimisation leaders). */
export const learningLeader = (followers: string, warmupStep: number): FieldSpec<ScenarioBase>[] => [
  { kind: 'number', key: 'leaderLr', label: 'Leader step α_L', step: 0.0005, live: true, when: leaderIs('ppo'), advanced: true },
  { kind: 'number', key: 'leaderWarmup', label: `${followers} learn first for`, unit: 'episodes', step: warmupStep, when: leaderIs('ppo', 'bayesopt') },
  { kind: 'number', key: 'leaderEvery', label: 'Leader updates every', unit: 'episodes', step: 1, live: true, when: leaderIs('ppo', 'bayesopt'), advanced: true },
];

/** The PPO followers' learning settings and the run's length and seed (every PPO environment). */
export const ppoRun = (followers: string): FormSection<ScenarioBase> => ({
  legend: 'Learning and run',
  items: [
    { kind: 'number', key: 'followerLr', label: `${followers} step α_F`, step: 0.0001, advanced: true },
    { kind: 'number', key: 'hidden', label: 'Hidden units', unit: 'per layer (2 layers)', step: 8, advanced: true },
    { kind: 'number', key: 'epochs', label: 'PPO epochs', unit: 'passes over each batch', step: 1, advanced: true },
    { kind: 'number', key: 'iterations', label: 'Iterations', unit: 'episodes', step: 10 },
    { kind: 'number', key: 'seed', label: 'Seed', step: 1 },
  ],
});
