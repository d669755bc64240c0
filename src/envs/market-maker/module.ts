/** The market maker with one policy for every preference (robust learning), as the engine, the worker and the command line run it. */
import { defineEnv } from '../env-module';
import { ppoParts, ppoWorkload } from '../ppo';
import { LEVELS, marketMakerScenarioSchema, marketMakerWorkload, parseList, type MarketMakerScenario } from './config';
import { MarketMakerEnv, OBS_DIM } from './env';
import { MARKET_MAKER_RUN_METRICS } from './report';

const fixedTheta = (s: MarketMakerScenario) => Float32Array.of(s.omega);

/** theta = omega in [0, 1]; the robust-learning leader's reward is its own entropy. */
const build = (s: MarketMakerScenario) => ({
  env: new MarketMakerEnv(s),
  thetaRange: { lo: [0], hi: [1] },
  fixedTheta: fixedTheta(s),
  objective: 'robustness' as const,
  thetaSet: { values: parseList(s.omegas), prior: s.leader === 'prior' ? parseList(s.prior) : null },
});

export default defineEnv<MarketMakerScenario>({
  id: 'market-maker',
  label: 'Market maker: one policy for every preference (robust learning)',
  schema: marketMakerScenarioSchema,
  theta: { fields: ['omega'], fixed: fixedTheta, range: () => ({ lo: [0], hi: [1] }), metrics: ['omegaMean'] },
  metrics: MARKET_MAKER_RUN_METRICS,
  references: () => [],
  iterations: (s) => s.iterations,
  // There is no "no preference": the natural baseline is one market maker trained at one omega.
  // Its own fixed-omega baselines would only repeat it, at a run's cost each, so they are off.
  baseline: (s) => ({
    scenario: { ...s, leader: 'fixed', baselines: false },
    description: `The same market makers, same seed, trained at one fixed ω = ${s.omega} instead of a distribution over ω (without fixed-ω baselines of its own).`,
    against: `at fixed ω = ${s.omega}`,
  }),
  leaderName: (s) => ({ maxent: 'Maximum-entropy ω', prior: 'Prior over ω', fixed: `Fixed ω = ${s.omega}` })[s.leader],
  // The max-entropy leader over two omegas and the conditional MM's frozen plays every
  // EVAL_EVERY iterations (at 0.2, 0.8 and the three extrapolation omegas). No fixed-omega
  // baselines: each would be one more StackelbergTrainer with a FixedLeader (no tensors of its
  // own), played frozen the same way, and would add a PPO update to every iteration; without
  // them the shortfall against them is NaN by design.
  longRuns: [{ name: 'max-entropy leader', input: { epochs: 1, n: 1, markets: 1, horizon: 8, hidden: 4, omegas: '0.2,0.8', baselines: false }, mayBeNaN: ['shortfall'] }],
  tiny: { n: 5, markets: 2, horizon: 8, hidden: 8, omegas: '0.2,0.8', baselines: true },
  // The conditional MM and, with baselines, one trained at each omega of the set (experiment.ts), side by side.
  workload: (s) => {
    const baselines = s.baselines ? parseList(s.omegas).length : 0;
    const side = { runs: 1 + baselines, what: `the conditional market maker and ${baselines} baselines, one per omega`, field: 'omegas' };
    return ppoWorkload(s, marketMakerWorkload(s), { obsDim: OBS_DIM, actions: LEVELS, thetaDim: 1 }, MARKET_MAKER_RUN_METRICS, baselines ? side : undefined);
  },
  ...ppoParts<MarketMakerScenario>({ build, metrics: MARKET_MAKER_RUN_METRICS, fixedTheta }),
  // Beside the conditional MM, one trained at each omega of the set (experiment.ts).
  experiment: async (s) => (await import('./experiment')).createMarketMakerExperiment(s, build),
  // The maximum-entropy leader recomputes its distribution every episode.
  leaderSchedule: (s) => (s.leader === 'fixed' ? null : { warmup: 0, every: 1 }),
});
