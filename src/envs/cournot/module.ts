/** The Cournot oligopoly calibrated to prices, as the engine, the worker and the command line run it. */
import { calibrationWorkload } from '../calibration/config';
import { calibrationModule } from '../calibration/module-parts';
import { cournotScenarioSchema, LAMBDA_MAX, type CournotScenario } from './config';
import { CournotEnv, OBS_DIM } from './env';
import { COURNOT_METRICS, cournotReferences } from './report';

export default calibrationModule<CournotScenario>({
  id: 'cournot',
  label: 'Cournot oligopoly: calibrating bounded-rational firms to prices',
  schema: cournotScenarioSchema,
  metrics: COURNOT_METRICS,
  words: {
    welfare: 'mean firm profit per step, calibrator’s markets (price units × quantity)',
    leaderReward: "calibrator's reward: minus the 1-Wasserstein distance of its markets' prices to the target",
    entropy: "firms' policy entropy (nats; log K for a uniform policy)",
    valueLoss: "firms' PPO value loss",
  },
  lambdaMax: LAMBDA_MAX,
  agents: (s) => s.n,
  env: (s) => new CournotEnv(s),
  references: cournotReferences,
  baseline: 'The same firms, same seed and target, with no calibrator: every λ_i = 0 (fully rational firms).',
  // The calibrator (Bayesian optimisation: the one long run of that leader) on a synthetic target, two firms per market.
  longRuns: [{ name: 'calibration', input: { epochs: 1, n: 2, markets: 1, horizon: 8, targetMarkets: 1, hidden: 4, leader: 'bayesopt', leaderWarmup: 1, leaderEvery: 10 } }],
  tiny: { n: 3, markets: 2, horizon: 8, targetMarkets: 1, hidden: 8, calibrate: 'individual', leaderWarmup: 1, leaderEvery: 2 },
  workload: (s) => calibrationWorkload(s),
  networks: (s) => ({ obsDim: OBS_DIM, actions: s.levels }),
});
