/** The tax economy (policy design), as the engine, the worker and the command line run it. */
import type { MetricSpec } from '../../engine/experiment';
import type { PpoExperimentSpec } from '../../engine/ppo-experiment';
import { defineEnv, leaderOff } from '../env-module';
import { ppoParts, ppoWorkload } from '../ppo';
import { taxEconomyScenarioSchema, taxEconomyWorkload, THETA_DIM, THETA_NAMES, type TaxEconomyScenario } from './config';
import { LEADER_OBS_DIM, OBS_DIM, TaxEconomyEnv } from './env';
import { bestFlatFigures } from './evaluate';
import { EVALUATION_ONLY, TAX_ECONOMY_METRICS } from './report';

/** The environment's figures, then the run's. */
const METRICS: MetricSpec[] = [
  ...TAX_ECONOMY_METRICS,
  { key: 'leaderReward', label: "government's reward: social welfare (minus it when adversarial), mean over its economies" },
  { key: 'entropy', label: "households' policy entropy (nats, Gaussian on the unsquashed action)" },
  { key: 'valueLoss', label: "households' PPO value loss" },
];

const fixedTheta = (s: TaxEconomyScenario) => Float32Array.of(s.tauI, s.xiI, s.tauA, s.xiA);
/** theta = (tau_i, xi_i, tau_a, xi_a), each in [0, 1]. */
const range = () => ({ lo: new Array(THETA_DIM).fill(0), hi: new Array(THETA_DIM).fill(1) });

const spec: PpoExperimentSpec<TaxEconomyScenario> = {
  build: (s) => ({ env: new TaxEconomyEnv(s), thetaRange: range(), fixedTheta: fixedTheta(s), objective: s.objective }),
  metrics: METRICS,
  fixedTheta,
  // Evaluation mode also plays the best flat income tax of a grid on the frozen households.
  evaluated: bestFlatFigures,
};

export default defineEnv<TaxEconomyScenario>({
  id: 'tax-economy',
  label: 'Tax economy: a government learns income and asset taxes',
  schema: taxEconomyScenarioSchema,
  theta: { fields: THETA_NAMES, fixed: fixedTheta, range, metrics: THETA_NAMES },
  metrics: METRICS,
  references: () => [],
  iterations: (s) => s.iterations,
  baseline: leaderOff('The same households, same seed, with no government: no taxes and no transfers (the free market).', 'without taxes'),
  leaderName: (s) => ({ ppo: 'Learned taxes', bayesopt: 'Taxes by Bayesian optimisation', fixed: 'Fixed taxes', none: 'No taxes' })[s.leader],
  // The government (PPO leader) on Gaussian households.
  longRuns: [{ name: 'PPO government', input: { epochs: 1, households: 2, economies: 1, horizon: 8, hidden: 4, leaderWarmup: 1, leaderEvery: 10 }, mayBeNaN: EVALUATION_ONLY }],
  tiny: { households: 4, economies: 2, horizon: 8, hidden: 8, seeds: 2, leaderWarmup: 1, leaderEvery: 1 },
  // Each household chooses two shares (work, saving): a Gaussian over both. The seeds are runs side by side (seeds.ts).
  workload: (s) =>
    ppoWorkload(s, taxEconomyWorkload(s), { obsDim: OBS_DIM, actions: 2, gaussian: true, thetaDim: THETA_DIM, leaderObsDim: LEADER_OBS_DIM }, METRICS, { runs: s.seeds, what: `seeds = ${s.seeds}`, field: 'seeds' }),
  ...ppoParts(spec),
  // Seeds side by side (seeds.ts) where the scenario asks for more than one.
  experiment: async (s) => (await import('./seeds')).taxEconomySeeds(s, spec),
});
