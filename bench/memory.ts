/**
 * Figure 4: memory over ITERATIONS iterations of a small scenario in Node. tfjs tensors must
 * not leak (tf.memory().numTensors flat) and the JS heap, measured after a full GC, should
 * grow less than 10% from the baseline taken after a short warm-up (first-use allocations).
 * Needs `node --expose-gc`, which `npm run bench` passes.
 */
import * as tf from '@tensorflow/tfjs-core';
import { entranceScenarioSchema } from '../src/envs/entrance-tobin/config';
import { nodeBackend } from './lib/node';
import type { Figure } from './lib/output';
import { trainerOf } from '../src/envs/trainer';

const SMALL = entranceScenarioSchema.parse({ env: 'entrance-tobin', leader: 'ppo', n: 10, markets: 2, horizon: 32, seed: 1 });
const ITERATIONS = 1000;
/** Past the leader's warm-up (20 episodes): its first update creates its optimizer's state. */
const WARMUP = 50;
const EVERY = 100;

export async function memory(): Promise<Omit<Figure, 'machine'>> {
  const gc = globalThis.gc;
  if (!gc) throw new Error('figure 4 needs node --expose-gc (npm run bench passes it)');
  const backend = await nodeBackend();
  const heapMiB = () => {
    gc();
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  const trainer = trainerOf(SMALL);
  const tensors: number[] = [];
  const heap: number[] = [];
  const t0 = performance.now();
  try {
    for (let i = 1; i <= ITERATIONS; i++) {
      await trainer.iterate();
      if (i === WARMUP || i % EVERY === 0) {
        tensors.push(tf.memory().numTensors);
        heap.push(heapMiB());
      }
    }
  } finally {
    trainer.dispose();
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    figure: 4,
    name: 'memory',
    title: `Memory over ${ITERATIONS} iterations`,
    config: { env: SMALL.env, leader: SMALL.leader, n: SMALL.n, markets: SMALL.markets, horizon: SMALL.horizon, hidden: SMALL.hidden, iterations: ITERATIONS },
    rows: [
      {
        host: 'node',
        backend,
        numTensors: tensors,
        tensorGrowth: tensors.at(-1)! - tensors[0],
        heapMiB: heap.map((h) => Number(h.toFixed(2))),
        heapGrowthMiB: heap.at(-1)! - heap[0],
        heapGrowthPct: (100 * (heap.at(-1)! - heap[0])) / heap[0],
        seconds,
      },
    ],
    notes: [`Sampled after iteration ${WARMUP} (the baseline) and every ${EVERY}; heap = process.memoryUsage().heapUsed after gc(), of the whole bench process (tfjs, and Playwright when a browser figure ran first). Goal: tensorGrowth 0, heapGrowthPct under 10.`],
  };
}
