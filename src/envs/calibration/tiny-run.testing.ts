/**
 * The determinism and tensor-hygiene tests every calibration environment runs on a tiny
 * scenario (imported by each environment's env.test.ts; not a test file itself).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../scenario/schema';
import { StackelbergTrainer, type IterationMetrics } from '../../engine/stackelberg';
import { trainerOf } from '../trainer';

async function run(trainer: StackelbergTrainer, k: number): Promise<IterationMetrics[]> {
  const out: IterationMetrics[] = [];
  for (let i = 0; i < k; i++) out.push(await trainer.iterate());
  return out;
}
const figures = (ms: IterationMetrics[]) => ms.map((m) => ({ ...m, ms: 0 }));

/**
 * `tiny(overrides)`: a small scenario with seed 7 and the given leader; each leader in `leaders`
 * is run twice with the same seed (same figures) and once with seed 8 (another W1).
 */
export function tinyRunTests(tiny: (o: Record<string, unknown>) => Scenario, leaders: string[] = ['ppo']): void {
  describe('a tiny trained run', () => {
    it.each(leaders)('is deterministic: same seed, same figures; another seed, other figures (%s leader)', async (leader) => {
      const results = [];
      for (let r = 0; r < 2; r++) {
        const trainer = trainerOf(tiny({ leader }));
        results.push(figures(await run(trainer, 3)));
        trainer.dispose();
      }
      expect(results[0]).toEqual(results[1]);
      const other = trainerOf(tiny({ leader, seed: 8 }));
      const different = figures(await run(other, 3));
      other.dispose();
      expect(different[2].envMetrics.w1).not.toBe(results[0][2].envMetrics.w1);
    });

    it('keeps tf.memory().numTensors flat across iterations and frees everything on dispose', async () => {
      const before = tf.memory().numTensors;
      const trainer = trainerOf(tiny({ calibrate: 'individual' }));
      await run(trainer, 2);
      const settled = tf.memory().numTensors;
      await run(trainer, 4);
      expect(tf.memory().numTensors).toBe(settled);
      trainer.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  });
}
