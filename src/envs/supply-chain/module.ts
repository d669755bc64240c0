/** The beer-game supply chain calibrated to factory orders, as the engine, the worker and the command line run it. */
import { calibrationModule } from '../calibration/module-parts';
import { LAMBDA_MAX, supplyChainScenarioSchema, supplyChainWorkload, type SupplyChainScenario } from './config';
import { OBS_DIM, SupplyChainEnv } from './env';
import { LEVELS, STAGES } from './model';
import { SUPPLY_CHAIN_METRICS, supplyChainReferences } from './report';

export default calibrationModule<SupplyChainScenario>({
  id: 'supply-chain',
  label: 'Supply chain (beer game): calibrating bounded-rational stages to orders',
  schema: supplyChainScenarioSchema,
  metrics: SUPPLY_CHAIN_METRICS,
  words: {
    welfare: 'minus the mean cost per stage and week in the calibrator’s chains',
    leaderReward: "calibrator's reward: minus the 1-Wasserstein distance of its chains' factory orders to the target",
    entropy: "stages' policy entropy (nats; ln 9 = 2.197 is adjusting at random)",
    valueLoss: "stages' PPO value loss",
  },
  lambdaMax: LAMBDA_MAX,
  agents: () => STAGES,
  env: (s) => new SupplyChainEnv(s),
  references: supplyChainReferences,
  baseline: 'The same chains, same seed, demand and target, with no calibrator: every λ_i = 0 (fully rational stages).',
  // The calibrator (PPO leader) of one chain's four stages, the target simulated by one chain.
  // One chain's 8 weeks of whole-unit factory orders are often flat (every order cut to 0, or
  // passed through a flat stretch of demand): then their skewness, kurtosis and autocorrelation
  // are undefined (NaN), for the calibrator's chain and the target's (216 of 1000 iterations).
  longRuns: [
    {
      name: 'calibration',
      input: { epochs: 1, markets: 1, horizon: 8, targetMarkets: 1, hidden: 4, leaderWarmup: 1, leaderEvery: 10 },
      mayBeNaN: ['orderAcf1', 'orderSkew', 'orderKurt', 'targetAcf1', 'targetSkew', 'targetKurt'],
    },
  ],
  // A PPO calibrator setting each stage's lambda_i, updating every other episode.
  tiny: { markets: 2, horizon: 8, targetMarkets: 1, hidden: 8, calibrate: 'individual', leaderWarmup: 1, leaderEvery: 2 },
  workload: supplyChainWorkload,
  networks: () => ({ obsDim: OBS_DIM, actions: LEVELS }),
});
