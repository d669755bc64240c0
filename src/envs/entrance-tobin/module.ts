/** The market entrance game with a Tobin tax, as the engine, the worker and the command line run it. */
import type { MetricSpec } from '../../engine/experiment';
import { defineEnv, leaderOff } from '../env-module';
import { ppoParts, ppoWorkload } from '../ppo';
import { entranceScenarioSchema, entranceWorkload, type EntranceScenario } from './config';
import { EntranceEnv, OBS_DIM } from './env';

/** The trainer's figures (StackelbergTrainer's IterationMetrics, less the snapshot). */
const METRICS: MetricSpec[] = [
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

const fixedTheta = (s: EntranceScenario) => Float32Array.of(s.tau);
const range = (s: EntranceScenario) => ({ lo: [s.tauMin], hi: [s.tauMax] });

export default defineEnv<EntranceScenario>({
  id: 'entrance-tobin',
  label: 'Market entrance with a Tobin tax (PPO traders)',
  schema: entranceScenarioSchema,
  theta: { fields: ['tau'], fixed: fixedTheta, range, metrics: ['theta'] },
  metrics: METRICS,
  references: (s) => {
    const C = s.c * s.n;
    return [
      { id: 'capacity', label: 'capacity C', value: C },
      { id: 'mixedEquilibrium', label: 'mixed equilibrium n(C−1)/(n−1)', value: (s.n * (C - 1)) / (s.n - 1) },
    ];
  },
  iterations: (s) => s.iterations,
  baseline: leaderOff('The same traders, same seed, with no Tobin tax (τ = 0 in every market).', 'without'),
  leaderName: (s) => ({ ppo: 'Learned tax', bayesopt: 'Tax by Bayesian optimisation', fixed: `Fixed tax τ = ${s.tau}`, none: 'No tax' })[s.leader],
  // A PPO leader that updates every other episode: saved mid-way, its gathered decisions matter.
  longRuns: [
    // PPO traders and the PPO leader (volatility objective). Two traders often leave their market
    // empty for a whole episode, where the mean absolute percentage change is undefined (NaN).
    { name: 'PPO leader', input: { epochs: 1, n: 2, markets: 1, horizon: 8, hidden: 4, leaderWarmup: 1, leaderEvery: 10 }, mayBeNaN: ['mapc'] },
  ],
  tiny: { n: 4, markets: 2, horizon: 8, hidden: 8, leaderWarmup: 1, leaderEvery: 2 },
  workload: (s) => ppoWorkload(s, entranceWorkload(s), { obsDim: OBS_DIM, actions: 2, thetaDim: 1 }, METRICS),
  ...ppoParts<EntranceScenario>({
    build: (s) => ({ env: new EntranceEnv(s), thetaRange: range(s), fixedTheta: fixedTheta(s), objective: s.objective }),
    metrics: METRICS,
    fixedTheta,
    thetaRange: range,
  }),
});
