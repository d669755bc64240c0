/**
 * Environment id -> everything the worker, the CLI and the tests need to run it: its label, the
 * scalar figures it reports, the theory lines for its charts, the run length, and the Experiment
 * that trains it. Ids are versioned by the scenario version once shared; add an entry per
 * environment.
 */
import type { EntranceDiffScenario, EntranceScenario, EnvId, Scenario, ScenarioOf } from '../../scenario/schema';
import type { Experiment, MetricSpec, ReferenceLine } from '../experiment';
import { StackelbergTrainer, type IterationMetrics } from '../stackelberg';
import { totalIterations } from './entrance-diff/config';
import { createEntranceDiffExperiment, entranceDiffReferences, ENTRANCE_DIFF_METRICS } from './entrance-diff';

export interface EnvEntry<S extends Scenario = Scenario> {
  label: string;
  /** The scalar figures of every iteration, in the order tables show them. */
  metrics: MetricSpec[];
  /** The run length in iterations. */
  iterations(s: S): number;
  /** Theory lines for the charts. */
  references(s: S): ReferenceLine[];
  experiment(s: S): Experiment;
}

/** The PPO experiments' figures (StackelbergTrainer's IterationMetrics, less the snapshot). */
const PPO_METRICS: MetricSpec[] = [
  { key: 'attendance', label: 'mean attendance D (traders), over markets and steps', final: true },
  { key: 'volatility', label: 'std(D): sample std of D_t in the episode, mean over markets', final: true },
  { key: 'mapc', label: 'mean absolute percentage change of D: mean over markets and t of |D_t - D_(t-1)| / D_(t-1), steps with D_(t-1) = 0 skipped', final: true },
  { key: 'welfare', label: 'mean trader reward per step, after tax', final: true },
  { key: 'theta', label: 'tau, mean over markets', final: true },
  { key: 'thetaStd', label: 'tau, std across markets' },
  { key: 'leaderReward', label: "leader's reward, mean over markets" },
  { key: 'policyLoss', label: "followers' PPO policy loss" },
  { key: 'valueLoss', label: "followers' PPO value loss" },
  { key: 'entropy', label: "followers' policy entropy (nats)" },
  { key: 'approxKl', label: "followers' approximate KL per update" },
];

/** The StackelbergTrainer as an Experiment: its figures by key, the episode's D_t as a snapshot. */
function ppoExperiment(s: EntranceScenario): Experiment {
  const trainer = new StackelbergTrainer(s);
  return {
    get iterationsDone() {
      return trainer.iterationsDone;
    },
    async iterate() {
      const m: IterationMetrics = await trainer.iterate();
      const metrics = Object.fromEntries(PPO_METRICS.map(({ key }) => [key, m[key as keyof IterationMetrics] as number]));
      return { iteration: m.iteration, metrics, snapshots: { episode: m.series }, ms: m.ms };
    },
    setFixedTheta: (theta) => trainer.setFixedTheta(theta),
    dispose: () => trainer.dispose(),
  };
}

export const ENV_REGISTRY: { [E in EnvId]: EnvEntry<ScenarioOf<E>> } = {
  'entrance-tobin': {
    label: 'Market entrance with a Tobin tax (PPO traders)',
    metrics: PPO_METRICS,
    iterations: (s) => s.iterations,
    references: (s) => {
      const C = s.c * s.n;
      return [
        { label: 'capacity C', value: C },
        { label: 'mixed equilibrium n(C−1)/(n−1)', value: (s.n * (C - 1)) / (s.n - 1) },
      ];
    },
    experiment: ppoExperiment,
  },
  'entrance-diff': {
    label: 'Entrance (differentiable): late participants and a fairness tax',
    metrics: ENTRANCE_DIFF_METRICS,
    iterations: (s: EntranceDiffScenario) => totalIterations(s),
    references: entranceDiffReferences,
    experiment: createEntranceDiffExperiment,
  },
};

/** The registry entry of a scenario's environment, typed for that scenario. */
export function envOf(s: Scenario): EnvEntry {
  return ENV_REGISTRY[s.env] as unknown as EnvEntry;
}
