/** The cobweb market calibrated to prices, as the engine, the worker and the command line run it. */
import { calibrationWorkload } from '../calibration/config';
import { calibrationModule } from '../calibration/module-parts';
import { cobwebScenarioSchema, LAMBDA_MAX, type CobwebScenario } from './config';
import { CobwebEnv, OBS_DIM } from './env';
import { LEVELS } from './model';
import { COBWEB_METRICS, cobwebReferences } from './report';

export default calibrationModule<CobwebScenario>({
  id: 'cobweb',
  label: 'Cobweb market: calibrating bounded-rational producers to prices',
  schema: cobwebScenarioSchema,
  metrics: COBWEB_METRICS,
  words: {
    welfare: 'mean producer reward per step (0 to 1300)',
    leaderReward: "calibrator's reward: minus the 1-Wasserstein distance of its markets' prices to the target",
    entropy: "producers' policy entropy (nats)",
    valueLoss: "producers' PPO value loss",
  },
  lambdaMax: LAMBDA_MAX,
  agents: (s) => s.n,
  env: (s) => new CobwebEnv(s),
  references: cobwebReferences,
  baseline: 'The same producers, same seed and target, with no calibrator: every λ_i = 0 (fully rational producers).',
  // The calibrator (PPO leader) on a synthetic target simulated by one market.
  longRuns: [{ name: 'calibration', input: { epochs: 1, n: 2, markets: 1, horizon: 8, targetMarkets: 1, hidden: 4, leaderWarmup: 1, leaderEvery: 10 } }],
  // A Bayesian-optimisation leader past its warmup, with a batch being replayed.
  tiny: { n: 3, markets: 2, horizon: 8, targetMarkets: 1, hidden: 8, leader: 'bayesopt', leaderWarmup: 1, leaderEvery: 2 },
  workload: (s) => calibrationWorkload(s),
  networks: () => ({ obsDim: OBS_DIM, actions: LEVELS }),
  // Its markets calibrated by (mu, sigma), with one target market (unused: the run's target is compared).
  landscape: {
    env: (s, markets) => new CobwebEnv({ ...s, markets, calibrate: 'distribution', target: 'synthetic', targetMarkets: 1, targetData: '' }),
    every: (s) => s.landscapeEvery,
  },
});
