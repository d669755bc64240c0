/**
 * A run's baseline: the same scenario and seed with the leader switched off (or, where the
 * environment has no "off", held at one fixed theta), so a comparison shows what the leader
 * changes and nothing else. Pure: the lab runs the result in a second worker.
 */
import type { Scenario, ScenarioOf } from './schema';

export interface Baseline {
  /** The scenario to run beside the user's. */
  scenario: Scenario;
  /** What the baseline is, in plain words, for the page. */
  description: string;
  /** How the one-line difference names the baseline after its first figure ("0.41 vs 0.93 without"). */
  against: string;
}

type BaselineOf<S extends Scenario> = (s: S) => Baseline;

/** The baseline of an environment whose leader can be switched off ('none'). */
const leaderOff =
  (description: string, against: string) =>
  (s: Scenario): Baseline => ({ scenario: { ...s, leader: 'none' } as Scenario, description, against });

const BASELINES: { [E in Scenario['env']]: BaselineOf<ScenarioOf<E>> } = {
  'entrance-tobin': leaderOff('The same traders, same seed, with no Tobin tax (τ = 0 in every market).', 'without'),
  'entrance-diff': leaderOff('The same agents, same seed and starting strategies, with no over-use tax (τ = 0).', 'without'),
  cobweb: leaderOff('The same producers, same seed and target, with no calibrator: every λ_i = 0 (fully rational producers).', 'with every λ_i = 0'),
  cournot: leaderOff('The same firms, same seed and target, with no calibrator: every λ_i = 0 (fully rational firms).', 'with every λ_i = 0'),
  'supply-chain': leaderOff('The same chains, same seed, demand and target, with no calibrator: every λ_i = 0 (fully rational stages).', 'with every λ_i = 0'),
  'tax-economy': leaderOff('The same households, same seed, with no government: no taxes and no transfers (the free market).', 'without taxes'),
  // There is no "no preference": the natural baseline is one market maker trained at one omega.
  // Its own fixed-omega baselines would only repeat it, at a run's cost each, so they are off.
  'market-maker': (s) => ({
    scenario: { ...s, leader: 'fixed', baselines: false },
    description: `The same market makers, same seed, trained at one fixed ω = ${s.omega} instead of a distribution over ω (without fixed-ω baselines of its own).`,
    against: `at fixed ω = ${s.omega}`,
  }),
};

/** The baseline of a run (see the module comment); says so when the run has no leader to switch off. */
export function baselineOf(s: Scenario): Baseline {
  const b = (BASELINES[s.env] as BaselineOf<Scenario>)(s);
  if (b.scenario.leader !== s.leader) return b;
  return { ...b, description: `${b.description} This run's leader is the same, so the two lines coincide.` };
}

/** A run's leader, named for the one-line difference ("Learned tax: ..."). */
export function leaderName(s: Scenario): string {
  switch (s.env) {
    case 'entrance-tobin':
      return { ppo: 'Learned tax', bayesopt: 'Tax by Bayesian optimisation', fixed: `Fixed tax τ = ${s.tau}`, none: 'No tax' }[s.leader];
    case 'entrance-diff':
      return { fairness: 'Fairness tax', fixed: `Fixed tax τ = ${s.tau}`, none: 'No tax' }[s.leader];
    case 'cobweb':
    case 'cournot':
    case 'supply-chain':
      return { ppo: 'PPO calibrator', bayesopt: 'Bayesian calibrator', fixed: `Fixed λ_i ~ N(${s.mu}, ${s.sigma})`, none: 'Every λ_i = 0' }[s.leader];
    case 'tax-economy':
      return { ppo: 'Learned taxes', bayesopt: 'Taxes by Bayesian optimisation', fixed: 'Fixed taxes', none: 'No taxes' }[s.leader];
    case 'market-maker':
      return { maxent: 'Maximum-entropy ω', prior: 'Prior over ω', fixed: `Fixed ω = ${s.omega}` }[s.leader];
  }
}
