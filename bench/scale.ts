/**
 * Figure 5: scale. n = 1000 traders in one market (128 steps, 128 000 agent-steps an
 * iteration, about the standard configuration's work but with 10x the traders per market):
 * iterations per second in Node and in the lab's worker.
 */
import { entranceScenarioSchema } from '../src/envs/entrance-tobin/config';
import type { Lab } from './lib/lab';
import type { Figure } from './lib/output';
import { chromiumRate, nodeRate } from './lib/training-rate';

const LARGE = entranceScenarioSchema.parse({ env: 'entrance-tobin', leader: 'none', n: 1000, markets: 1, horizon: 128, hidden: 64, seed: 1, iterations: 1000 });

export async function scale(lab: () => Promise<Lab>): Promise<Omit<Figure, 'machine'>> {
  const s = LARGE;
  return {
    figure: 5,
    name: 'scale',
    title: 'Scale: 1000 traders',
    config: { env: s.env, leader: s.leader, n: s.n, markets: s.markets, horizon: s.horizon, hidden: s.hidden, seed: s.seed },
    rows: [await nodeRate(s, 120), await chromiumRate(await lab(), s, 150)],
    notes: ['Timed as figure 1: one warm-up iteration left out, then at least 3 iterations over at least 5 s.'],
  };
}
