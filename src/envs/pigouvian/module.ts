/** The Pigouvian tax on an externality, as the engine, the worker and the command line run it. */
import type { MetricSpec } from '../../engine/experiment';
import { defineEnv, leaderOff } from '../env-module';
import { ppoParts, ppoWorkload } from '../ppo';
import { pigouvianScenarioSchema, pigouvianWorkload, type PigouvianScenario } from './config';
import { OBS_DIM, PigouvianEnv } from './env';
import { PIGOUVIAN_METRICS, pigouvianReferences } from './report';

/** The environment's figures (its report), then the PPO run's. */
const METRICS: MetricSpec[] = [
  ...PIGOUVIAN_METRICS,
  { key: 'leaderReward', label: "regulator's reward: welfare W / W°, the first best's (1 at the optimum), mean over markets" },
  { key: 'entropy', label: "firms' policy entropy (nats; log K for a uniform policy)" },
  { key: 'valueLoss', label: "firms' PPO value loss" },
];

const fixedTheta = (s: PigouvianScenario) => Float32Array.of(s.t);
const range = (s: PigouvianScenario) => ({ lo: [s.tMin], hi: [s.tMax] });

export default defineEnv<PigouvianScenario>({
  id: 'pigouvian',
  label: 'Pigouvian tax on an externality: a regulator and Cournot firms',
  schema: pigouvianScenarioSchema,
  theta: { fields: ['t'], fixed: fixedTheta, range, metrics: ['tax'] },
  metrics: METRICS,
  references: pigouvianReferences,
  iterations: (s) => s.iterations,
  baseline: leaderOff('The same firms, same seed, with no tax (t = 0): the damage goes unpriced.', 'without a tax'),
  leaderName: (s) => ({ ppo: 'Learned tax', bayesopt: 'Tax by Bayesian optimisation', fixed: `Fixed tax t = ${s.t}`, none: 'No tax' })[s.leader],
  // The regulator observes a constant (env.ts: leaderObsDim = 1).
  workload: (s) => ppoWorkload(s, pigouvianWorkload(s), { obsDim: OBS_DIM, actions: s.levels, thetaDim: 1, leaderObsDim: 1 }, METRICS),
  // Two firms, the PPO regulator updating every 10 episodes (the conformance suite's tiny run has the default, Bayesian one).
  longRuns: [{ name: 'PPO regulator', input: { epochs: 1, n: 2, markets: 1, horizon: 8, hidden: 4, leader: 'ppo', leaderWarmup: 1, leaderEvery: 10 } }],
  tiny: { n: 2, markets: 2, horizon: 8, hidden: 8, leaderWarmup: 1, leaderEvery: 2 },
  // theta = t per unit in [tMin, tMax]; the regulator's reward is the market's welfare W / W°.
  ...ppoParts<PigouvianScenario>({
    build: (s) => ({ env: new PigouvianEnv(s), thetaRange: range(s), fixedTheta: fixedTheta(s), objective: 'socialWelfare' }),
    metrics: METRICS,
    fixedTheta,
    thetaRange: range,
  }),
});
