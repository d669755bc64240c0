/**
 * Long runs: 1000 iterations of every environment in the registry, with a saved state every 50
 * (as the worker's periodic checkpoints take it), must hold tf.memory().numTensors exactly flat
 * once warm and end with finite figures. A tensor left undisposed anywhere on the way (a rollout,
 * an update, a leader's step, an evaluation, a save) shows as a count that grows by the
 * iteration. The table is here; two test files run half of it each (long-run.test.ts and
 * long-run.calibration.test.ts), so vitest's two workers share the longest test of the suite.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { scenarioSchema, type EnvId, moduleOf } from '../scenario/schema';
import { EVAL_EVERY } from '../envs/market-maker/config';
import type { IterationReport } from './experiment';

const ITERATIONS = 1000;
const SAVE_EVERY = 50;
/**
 * The count taken as the baseline: by then every lazily made tensor exists (the leaders' first
 * updates and their optimisers' state, the market maker's first evaluations at 1 and EVAL_EVERY).
 */
const WARM = 2 * EVAL_EVERY;

/**
 * The smallest scenario the schema allows per environment that still takes every path of a
 * long run: horizon 8 and hidden 4 (the schema's least), one market or economy, the fewest
 * agents the schema allows, and a PPO leader that first updates at iteration 11, before WARM,
 * and then every 10 (leaderWarmup 1, leaderEvery 10). These runs are not meant to learn
 * anything. The time goes into the followers' PPO update, 16 minibatch steps an iteration
 * whatever the size (about 40 ms on tfjs-wasm here): 49 to 76 s per PPO environment in a
 * fresh-clone CI run on this project's 2-core machine, about 6 minutes for the whole table, so
 * it is split over two test files.
 */
/** The environments whose long runs long-run.calibration.test.ts takes. */
export const CALIBRATION_ENVS: EnvId[] = ['cobweb', 'cournot', 'supply-chain'];

export const LONG_RUNS: Record<string, { env: EnvId; input: Record<string, unknown>; mayBeNaN?: string[] }> = {
  // PPO traders and the PPO leader (volatility objective). Two traders often leave their market
  // empty for a whole episode, where the mean absolute percentage change is undefined (NaN).
  'entrance-tobin (PPO leader)': { env: 'entrance-tobin', input: { n: 2, markets: 1, horizon: 8, hidden: 4, leaderWarmup: 1, leaderEvery: 10 }, mayBeNaN: ['mapc'] },
  // I = 10 N = 1000 iterations, the late group starting half-way; both leader gradients (unrolled
  // over 2 steps, so its lookahead takes a follower step too).
  'entrance-diff (fairness leader, myopic)': { env: 'entrance-diff', input: { n: 10, runs: 1, iterationsPerAgent: 100, lateStart: 0.5 } },
  'entrance-diff (fairness leader, unrolled)': {
    env: 'entrance-diff',
    input: { n: 10, runs: 1, iterationsPerAgent: 100, lateStart: 0.5, leaderGradient: 'unrolled', unrollSteps: 2 },
  },
  // The calibrator (PPO leader) on a synthetic target simulated by one market.
  'cobweb (calibration)': { env: 'cobweb', input: { n: 2, markets: 1, horizon: 8, targetMarkets: 1, hidden: 4, leaderWarmup: 1, leaderEvery: 10 } },
  // The calibrator (Bayesian optimisation: the one long run of that leader) on a synthetic target, two firms per market.
  'cournot (calibration)': { env: 'cournot', input: { n: 2, markets: 1, horizon: 8, targetMarkets: 1, hidden: 4, leader: 'bayesopt', leaderWarmup: 1, leaderEvery: 10 } },
  // The calibrator (PPO leader) of one chain's four stages, the target simulated by one chain.
  // One chain's 8 weeks of whole-unit factory orders are often flat (every order cut to 0, or
  // passed through a flat stretch of demand): then their skewness, kurtosis and autocorrelation
  // are undefined (NaN), for the calibrator's chain and the target's (216 of 1000 iterations).
  'supply-chain (calibration)': {
    env: 'supply-chain',
    input: { markets: 1, horizon: 8, targetMarkets: 1, hidden: 4, leaderWarmup: 1, leaderEvery: 10 },
    mayBeNaN: ['orderAcf1', 'orderSkew', 'orderKurt', 'targetAcf1', 'targetSkew', 'targetKurt'],
  },
  // The government (PPO leader) on Gaussian households.
  'tax-economy (PPO government)': { env: 'tax-economy', input: { households: 2, economies: 1, horizon: 8, hidden: 4, leaderWarmup: 1, leaderEvery: 10 } },
  // The max-entropy leader over two omegas and the conditional MM's frozen plays every
  // EVAL_EVERY iterations (at 0.2, 0.8 and the three extrapolation omegas). No fixed-omega
  // baselines: each would be one more StackelbergTrainer with a FixedLeader (no tensors of its
  // own), played frozen the same way, and would add a PPO update to every iteration; without
  // them the shortfall against them is NaN by design.
  'market-maker (max-entropy leader)': { env: 'market-maker', input: { n: 1, markets: 1, horizon: 8, hidden: 4, omegas: '0.2,0.8', baselines: false }, mayBeNaN: ['shortfall'] },
};

/** The long-run test for the table's entries whose environment `runs` selects. */
export function longRunTests(runs: (env: EnvId) => boolean): void {
  describe.each(Object.entries(LONG_RUNS).filter(([, r]) => runs(r.env)))('%s over 1000 iterations', (_name, { env, input, mayBeNaN = [] }) => {
    it('holds the tensor count flat, saved every 50 iterations, and ends with finite figures', async () => {
      const s = scenarioSchema.parse({ env, ...input });
      const before = tf.memory().numTensors;
      const experiment = await moduleOf(s).experiment(s);
      let baseline = NaN;
      /** [iteration, numTensors] after each save. */
      const counts: [number, number][] = [];
      const notFinite = new Set<string>();
      let last: IterationReport | undefined;
      try {
        for (let i = 1; i <= ITERATIONS; i++) {
          last = await experiment.iterate();
          for (const [key, value] of Object.entries(last.metrics)) if (!Number.isFinite(value) && !mayBeNaN.includes(key)) notFinite.add(`${key} at ${i}`);
          if (i === WARM) baseline = tf.memory().numTensors;
          if (i % SAVE_EVERY === 0) {
            await experiment.saveState();
            counts.push([i, tf.memory().numTensors]);
          }
        }
      } finally {
        experiment.dispose();
      }
      expect(experiment.iterationsDone).toBe(ITERATIONS);
      expect(last!.iteration).toBe(ITERATIONS);
      expect(baseline).toBeGreaterThan(0);
      expect(counts).toEqual(counts.map(([i]) => [i, baseline]));
      expect([...notFinite].slice(0, 10)).toEqual([]);
      expect(Object.keys(last!.metrics).length).toBeGreaterThan(0);
      // Dispose frees everything the run made.
      expect(tf.memory().numTensors).toBe(before);
    });
  });
}
