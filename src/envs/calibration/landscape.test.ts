/**
 * The fit landscape's plumbing, without training: the grid, each cell's theta in its copies,
 * the warm-up episode left out and each cell's W1 over its own markets' pooled series.
 */
import { describe, expect, it } from 'vitest';
import type { BatchedEnv } from '../../engine/env';
import { wasserstein1 } from '../../engine/metrics';
import { Rng } from '../../engine/rng';
import { cobwebScenarioSchema, LAMBDA_MAX } from '../cobweb/config';
import { CobwebEnv } from '../cobweb/env';
import { fitLandscape, landscapeGrid, type FrozenPlayer } from './landscape';

describe('landscapeGrid', () => {
  it('spans [0, lambdaMax] on both axes, mu fastest', () => {
    const { mu, sigma } = landscapeGrid(3, 0.3);
    expect(Array.from(mu, (v) => +v.toFixed(6))).toEqual([0, 0.15, 0.3, 0, 0.15, 0.3, 0, 0.15, 0.3]);
    expect(Array.from(sigma, (v) => +v.toFixed(6))).toEqual([0, 0, 0, 0.15, 0.15, 0.15, 0.3, 0.3, 0.3]);
  });
});

describe('fitLandscape', () => {
  const settings = { side: 3, replicates: 2, episodes: 2 };
  const T = 8;
  const env = () => new CobwebEnv({ ...cobwebScenarioSchema.parse({ env: 'cobweb', horizon: T }), markets: 18, targetMarkets: 1 });

  /** A stand-in for the trained followers: copy e's value at step t of episode k is theta's mu + sigma + k + t / 100 (k = 0 the warm-up, at 100). */
  const player: FrozenPlayer = async (e: BatchedEnv, episodes: number) =>
    Array.from({ length: episodes }, (_, k) =>
      Float64Array.from({ length: T * e.copies }, (_, i) => {
        const [t, c] = [Math.floor(i / e.copies), i % e.copies];
        const theta = c < e.leaderCopies ? e.theta[2 * c] + e.theta[2 * c + 1] : -1;
        return k === 0 ? 100 : theta + k + t / 100;
      }),
    );

  it("sets each cell's (mu, sigma) in its replicates and measures W1 over their measured episodes", async () => {
    const target = Float64Array.from({ length: 50 }, (_, i) => 1 + i / 50);
    const l = await fitLandscape(player, env(), target, LAMBDA_MAX, settings, Rng.fromSeed(1));
    expect(l.w1).toHaveLength(9);
    for (let j = 0; j < 9; j++) {
      // Two replicates x episodes 1 and 2 x T steps; the warm-up's 100s are not among them.
      const own = [1, 2].flatMap((k) => [0, 1].flatMap(() => Array.from({ length: T }, (_, t) => l.mu[j] + l.sigma[j] + k + t / 100)));
      expect(l.w1[j]).toBeCloseTo(wasserstein1(own, target), 5);
    }
  });

  it('refuses an environment whose copies do not match the grid', async () => {
    const small = new CobwebEnv({ ...cobwebScenarioSchema.parse({ env: 'cobweb', horizon: T }), markets: 4 });
    await expect(fitLandscape(player, small, [1, 2], LAMBDA_MAX, settings, Rng.fromSeed(1))).rejects.toThrow(/18 copies/);
  });
});
