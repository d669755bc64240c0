/**
 * Long runs: 1000 iterations of every environment of the list, with a saved state every 50
 * (as the worker's periodic checkpoints take it), must hold tf.memory().numTensors exactly flat
 * once warm and end with finite figures. A tensor left undisposed anywhere on the way (a rollout,
 * an update, a leader's step, an evaluation, a save) shows as a count that grows by the
 * iteration.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { IterationReport } from '../engine/experiment';
import { moduleOf, scenarioSchema } from '../scenario/schema';
import { ENVS } from '.';
import { EVAL_EVERY } from './market-maker/config';

const ITERATIONS = 1000;
const SAVE_EVERY = 50;
/**
 * The count taken as the baseline: by then every lazily made tensor exists (the leaders' first
 * updates and their optimisers' state, the market maker's first evaluations at 1 and EVAL_EVERY).
 */
const WARM = 2 * EVAL_EVERY;

/**
 * Each environment's long runs are in its module (EnvModule.longRuns: the smallest scenario that
 * still takes every path). The time goes into the followers' PPO update: at one epoch, 4
 * minibatch steps an iteration whatever the size (12 to 19 ms an iteration on tfjs-wasm here,
 * against 31 to 52 ms at the default four epochs), so the runs are dealt alternately to two test
 * files (long-run.test.ts and long-run.more.test.ts), one for each of vitest's workers.
 */
export const LONG_RUNS = ENVS.flatMap(({ module }) => module.longRuns.map((run) => ({ ...run, env: module.id, name: `${module.id} (${run.name})` })));

/** The long-run tests of every other entry of LONG_RUNS, from the `half`-th (0 or 1). */
export function longRunTests(half: 0 | 1): void {
  describe.each(LONG_RUNS.filter((_, i) => i % 2 === half).map((r) => [r.name, r] as const))('%s over 1000 iterations', (_name, { env, input, mayBeNaN = [] }) => {
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
